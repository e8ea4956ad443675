import { describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../engine/model/presets';
import { exportBackup, restoreBackup } from './backup';
import { computeChecksum, canonicalJson } from './backup-digest';
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
    outcomes: [
      makeOutcome('a1', 40, { outcome: 'churned', avoidable: false }),
      // Recorded on the account page: it rolled the renewal date forward (kept in backups).
      Object.assign(makeOutcome('a2', 20), { renewalRoll: { from: 25, to: 390, termMonths: 12 } }),
    ],
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
    document: { ...DEFAULT_MODEL, id: 'm', version: 1, name: 'M' },
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
      summary: makeSummary({ patterns: ['x'], status: 'scored', lastDataDay: 15, archivedDay: 40 }),
      breakdown: { p: ['x'] },
    },
  ]);
  await db.crosswalk.add({ source: 'hubspot', sourceId: '77', accountId: 'a1' });
  await db.playbooks.add({
    id: 'check-in',
    definition: { title: 'Check in' },
    enabled: true,
    updatedAt: 5,
  });
  await db.tasks.add({
    id: 1,
    accountId: 'a1',
    playbookId: 'check-in',
    title: 'Check in with a1',
    checklist: [{ text: 'Book a call', done: true }],
    owner: 'Ana',
    priority: 'high',
    createdDay: 15,
    dueDay: 22,
    reason: 'Amber for 7 days',
    status: 'done',
    snoozedUntil: null,
    snoozeReason: null,
    completedDay: 18,
    outcomeNote: 'Champion left; new sponsor found',
    history: [
      { day: 15, action: 'created', note: null },
      { day: 18, action: 'completed', note: 'Champion left; new sponsor found' },
    ],
  });
  await db.playbookState.add({ playbookId: 'check-in', accountId: 'a1', state: { inSince: 8 } });
  await db.renewalCalls.add({
    accountId: 'a2',
    renewalDay: 390,
    call: 'at-risk',
    note: null,
    at: 7,
  });
}

type Doc = Record<string, unknown> & { tables: Record<string, Record<string, unknown>[]> };

/** The backup as a file holds it: plain JSON. */
async function exportedDoc(db: CanaryDb, at = 123): Promise<Doc> {
  return JSON.parse(JSON.stringify(await exportBackup(db, at))) as Doc;
}

/** Stores a fresh checksum in `doc`, as a tool that rewrote the file and re-signed it would. */
async function resign(doc: Doc): Promise<Doc> {
  const { checksum: _old, ...rest } = doc;
  return { ...rest, checksum: await computeChecksum(rest as Doc) };
}

/** The document as Canary wrote it before backups carried a checksum. */
function withoutChecksum(doc: Doc): Doc {
  const { checksum: _old, ...rest } = doc;
  return rest as Doc;
}

const b64 = (a: Int32Array | Float64Array) => Buffer.from(a.buffer).toString('base64');

