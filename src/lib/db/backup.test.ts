import { describe, expect, it } from 'vitest';
import { exportBackup, restoreBackup } from './backup';
import { BACKUP_FORMAT } from './backup-schema';
import { replaceBook } from './book-repo';
import { BackupInvalidError } from './errors';
import { applyImport } from './import-repo';
import { undoImport } from './import-undo';
import { addNote } from './manual-repo';
import { saveModelVersion, setActiveModel } from './models-repo';
import { saveScores } from './scores-repo';
import { setSetting } from './settings-repo';
import { dumpTables } from './testing/migration-harness';
import { freshDb, makeAccount, makeOutcome, makeSeries, makeSummary } from './testing/factories';
import type { CanaryDb } from './canary-db';

async function fill(db: CanaryDb): Promise<void> {
  await replaceBook(db, {
    accounts: [makeAccount('a1'), makeAccount('a2', { segment: null })],
    series: [makeSeries('a1', 'logins', [1, 8, 15], [3.25, NaN, -0])],
    outcomes: [makeOutcome('a1', 40, { outcome: 'churned', avoidable: false })],
    pulses: [{ accountId: 'a1', day: 9, value: 2, reason: 'silent' }],
    overrides: [
      { accountId: 'a2', day: 3, band: 'green', reason: 'renewed early', expiresDay: 30 },
    ],
  });
  await applyImport(db, {
    fileName: 'more.csv',
    kind: 'signals',
    rows: 2,
    mapping: { date: 'Date' },
    at: 10,
    series: [makeSeries('a2', 'seats', [2, 3], [10, 11])],
  });
  await addNote(db, { accountId: 'a1', day: 9, text: 'called', createdAt: 99 });
  await saveModelVersion(db, {
    modelId: 'm',
    version: 1,
    name: 'M',
    document: { w: 1 },
    createdAt: 1,
  });
  await setActiveModel(db, 'm@1');
  await setSetting(db, 'horizon', 60);
  await saveScores(db, 'm@1', 15, [
    {
      accountId: 'a1',
      score: 42.5,
      band: 'amber',
      coverage: 0.5,
      trendDelta: null,
      explanation: 'Amber 42',
      summary: makeSummary({ patterns: ['x'] }),
      breakdown: { p: ['x'] },
    },
  ]);
  await db.crosswalk.add({ source: 'hubspot', sourceId: '77', accountId: 'a1' });
}

describe('backup', () => {
  it('round-trips every table exactly through JSON', async () => {
    const source = freshDb();
    await fill(source);
    const backup = await exportBackup(source, 123);
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, schemaVersion: 2, exportedAt: 123 });
    const json = JSON.parse(JSON.stringify(backup)) as unknown;
    const target = freshDb();
    await setSetting(target, 'stale', true);
    await restoreBackup(target, json);
    expect(await dumpTables(target)).toEqual(await dumpTables(source));
    const [logins] = await target.series.toArray();
    expect(Number.isNaN(logins.values[1])).toBe(true);
    expect(Object.is(logins.values[2], -0)).toBe(true);
    // Undo data survived too: the restored import can still be undone.
    await undoImport(target, 1);
    expect(await target.series.get(['a2', 'seats'])).toBeUndefined();
  });

  it('restores a schema-1 backup, splitting each score into its summary and breakdown', async () => {
    const source = freshDb();
    await fill(source);
    const doc = JSON.parse(JSON.stringify(await exportBackup(source))) as Doc;
    // Rewrite the document the way Canary's first release wrote it.
    doc.schemaVersion = 1;
    doc.tables.currentScores = doc.tables.currentScores.map((c) => {
      const { summary: _summary, ...rest } = c;
      return {
        ...rest,
        detail: {
          score: {
            accountId: c.accountId,
            trend: { direction: 'down', change: -6, windowDays: 28 },
            daysToRenewal: 40,
            stage: 'adopting',
            patterns: [{ id: 'p', name: 'Seats unused' }],
            override: null,
          },
          priority: 9.5,
          rank: 2,
          priorityReason: 'Renews in 40 days',
        },
      };
    });
    delete (doc.tables as Record<string, unknown>).scoreDetails;
    const target = freshDb();
    await restoreBackup(target, doc);
    expect(await target.currentScores.get('a1')).toMatchObject({
      score: 42.5,
      summary: {
        priority: 9.5,
        rank: 2,
        priorityReason: 'Renews in 40 days',
        overridden: false,
        trendDirection: 'down',
        trendWindowDays: 28,
        daysToRenewal: 40,
        stage: 'adopting',
        patterns: ['Seats unused'],
      },
    });
    expect(await target.currentScores.get('a1')).not.toHaveProperty('detail');
    expect(await target.scoreDetails.get('a1')).toMatchObject({
      modelKey: 'm@1',
      asOfDay: 15,
      breakdown: { daysToRenewal: 40, stage: 'adopting' },
    });
    // Everything else came back as it was.
    const [a, b] = [await dumpTables(target), await dumpTables(source)];
    for (const t of Object.keys(b).filter((t) => !['currentScores', 'scoreDetails'].includes(t))) {
      expect(a[t]).toEqual(b[t]);
    }
  });

  async function expectRejectedUnchanged(mutate: (doc: Record<string, unknown>) => unknown) {
    const db = freshDb();
    await fill(db);
    const before = await dumpTables(db);
    const doc = JSON.parse(JSON.stringify(await exportBackup(db))) as Record<string, unknown>;
    const error = await restoreBackup(db, mutate(doc)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupInvalidError);
    expect(await dumpTables(db)).toEqual(before);
    return (error as Error).message;
  }

  type Doc = Record<string, unknown> & { tables: Record<string, Record<string, unknown>[]> };

  it('rejects something that is not a backup', async () => {
    expect(await expectRejectedUnchanged(() => ({ hello: 1 }))).toMatch(/not a Canary backup/);
    expect(await expectRejectedUnchanged(() => null)).toMatch(/not a Canary backup/);
  });

  it('rejects a backup from a newer schema', async () => {
    const message = await expectRejectedUnchanged((d) => ({ ...d, schemaVersion: 99 }));
    expect(message).toMatch(/newer Canary/);
  });

  it('rejects a wrong field and names where it is', async () => {
    const message = await expectRejectedUnchanged((d) => {
      (d as Doc).tables.outcomes[0].outcome = 'lost';
      return d;
    });
    expect(message).toMatch(/tables\.outcomes\[0\]\.outcome/);
  });

  it('rejects a missing table', async () => {
    const message = await expectRejectedUnchanged((d) => {
      delete (d as Doc).tables.crosswalk;
      return d;
    });
    expect(message).toMatch(/tables\.crosswalk/);
  });

  it('rejects corrupt typed-array data', async () => {
    const message = await expectRejectedUnchanged((d) => {
      (d as Doc).tables.series[0].days = 'AAAA';
      return d;
    });
    expect(message).toMatch(/tables\.series\[0\]\.days/);
  });

  it('rejects days out of order', async () => {
    const message = await expectRejectedUnchanged((d) => {
      const s = (d as Doc).tables.series[0];
      s.days = Buffer.from(Int32Array.of(5, 1, 9).buffer).toString('base64');
      return d;
    });
    expect(message).toMatch(/not strictly ascending/);
  });

  it('rejects repeated keys', async () => {
    const message = await expectRejectedUnchanged((d) => {
      const t = (d as Doc).tables;
      t.accounts.push({ ...t.accounts[0] });
      return d;
    });
    expect(message).toMatch(/tables\.accounts\[2\] repeats a key/);
  });
});
