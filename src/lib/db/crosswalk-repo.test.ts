import { describe, expect, it } from 'vitest';
import { exportBackup, restoreBackup } from './backup';
import {
  addCrosswalkEntry,
  applyImportWithCrosswalk,
  deleteCrosswalkEntry,
  getCrosswalkAccount,
  linkSourceId,
  listCrosswalk,
  readCrosswalkEditor,
  repointSourceId,
  updateCrosswalkEntry,
  upsertCrosswalk,
} from './crosswalk-repo';
import { undoImport } from './import-undo';
import { failWritesTo, quotaError } from './testing/failures';
import { freshDb, makeAccount, makeSeries } from './testing/factories';

const acmeStripe = { source: 'stripe', sourceId: 'cus_1', accountId: 'acme' };

describe('crosswalk repository', () => {
  it('adds, lists, updates and deletes entries', async () => {
    const db = freshDb();
    await addCrosswalkEntry(db, acmeStripe);
    await addCrosswalkEntry(db, { source: 'stripe', sourceId: 'cus_2', accountId: 'acme' });
    await addCrosswalkEntry(db, { source: 'hubspot', sourceId: '1001', accountId: 'acme' });
    await addCrosswalkEntry(db, { source: 'hubspot', sourceId: '1002', accountId: 'globex' });
    await expect(addCrosswalkEntry(db, { ...acmeStripe, accountId: 'x' })).rejects.toThrow();
    expect((await listCrosswalk(db, { accountId: 'acme' })).map((e) => e.sourceId)).toEqual([
      '1001',
      'cus_1',
      'cus_2',
    ]);
    expect((await listCrosswalk(db, { source: 'hubspot' })).map((e) => e.accountId)).toEqual([
      'acme',
      'globex',
    ]);
    expect(await updateCrosswalkEntry(db, 'stripe', 'cus_2', 'globex')).toBe(true);
    expect(await updateCrosswalkEntry(db, 'stripe', 'nope', 'globex')).toBe(false);
    expect(await getCrosswalkAccount(db, 'stripe', 'cus_2')).toBe('globex');
    await deleteCrosswalkEntry(db, 'stripe', 'cus_2');
    expect(await getCrosswalkAccount(db, 'stripe', 'cus_2')).toBeUndefined();
    expect(await listCrosswalk(db)).toHaveLength(3);
  });

  it('upserts in bulk and counts added, updated and unchanged entries', async () => {
    const db = freshDb();
    await addCrosswalkEntry(db, acmeStripe);
    await addCrosswalkEntry(db, { source: 'stripe', sourceId: 'cus_2', accountId: 'acme' });
    const counts = await upsertCrosswalk(db, [
      acmeStripe,
      { source: 'stripe', sourceId: 'cus_2', accountId: 'globex' },
      { source: 'zendesk', sourceId: 'org:Acme', accountId: 'acme' },
    ]);
    expect(counts).toEqual({ added: 1, updated: 1, unchanged: 1 });
    expect(await getCrosswalkAccount(db, 'stripe', 'cus_2')).toBe('globex');
  });

  it('writes nothing when the bulk upsert fails (one transaction)', async () => {
    const db = freshDb();
    // The middleware must be installed before the database opens; armed only for the upsert.
    const failure = failWritesTo(db, 'crosswalk', quotaError);
    failure.armed = false;
    await addCrosswalkEntry(db, acmeStripe);
    failure.armed = true;
    await expect(
      upsertCrosswalk(db, [
        { source: 'stripe', sourceId: 'cus_9', accountId: 'acme' },
        { ...acmeStripe, accountId: 'globex' },
      ]),
    ).rejects.toThrow(/quota/i);
    failure.armed = false;
    expect(await listCrosswalk(db)).toEqual([acmeStripe]);
  });

  it('applies an import and its crosswalk together, or neither', async () => {
    const db = freshDb();
    const plan = {
      fileName: 'stripe.csv',
      kind: 'events',
      rows: 1,
      mapping: {},
      accounts: [makeAccount('stripe-cus_7')],
      series: [makeSeries('stripe-cus_7', 'mrr', [10], [99])],
    };
    const failure = failWritesTo(db, 'crosswalk', quotaError);
    const entry = { source: 'stripe', sourceId: 'cus_7', accountId: 'stripe-cus_7' };
    await expect(applyImportWithCrosswalk(db, plan, [entry])).rejects.toThrow(/quota/i);
    expect(await db.accounts.count()).toBe(0);
    expect(await db.imports.count()).toBe(0);
    failure.armed = false;
    const { record, crosswalk } = await applyImportWithCrosswalk(db, plan, [entry]);
    expect(crosswalk.added).toBe(1);
    expect(await getCrosswalkAccount(db, 'stripe', 'cus_7')).toBe('stripe-cus_7');
    // Undoing the import that created the account removes its crosswalk entries too.
    await undoImport(db, record.id);
    expect(await listCrosswalk(db)).toEqual([]);
  });

  it('round-trips through a backup', async () => {
    const source = freshDb();
    await source.accounts.add(makeAccount('acme'));
    await upsertCrosswalk(source, [
      acmeStripe,
      { source: 'salesforce', sourceId: '001Dn00000Ab1CdIAJ', accountId: 'acme' },
    ]);
    const backup = JSON.parse(JSON.stringify(await exportBackup(source, 1))) as unknown;
    const target = freshDb();
    await restoreBackup(target, backup);
    expect(await listCrosswalk(target)).toEqual(await listCrosswalk(source));
  });

  it('reads every entry with the account names, sorted, for the editor', async () => {
    const db = freshDb();
    await db.accounts.bulkAdd([
      makeAccount('b1', { name: 'Globex' }),
      makeAccount('a2', { name: 'Acme' }),
      makeAccount('a1', { name: 'Acme' }),
    ]);
    await upsertCrosswalk(db, [
      { source: 'zendesk', sourceId: 'org:Acme', accountId: 'a1' },
      { source: 'stripe', sourceId: 'cus_2', accountId: 'b1' },
      { source: 'stripe', sourceId: 'cus_1', accountId: 'gone' },
    ]);
    const data = await readCrosswalkEditor(db);
    expect(data.entries.map((e) => `${e.source}/${e.sourceId}`)).toEqual([
      'stripe/cus_1',
      'stripe/cus_2',
      'zendesk/org:Acme',
    ]);
    expect(data.accounts).toEqual([
      { id: 'a1', name: 'Acme' },
      { id: 'a2', name: 'Acme' },
      { id: 'b1', name: 'Globex' },
    ]);
    expect(await readCrosswalkEditor(freshDb())).toEqual({ entries: [], accounts: [] });
  });

  it('links a source id by hand only to an existing account and only once', async () => {
    const db = freshDb();
    await db.accounts.bulkAdd([makeAccount('acme'), makeAccount('globex')]);
    expect(await linkSourceId(db, acmeStripe)).toEqual({ ok: true });
    expect(await getCrosswalkAccount(db, 'stripe', 'cus_1')).toBe('acme');
    expect(await linkSourceId(db, { ...acmeStripe, accountId: 'globex' })).toEqual({
      ok: false,
      reason: 'taken',
      accountId: 'acme',
    });
    expect(
      await linkSourceId(db, { source: 'hubspot', sourceId: '42', accountId: 'nobody' }),
    ).toEqual({ ok: false, reason: 'no-account' });
    // Refused writes change nothing.
    expect(await listCrosswalk(db)).toEqual([acmeStripe]);
  });

  it('re-points an entry only to an existing account', async () => {
    const db = freshDb();
    await db.accounts.bulkAdd([makeAccount('acme'), makeAccount('globex')]);
    await addCrosswalkEntry(db, acmeStripe);
    expect(await repointSourceId(db, 'stripe', 'cus_1', 'globex')).toEqual({ ok: true });
    expect(await getCrosswalkAccount(db, 'stripe', 'cus_1')).toBe('globex');
    expect(await repointSourceId(db, 'stripe', 'cus_1', 'nobody')).toEqual({
      ok: false,
      reason: 'no-account',
    });
    expect(await repointSourceId(db, 'stripe', 'cus_9', 'acme')).toEqual({
      ok: false,
      reason: 'missing',
    });
    expect(await listCrosswalk(db)).toEqual([{ ...acmeStripe, accountId: 'globex' }]);
  });
});
