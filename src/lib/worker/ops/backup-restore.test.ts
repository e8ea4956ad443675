// Backups of the real demo book through the worker's own export and restore operations, on
// fake-indexeddb: a good file round-trips exactly; a tampered one — a flipped bit, a model
// replaced by {}, records of an account that does not exist, repeated ids — is refused naming
// the table and record, with the database byte for byte as it was.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyImport, closeDb, eraseAllData, getDb, linkSourceId } from '../../db';
import { exportBackup } from '../../db/backup';
import { canonicalJson, computeChecksum } from '../../db/backup-digest';
import { addNote } from '../../db/manual-repo';
import { makeSeries } from '../../db/testing/factories';
import { isoToDay } from '../../engine/dates';
import backupExport from './backup-export';
import backupRestore from './backup-restore';
import loadDemo from './load-demo';

const TODAY = isoToDay('2026-11-23')!;

type Row = Record<string, unknown>;
type Doc = Row & { tables: Record<string, Row[]>; checksum?: unknown };

let good: Uint8Array<ArrayBuffer>;
let doc: () => Doc;

/**
 * The whole database as canonical JSON (keys sorted; typed arrays as base64 of their bytes):
 * equal strings = every record byte for byte equal.
 */
async function dump(): Promise<string> {
  return canonicalJson(await exportBackup(getDb(), 0));
}

function fileOf(value: Doc | Uint8Array<ArrayBuffer>): Blob {
  return new Blob([value instanceof Uint8Array ? value : JSON.stringify(value)]);
}

async function resign(d: Doc): Promise<Doc> {
  const { checksum: _old, ...rest } = d;
  return {
    ...rest,
    checksum: await computeChecksum(rest as Doc),
  };
}

function withoutChecksum(d: Doc): Doc {
  const { checksum: _old, ...rest } = d;
  return rest as Doc;
}

/** Restores `file` and expects it refused with the database unchanged; returns the message. */
async function refused(file: Doc | Uint8Array<ArrayBuffer>): Promise<string> {
  const before = await dump();
  const error = await backupRestore({ file: fileOf(file) }).catch((e: unknown) => e as Error);
  expect(error).toBeInstanceOf(Error);
  expect((error as Error).name).toBe('InputError');
  expect(await dump()).toBe(before);
  return (error as Error).message;
}

/** Index of the first row of `table` matching `where`. */
function indexOf(d: Doc, table: string, where: (r: Row) => boolean): number {
  const i = d.tables[table].findIndex(where);
  expect(i).toBeGreaterThanOrEqual(0);
  return i;
}

beforeAll(async () => {
  await eraseAllData(getDb());
  await loadDemo({ todayDay: TODAY });
  const db = getDb();
  // Everything else a book collects: an import (with its undo data), a note, a crosswalk link.
  await applyImport(db, {
    fileName: 'nps.csv',
    kind: 'signals',
    rows: 1,
    mapping: {},
    at: 1,
    series: [makeSeries('ACC-0001', 'nps', [TODAY - 3], [9])],
  });
  await addNote(db, { accountId: 'ACC-0002', day: TODAY, text: 'Called', createdAt: 5 });
  expect(
    await linkSourceId(db, { source: 'hubspot', sourceId: '77', accountId: 'ACC-0003' }),
  ).toEqual({
    ok: true,
  });
  const exported = await backupExport({ todayIso: '2026-11-23' });
  good = new Uint8Array(exported.bytes);
  const text = new TextDecoder().decode(good);
  doc = () => JSON.parse(text) as Doc;
});

afterAll(() => closeDb());

