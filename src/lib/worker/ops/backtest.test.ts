// The backtest, fit and compare operations against a real (fake-indexeddb) database holding the
// demo book: results, the stored summary, and that fitting writes nothing.
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDemoBook } from '../../engine/demo';
import { isoToDay } from '../../engine/dates';
import { getDb, getModelVersion, listModelVersions, replaceBook, saveModelVersion } from '../../db';
import { ensureActiveModel } from './active-model';
import backtest from './backtest';
import compareVersions from './compare';
import fitWeights from './fit';
import acceptFit from './fit-accept';

const TODAY = isoToDay('2026-11-23')!;

describe('backtest operations on the demo book', () => {
  beforeAll(async () => {
    await replaceBook(getDb(), generateDemoBook({ endDay: TODAY }));
  });

  it('backtests the active model at three horizons and stores the compact summary', async () => {
    const progress: number[] = [];
    const run = await backtest(
      { modelKey: null, horizons: [30, 60, 90], excludeUnavoidable: false },
      (p) => progress.push(p.fraction),
    );
    expect(run.horizons.map((h) => h.report.horizon_days)).toEqual([30, 60, 90]);
    const at60 = run.horizons[1].report;
    expect(at60.auc).toBeGreaterThan(0.7);
    expect(at60.auc).toBeLessThan(0.95);
    expect(at60.n_churned).toBeGreaterThan(0);
    expect(progress.at(-1)).toBe(1);
    for (const c of at60.details.churned_while_green) expect(run.names[c.accountId]).toBeTruthy();
    expect(run.horizons[1].renewal.map((s) => s.threshold)).toContain(80);

    const stored = (await getModelVersion(getDb(), run.modelKey))?.backtest;
    expect(stored).toEqual(run.summary);
    expect(JSON.stringify(stored)).not.toContain('details');
    expect((stored as typeof run.summary).horizons[1].auc).toBe(at60.auc);
  });

  it('suggests weights without saving anything, and says why when not offered', async () => {
    const before = await listModelVersions(getDb());
    const fit = await fitWeights({
      modelKey: null,
      horizonDays: 60,
      folds: 5,
      split: 'account',
      excludeUnavoidable: false,
      redCatchShare: 0.5,
    });
    expect(await listModelVersions(getDb())).toHaveLength(before.length);
    expect(fit.outOfSample.auc).toBeGreaterThan(0.5);
    expect(fit.baseline?.auc).toBeGreaterThan(0.5);
    expect(fit.model.bands.redMax).toBeLessThan(fit.model.bands.amberMax);
    expect(fit.reasons.length > 0).toBe(!fit.offered);
  });

  it('compares two saved versions on the same outcomes and lists band changes', async () => {
    const db = getDb();
    const active = await ensureActiveModel(db);
    const fit = await fitWeights({
      modelKey: null,
      horizonDays: 60,
      folds: 5,
      split: 'account',
      excludeUnavoidable: false,
    });
    const v2 = await saveModelVersion(db, {
      modelId: active.model.id,
      version: active.model.version + 1,
      name: 'Fitted',
      document: { ...fit.model, id: active.model.id, version: active.model.version + 1 },
    });
    const cmp = await compareVersions({
      beforeKey: active.key,
      afterKey: v2.key,
      horizons: [60],
      excludeUnavoidable: false,
    });
    expect(cmp.before.reports[0].n_outcomes).toBe(cmp.commonOutcomes[0]);
    expect(cmp.bandChanges.length).toBeGreaterThan(0);
    const stored = (await getModelVersion(db, v2.key))?.backtest as { horizons: { auc: number }[] };
    expect(stored.horizons[0].auc).toBe(cmp.after.reports[0].auc);
    for (const c of cmp.bandChanges) {
      expect(c.before.band).not.toBe(c.after.band);
      expect(cmp.names[c.accountId]).toBeTruthy();
    }
  });

  it('accepting a fit saves it as the next active version of the active model id', async () => {
    const db = getDb();
    const active = await ensureActiveModel(db);
    const before = await listModelVersions(db, active.model.id);
    const fit = await fitWeights({
      modelKey: null,
      horizonDays: 60,
      folds: 5,
      split: 'account',
      excludeUnavoidable: false,
      capacity: 15,
    });
    const saved = await acceptFit({ fitted: fit.model, baseName: `${active.model.name} (fitted)` });
    const maxBefore = Math.max(...before.map((v) => v.version));
    expect(saved.version).toBe(maxBefore + 1);
    const now = await ensureActiveModel(db);
    expect(now.key).toBe(saved.key);
    expect(now.model).toMatchObject({
      id: active.model.id,
      version: saved.version,
      name: `${active.model.name.replace(/ \(fitted\)$/, '')} (fitted)`,
      bands: fit.model.bands,
    });
    expect(await listModelVersions(db, active.model.id)).toHaveLength(before.length + 1);
  });

  it('refuses a book without outcomes with a plain input error', async () => {
    const book = generateDemoBook({ endDay: TODAY });
    await replaceBook(getDb(), { ...book, outcomes: [] });
    await expect(
      backtest({ modelKey: null, horizons: [60], excludeUnavoidable: false }),
    ).rejects.toMatchObject({ name: 'InputError' });
  });
});
