import { describe, expect, it } from 'vitest';
import { ModelVersionError } from './errors';
import {
  attachBacktest,
  getActiveModel,
  getModelVersion,
  listModelVersions,
  saveModelVersion,
  setActiveModel,
} from './models-repo';
import { deleteSetting, getSetting, setSetting } from './settings-repo';
import { freshDb } from './testing/factories';

const doc = { groups: [{ id: 'usage', weight: 30 }] };

describe('model versions', () => {
  it('saves, lists in order and refuses to overwrite a version', async () => {
    const db = freshDb();
    await saveModelVersion(db, {
      modelId: 'b',
      version: 1,
      name: 'B',
      document: doc,
      createdAt: 5,
    });
    await saveModelVersion(db, {
      modelId: 'a',
      version: 2,
      name: 'A2',
      document: doc,
      createdAt: 6,
    });
    const a1 = await saveModelVersion(db, { modelId: 'a', version: 1, name: 'A', document: doc });
    expect(a1.key).toBe('a@1');
    expect((await listModelVersions(db)).map((m) => m.key)).toEqual(['a@1', 'a@2', 'b@1']);
    expect((await listModelVersions(db, 'a')).map((m) => m.version)).toEqual([1, 2]);
    await expect(
      saveModelVersion(db, { modelId: 'a', version: 1, name: 'changed', document: {} }),
    ).rejects.toBeInstanceOf(ModelVersionError);
    expect((await getModelVersion(db, 'a@1'))?.name).toBe('A');
  });

  it('attaches backtest results', async () => {
    const db = freshDb();
    await saveModelVersion(db, { modelId: 'a', version: 1, name: 'A', document: doc });
    await attachBacktest(db, 'a@1', { auc: 0.81 });
    expect((await getModelVersion(db, 'a@1'))?.backtest).toEqual({ auc: 0.81 });
    await expect(attachBacktest(db, 'zz@1', {})).rejects.toBeInstanceOf(ModelVersionError);
  });

  it('sets and gets the active model, refusing unknown keys', async () => {
    const db = freshDb();
    expect(await getActiveModel(db)).toBeUndefined();
    await saveModelVersion(db, { modelId: 'a', version: 1, name: 'A', document: doc });
    await setActiveModel(db, 'a@1');
    expect((await getActiveModel(db))?.document).toEqual(doc);
    await expect(setActiveModel(db, 'nope@1')).rejects.toBeInstanceOf(ModelVersionError);
    expect((await getActiveModel(db))?.key).toBe('a@1');
  });
});

describe('settings', () => {
  it('gets, sets and deletes JSON values', async () => {
    const db = freshDb();
    expect(await getSetting(db, 'horizon')).toBeUndefined();
    await setSetting(db, 'horizon', { days: 60 });
    expect(await getSetting<{ days: number }>(db, 'horizon')).toEqual({ days: 60 });
    await deleteSetting(db, 'horizon');
    expect(await getSetting(db, 'horizon')).toBeUndefined();
  });
});