describe('backup', () => {
  it('round-trips every table exactly through JSON and verifies its checksum', async () => {
    const source = freshDb();
    await fill(source);
    const backup = await exportBackup(source, 123);
    expect(backup).toMatchObject({ format: BACKUP_FORMAT, schemaVersion: 3, exportedAt: 123 });
    expect(backup.checksum).toMatchObject({ algorithm: 'SHA-256' });
    expect(Object.keys(backup.checksum!.tables).sort()).toEqual(Object.keys(backup.tables).sort());
    const json = JSON.parse(JSON.stringify(backup)) as unknown;
    const target = freshDb();
    await setSetting(target, 'stale', true);
    expect(await restoreBackup(target, json)).toEqual({ checksum: 'verified' });
    expect(await dumpTables(target)).toEqual(await dumpTables(source));
    const [logins] = await target.series.toArray();
    expect(Number.isNaN(logins.values[1])).toBe(true);
    expect(Object.is(logins.values[2], -0)).toBe(true);
    // Undo data survived too: the restored import can still be undone.
    await undoImport(target, 1);
    expect(await target.series.get(['a2', 'seats'])).toBeUndefined();
  });

  it('still verifies a file that was only re-indented or had its keys reordered', async () => {
    const source = freshDb();
    await fill(source);
    const doc = await exportedDoc(source);
    const reorder = (v: unknown): unknown =>
      Array.isArray(v)
        ? v.map(reorder)
        : typeof v === 'object' && v !== null
          ? Object.fromEntries(
              Object.entries(v)
                .reverse()
                .map(([k, x]) => [k, reorder(x)]),
            )
          : v;
    const rewritten = JSON.parse(JSON.stringify(reorder(doc), null, 2)) as unknown;
    expect(JSON.stringify(rewritten)).not.toBe(JSON.stringify(doc));
    expect(canonicalJson(rewritten)).toBe(canonicalJson(doc));
    const target = freshDb();
    expect(await restoreBackup(target, rewritten)).toEqual({ checksum: 'verified' });
    expect(await dumpTables(target)).toEqual(await dumpTables(source));
  });

  it('restores a backup made before checksums, validating it, and says it carried none', async () => {
    const source = freshDb();
    await fill(source);
    const target = freshDb();
    const result = await restoreBackup(target, withoutChecksum(await exportedDoc(source)));
    expect(result).toEqual({ checksum: 'absent' });
    expect(await dumpTables(target)).toEqual(await dumpTables(source));
  });

  it('restores a schema-2 backup, which has no work or renewal-call tables', async () => {
    const source = freshDb();
    await fill(source);
    await source.tasks.clear();
    await source.playbooks.clear();
    await source.playbookState.clear();
    await source.renewalCalls.clear();
    const doc = withoutChecksum(await exportedDoc(source));
    doc.schemaVersion = 2;
    for (const t of ['tasks', 'playbooks', 'playbookState', 'renewalCalls']) delete doc.tables[t];
    const target = freshDb();
    // Work in the database before the restore is replaced like every other table.
    await fill(target);
    expect(await target.tasks.count()).toBe(1);
    expect(await restoreBackup(target, doc)).toEqual({ checksum: 'absent' });
    expect(await dumpTables(target)).toEqual(await dumpTables(source));
    expect(await target.tasks.count()).toBe(0);
  });

  it('refuses tasks, playbook state and renewal calls of accounts not in the backup', async () => {
    const source = freshDb();
    await fill(source);
    const doc = withoutChecksum(await exportedDoc(source));
    doc.tables.tasks[0].accountId = 'ghost';
    doc.tables.playbookState[0].accountId = 'ghost';
    doc.tables.renewalCalls[0].accountId = 'ghost';
    const target = freshDb();
    const error = await restoreBackup(target, doc).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupInvalidError);
    const message = (error as Error).message;
    expect(message).toContain("tasks record 1 (id 1, account 'ghost', playbook 'check-in')");
    expect(message).toContain('playbookState record 1');
    expect(message).toContain("renewalCalls record 1 (account 'ghost', renewal day 390)");
    expect(await target.accounts.count()).toBe(0);
  });

  it('restores a schema-1 backup, splitting each score into its summary and breakdown', async () => {
    const source = freshDb();
    await fill(source);
    // Rewrite the document the way Canary's first release wrote it (no checksum yet).
    const doc = withoutChecksum(await exportedDoc(source));
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
    expect(await restoreBackup(target, doc)).toEqual({ checksum: 'absent' });
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

  /**
   * Restores `mutate(doc)` into a filled database and expects it refused with nothing changed
   * (every table byte for byte: the exported JSON, base64 typed arrays included, is the same).
   */
  async function refused(mutate: (doc: Doc) => unknown | Promise<unknown>): Promise<string> {
    const db = freshDb();
    await fill(db);
    const before = JSON.stringify(await exportBackup(db, 0));
    const error = await restoreBackup(db, await mutate(await exportedDoc(db))).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BackupInvalidError);
    expect(JSON.stringify(await exportBackup(db, 0))).toBe(before);
    return (error as Error).message;
  }

  /** Refused both as an old file (no checksum) and re-signed: the records themselves are checked. */
  async function refusedRecords(mutate: (doc: Doc) => void): Promise<string> {
    const signed = await refused(async (d) => {
      mutate(d);
      return resign(d);
    });
    const old = await refused((d) => {
      mutate(d);
      return withoutChecksum(d);
    });
    expect(signed).toBe(old);
    expect(signed).toMatch(/^Invalid backup: /);
    return signed;
  }

  it('rejects something that is not a backup', async () => {
    expect(await refused(() => ({ hello: 1 }))).toMatch(/not a Canary backup/);
    expect(await refused(() => null)).toMatch(/not a Canary backup/);
  });

  it('rejects a backup from a newer schema', async () => {
    expect(await refused((d) => ({ ...d, schemaVersion: 99 }))).toMatch(/newer Canary/);
  });

  describe('checksum', () => {
    it('refuses a bit flipped inside a series payload, naming the table', async () => {
      const message = await refused((d) => {
        const s = d.tables.series[0];
        const bytes = Buffer.from(s.values as string, 'base64');
        bytes[3] ^= 0x10; // a changed number, still a valid float64
        s.values = bytes.toString('base64');
        return d;
      });
      expect(message).toBe(
        'This backup was changed after it was made: the series table no longer matches the checksum stored in it.',
      );
    });

    it('refuses a changed header and an edited checksum', async () => {
      expect(await refused((d) => ({ ...d, exportedAt: 124 }))).toMatch(
        /changed after it was made: its header or its list of checksums was edited/,
      );
      const edited = await refused(async (d) => {
        const changed = { ...d, tables: { ...d.tables, notes: [] } };
        const checksum = (await resign(changed as Doc)).checksum as { tables: object };
        return {
          ...d,
          ...changed,
          checksum: { ...(d.checksum as object), tables: checksum.tables },
        };
      });
      expect(edited).toMatch(/its header or its list of checksums was edited/);
    });

    it('refuses a removed or added table, and says what else is wrong', async () => {
      const message = await refused((d) => {
        delete (d.tables as Record<string, unknown>).crosswalk;
        return d;
      });
      expect(message).toBe(
        'This backup was changed after it was made: the crosswalk table no longer matches the checksum stored in it. Also: the crosswalk table is missing.',
      );
      expect(await refused((d) => ({ ...d, tables: { ...d.tables, extra: [] } }))).toMatch(
        /the extra table no longer matches/,
      );
    });

    it('refuses a damaged checksum or one it cannot check', async () => {
      expect(await refused((d) => ({ ...d, checksum: 'abc' }))).toMatch(/checksum is damaged/);
      expect(
        await refused((d) => ({ ...d, checksum: { ...(d.checksum as object), document: 'x' } })),
      ).toMatch(/checksum is damaged/);
      expect(
        await refused((d) => ({
          ...d,
          checksum: { ...(d.checksum as object), algorithm: 'SHA-3' },
        })),
      ).toMatch(/uses SHA-3, which this version of Canary cannot check/);
    });
  });

  describe('records', () => {
    it('names the table, record and field of a wrong value', async () => {
      const message = await refusedRecords((d) => {
        d.tables.outcomes[0].outcome = 'lost';
      });
      expect(message).toBe(
        `Invalid backup: outcomes record 1 (id 1, account 'a1'): outcome: must be "renewed" or "churned" or "expanded" or "contracted", got "lost".`,
      );
    });

    it('names a missing table and a missing field', async () => {
      expect(
        await refusedRecords((d) => {
          delete (d.tables as Record<string, unknown>).crosswalk;
        }),
      ).toBe('Invalid backup: the crosswalk table is missing.');
      expect(
        await refusedRecords((d) => {
          delete d.tables.series[0].metric;
        }),
      ).toBe(`Invalid backup: series record 1 (account 'a1'): metric: is required.`);
    });

    it('refuses a model document that is not a valid model', async () => {
      const message = await refusedRecords((d) => {
        d.tables.models[0].document = {};
      });
      expect(message).toMatch(
        /^Invalid backup: models record 1 \(id 'm', version 1\): document\.format: must be "canary-model\/1", got nothing; document\.id: is required; /,
      );
    });

    it('refuses records of accounts the backup does not hold', async () => {
      const message = await refusedRecords((d) => {
        d.tables.series.push({ ...d.tables.series[0], accountId: 'ACC-9999', metric: 'nps' });
        d.tables.pulses[0].accountId = 'ACC-9999';
        d.tables.crosswalk[0].accountId = 'gone';
      });
      expect(message).toBe(
        "Invalid backup: pulses record 1 (id 1, account 'ACC-9999'): account ACC-9999 is not in the backup. " +
          "crosswalk record 1 (source 'hubspot', id '77'): account gone is not in the backup. " +
          "series record 3 (account 'ACC-9999', metric 'nps'): account ACC-9999 is not in the backup.",
      );
    });

    it('refuses undo data, scores and settings that point at nothing', async () => {
      const message = await refusedRecords((d) => {
        const undo = d.tables.importUndo[0] as { series: { accountId: string }[] };
        undo.series[0].accountId = 'zz';
        d.tables.importUndo[0].referencedAccountIds = ['zz'];
        d.tables.currentScores[0].modelKey = 'm@7';
        const active = d.tables.settings.find((s) => s.key === 'activeModelKey')!;
        active.value = 'other@1';
      });
      expect(message).toBe(
        "Invalid backup: currentScores record 1 (account 'a1'): model version m@7 is not in the backup. " +
          "settings record 1 (key 'activeModelKey'): model version other@1 is not in the backup. " +
          'importUndo record 1 (import 1): referencedAccountIds[0]: account zz is not in the backup; ' +
          'series[0]: account zz is not in the backup.',
      );
    });

    it('refuses repeated keys, naming both records', async () => {
      const message = await refusedRecords((d) => {
        d.tables.accounts.push({ ...d.tables.accounts[0] });
        d.tables.outcomes.push({ ...d.tables.outcomes[0], day: 41 });
      });
      expect(message).toBe(
        "Invalid backup: accounts record 3 (id 'a1'): repeats the id of record 1. " +
          "outcomes record 3 (id 1, account 'a1'): repeats the id of record 1.",
      );
    });

    it('refuses corrupt, unsorted or mismatched typed arrays', async () => {
      expect(
        await refusedRecords((d) => {
          d.tables.series[0].days = 'AAAA';
        }),
      ).toBe(
        "Invalid backup: series record 1 (account 'a1', metric 'logins'): days: 3 bytes is not a whole number of elements.",
      );
      expect(
        await refusedRecords((d) => {
          d.tables.series[0].days = b64(Int32Array.of(5, 1, 9));
        }),
      ).toMatch(/series record 1 .*: days not strictly ascending at index 1/);
      expect(
        await refusedRecords((d) => {
          d.tables.series[1].values = b64(Float64Array.of(1));
        }),
      ).toMatch(/series record 2 \(account 'a2', metric 'seats'\): 2 days but 1 values/);
      expect(
        await refusedRecords((d) => {
          const h = d.tables.scoreHistory[0];
          h.bands = Buffer.from([7]).toString('base64');
        }),
      ).toMatch(/scoreHistory record 1 \(account 'a1', model 'm@1'\): bands: unknown band code/);
    });

    it('lists the first five problems and counts the rest', async () => {
      const message = await refusedRecords((d) => {
        for (let i = 0; i < 8; i++)
          d.tables.notes.push({ ...d.tables.notes[0], id: 100 + i, accountId: `x${i}` });
      });
      expect(message).toMatch(/^Invalid backup: notes record 2 \(id 100, account 'x0'\)/);
      expect(message).toMatch(/\(and 3 more problems\)\.$/);
    });
  });
});