describe('backups of the demo book', () => {
  it('holds every table of a real book, with a checksum', () => {
    const d = doc();
    for (const t of ['accounts', 'series', 'outcomes', 'pulses', 'models', 'currentScores']) {
      expect(d.tables[t].length, t).toBeGreaterThan(0);
    }
    for (const t of [
      'scoreDetails',
      'scoreHistory',
      'notes',
      'imports',
      'importUndo',
      'crosswalk',
    ]) {
      expect(d.tables[t].length, t).toBeGreaterThan(0);
    }
    expect(d.checksum).toMatchObject({ algorithm: 'SHA-256' });
  });

  it('refuses a bit flipped inside a base64 series payload', async () => {
    const d = doc();
    const i = 40;
    const bytes = Buffer.from(d.tables.series[i].values as string, 'base64');
    bytes[8 * 5 + 2] ^= 0x01; // the 6th value changes in its mantissa: still a number
    d.tables.series[i].values = bytes.toString('base64');
    expect(await refused(d)).toBe(
      'This backup was changed after it was made: the series table no longer matches the checksum stored in it.',
    );
    // The same flip in a backup without a checksum is a valid, different number: nothing can
    // tell it from the original, which is why new backups carry one.
  });

  it('refuses a model document replaced by {}, naming the record', async () => {
    const d = doc();
    const i = indexOf(d, 'models', (m) => m.modelId === 'canary-default');
    d.tables.models[i].document = {};
    const where = `models record ${i + 1} (id 'canary-default', version 1): document.format: must be "canary-model/1", got nothing; document.id: is required`;
    const changed = await refused(d);
    expect(changed).toMatch(
      /^This backup was changed after it was made: the models table no longer matches the checksum stored in it\. Also: /,
    );
    expect(changed).toContain(where);
    // Re-signed by a tool, or an old backup without a checksum: the record itself is refused.
    expect(await refused(await resign(d))).toContain(`Invalid backup: ${where}`);
    expect(await refused(withoutChecksum(d))).toContain(`Invalid backup: ${where}`);
  });

  it('refuses series, outcomes, pulses and crosswalk links of an account not in the backup', async () => {
    const d = doc();
    const series = indexOf(d, 'series', (s) => s.accountId === 'ACC-0007');
    const metric = d.tables.series[series].metric as string;
    d.tables.series[series].accountId = 'ACC-9999';
    const outcome = d.tables.outcomes[0];
    outcome.accountId = 'ACC-9999';
    d.tables.pulses.push({ ...d.tables.pulses[0], id: 999_999, accountId: 'ACC-9999' });
    d.tables.crosswalk.push({ source: 'stripe', sourceId: 'cus_X', accountId: 'ACC-9999' });
    for (const file of [await resign(d), withoutChecksum(d)]) {
      const message = await refused(file);
      expect(message).toContain(
        `outcomes record 1 (id ${String(outcome.id)}, account 'ACC-9999'): account ACC-9999 is not in the backup`,
      );
      expect(message).toContain(
        `crosswalk record 2 (source 'stripe', id 'cus_X'): account ACC-9999 is not in the backup`,
      );
      expect(message).toContain(
        `pulses record ${d.tables.pulses.length} (id 999999, account 'ACC-9999'): account ACC-9999 is not in the backup`,
      );
      expect(message).toContain(
        `series record ${series + 1} (account 'ACC-9999', metric '${metric}'): account ACC-9999 is not in the backup`,
      );
    }
  });

  it('refuses repeated ids', async () => {
    const d = doc();
    d.tables.outcomes.push({ ...d.tables.outcomes[3], day: TODAY - 1 });
    d.tables.accounts.push({ ...d.tables.accounts[10], name: 'Copy' });
    const n = { outcomes: d.tables.outcomes.length, accounts: d.tables.accounts.length };
    const message = await refused(await resign(d));
    expect(message).toBe(
      `Invalid backup: accounts record ${n.accounts} (id '${String(d.tables.accounts[10].id)}'): repeats the id of record 11. ` +
        `outcomes record ${n.outcomes} (id ${String(d.tables.outcomes[3].id)}, account '${String(d.tables.outcomes[3].accountId)}'): repeats the id of record 4.`,
    );
  });

  it('restores a good backup exactly, and says its checksum was verified', async () => {
    const before = await dump();
    await eraseAllData(getDb());
    const summary = await backupRestore({ file: fileOf(good) });
    expect(summary).toMatchObject({ accounts: 150, imports: 1, checksum: 'verified' });
    expect(await dump()).toBe(before);
  });

  it('restores an encrypted backup exactly, its checksum verified inside the encryption', async () => {
    const before = await dump();
    const encrypted = await backupExport({ passphrase: 'correct horse', todayIso: '2026-11-23' });
    const bytes = new Uint8Array(encrypted.bytes);
    expect(new TextDecoder().decode(bytes.subarray(0, 7))).toBe('CNRYENC');
    await eraseAllData(getDb());
    const summary = await backupRestore({ file: fileOf(bytes), passphrase: 'correct horse' });
    expect(summary).toMatchObject({ accounts: 150, checksum: 'verified' });
    expect(await dump()).toBe(before);
  });

  it('restores a backup made before checksums, and says it carried none', async () => {
    const before = await dump();
    await eraseAllData(getDb());
    const summary = await backupRestore({ file: fileOf(withoutChecksum(doc())) });
    expect(summary).toMatchObject({ accounts: 150, checksum: 'absent' });
    expect(await dump()).toBe(before);
  });
});
