// Whole-database backup as one JSON-able document with a checksum of its content, and restore
// that checks the checksum and validates every record before it replaces anything.
import type { CanaryDb } from './canary-db';
import { decodeTypedArray, encodeTypedArray } from './backup-codec';
import {
  checkChecksum,
  computeChecksum,
  type ChecksumCheck,
  type ChecksummedParts,
} from './backup-digest';
import { BackupProblems } from './backup-problems';
import { BACKUP_FORMAT, backupSchema, type CanaryBackup } from './backup-schema';
import { validateTables, type DecodedTables } from './backup-validate';
import { BackupInvalidError } from './errors';
import { SCHEMA_VERSION, TABLE_NAMES } from './schema';
import type { HistoryColumns } from './score-history-merge';
import { splitV1Score, type CurrentScoreRecordV1 } from './upgrade-v2';

type Tables = CanaryBackup['tables'];

/**
 * Reads every table in one transaction into a backup document (typed arrays as base64), with
 * the checksum of its content.
 */
export async function exportBackup(db: CanaryDb, now: number = Date.now()): Promise<CanaryBackup> {
  const tables = await readTables(db);
  const document = {
    format: BACKUP_FORMAT,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now,
    tables,
  };
  // Hashed after the read transaction: awaiting WebCrypto inside it would let it commit early.
  return { ...document, checksum: await computeChecksum(document) };
}

function readTables(db: CanaryDb): Promise<Tables> {
  return db.transaction('r', db.tables, async () => {
    const [series, scoreHistory, importUndo] = await Promise.all([
      db.series.toArray(),
      db.scoreHistory.toArray(),
      db.importUndo.toArray(),
    ]);
    const tables: Tables = {
      accounts: await db.accounts.toArray(),
      series: series.map((s) => ({
        accountId: s.accountId,
        metric: s.metric,
        days: encodeTypedArray(s.days),
        values: encodeTypedArray(s.values),
      })),
      outcomes: await db.outcomes.toArray(),
      pulses: await db.pulses.toArray(),
      overrides: await db.overrides.toArray(),
      notes: await db.notes.toArray(),
      models: await db.models.toArray(),
      currentScores: await db.currentScores.toArray(),
      scoreDetails: await db.scoreDetails.toArray(),
      scoreHistory: scoreHistory.map((h) => ({
        accountId: h.accountId,
        modelKey: h.modelKey,
        days: encodeTypedArray(h.days),
        scores: encodeTypedArray(h.scores),
        bands: encodeTypedArray(h.bands),
        coverage: encodeTypedArray(h.coverage),
      })),
      settings: await db.settings.toArray(),
      imports: await db.imports.toArray(),
      importUndo: importUndo.map((u) => ({
        ...u,
        series: u.series.map((d) => ({
          ...d,
          days: encodeTypedArray(d.days),
          previous: encodeTypedArray(d.previous),
          existed: encodeTypedArray(d.existed),
        })),
      })),
      crosswalk: await db.crosswalk.toArray(),
      tasks: await db.tasks.toArray(),
      playbooks: await db.playbooks.toArray(),
      playbookState: await db.playbookState.toArray(),
      renewalCalls: await db.renewalCalls.toArray(),
    };
    return tables;
  });
}

/**
 * Brings a backup written by an older schema up to the current one, as the database upgrade
 * would have: version 1 kept each score's breakdown in currentScores.detail (see upgrade-v2).
 * Anything malformed is left for the schema check to report.
 */
function upgradeBackup(backup: unknown): unknown {
  const doc = backup as { schemaVersion?: unknown; tables?: Record<string, unknown> };
  if (doc.schemaVersion !== 1 || typeof doc.tables !== 'object' || doc.tables === null) {
    return backup;
  }
  const v1Scores = doc.tables.currentScores;
  if (!Array.isArray(v1Scores)) return backup;
  const historyOf = new Map<string, HistoryColumns>();
  if (Array.isArray(doc.tables.scoreHistory)) {
    for (const h of doc.tables.scoreHistory as Record<string, unknown>[]) {
      try {
        historyOf.set(`${String(h.accountId)}\u0000${String(h.modelKey)}`, {
          days: decodeTypedArray(h.days as string, Int32Array),
          scores: decodeTypedArray(h.scores as string, Float32Array),
          bands: decodeTypedArray(h.bands as string, Uint8Array),
          coverage: decodeTypedArray(h.coverage as string, Float32Array),
        });
      } catch {
        // Malformed history: the schema check and validateTables report it.
      }
    }
  }
  const currentScores: unknown[] = [];
  const scoreDetails: unknown[] = [];
  for (const record of v1Scores) {
    if (typeof record !== 'object' || record === null) {
      currentScores.push(record);
      continue;
    }
    const v1 = record as CurrentScoreRecordV1;
    const { current, detail } = splitV1Score(
      v1,
      historyOf.get(`${String(v1.accountId)}\u0000${String(v1.modelKey)}`),
    );
    currentScores.push(current);
    if (detail) scoreDetails.push(detail);
  }
  return {
    ...doc,
    schemaVersion: 2,
    tables: { ...doc.tables, currentScores, scoreDetails },
  };
}

/** Schema 3 only added tables (work and renewal calls): a schema-2 backup has none of them. */
function upgradeBackupToV3(backup: unknown): unknown {
  const doc = backup as { schemaVersion?: unknown; tables?: Record<string, unknown> };
  if (doc.schemaVersion !== 2 || typeof doc.tables !== 'object' || doc.tables === null) {
    return backup;
  }
  return {
    ...doc,
    schemaVersion: 3,
    tables: { tasks: [], playbooks: [], playbookState: [], renewalCalls: [], ...doc.tables },
  };
}

/** Whether a restored backup carried a checksum (made by this Canary) or not (an older one). */
export interface RestoreResult {
  checksum: 'verified' | 'absent';
}

/** Upgrades, schema-checks and validates every record; throws BackupInvalidError naming them. */
function validateDocument(backup: unknown): DecodedTables {
  const upgraded = upgradeBackupToV3(upgradeBackup(backup));
  const parsed = backupSchema.safeParse(upgraded, { reportInput: true });
  if (!parsed.success) {
    const problems = new BackupProblems();
    const tables = (upgraded as { tables?: Record<string, unknown> }).tables;
    for (const issue of parsed.error.issues) problems.addIssue(issue, tables);
    problems.throwIfAny();
  }
  const doc = parsed.data!;
  if (doc.schemaVersion !== SCHEMA_VERSION) {
    throw new BackupInvalidError(
      `Backups of schema ${doc.schemaVersion} cannot be restored by this version.`,
    );
  }
  return validateTables(doc.tables);
}

function and(names: string[]): string {
  return names.length < 2 ? names.join('') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}

function changedMessage(check: Extract<ChecksumCheck, { kind: 'changed' }>): string {
  const what =
    check.tables.length > 0
      ? `the ${and(check.tables)} table${check.tables.length > 1 ? 's no longer match' : ' no longer matches'} the checksum stored in it`
      : 'its header or its list of checksums was edited';
  return `This backup was changed after it was made: ${what}.`;
}

/**
 * Checks a parsed backup document completely — the checksum of its content when it carries
 * one, then the schema, every record and every reference between records — and only then
 * replaces every table with its contents in one transaction. Throws BackupInvalidError,
 * changing nothing, when any part is wrong. A backup made before Canary wrote checksums is
 * still restored (fully validated); the result says it carried none.
 */
export async function restoreBackup(db: CanaryDb, backup: unknown): Promise<RestoreResult> {
  const head = backup as { format?: unknown; schemaVersion?: unknown; checksum?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BACKUP_FORMAT) {
    throw new BackupInvalidError('This file is not a Canary backup.');
  }
  if (typeof head.schemaVersion === 'number' && head.schemaVersion > SCHEMA_VERSION) {
    throw new BackupInvalidError(
      `This backup was made by a newer Canary (schema ${head.schemaVersion}); reload to update.`,
    );
  }
  const check =
    head.checksum === undefined
      ? null
      : await checkChecksum(backup as ChecksummedParts, head.checksum);
  if (check?.kind === 'unknown-algorithm') {
    throw new BackupInvalidError(
      `This backup's checksum uses ${check.algorithm}, which this version of Canary cannot check; reload to update.`,
    );
  }
  if (check?.kind === 'damaged') {
    throw new BackupInvalidError(
      "This backup's checksum is damaged, so its content cannot be trusted.",
    );
  }
  let tables: DecodedTables;
  try {
    tables = validateDocument(backup);
  } catch (e) {
    // A changed backup is refused as changed; what is wrong in it, if anything, follows.
    if (check?.kind === 'changed' && e instanceof BackupInvalidError) {
      throw new BackupInvalidError(
        `${changedMessage(check)} ${e.message.replace(/^Invalid backup: /, 'Also: ')}`,
      );
    }
    throw e;
  }
  if (check?.kind === 'changed') throw new BackupInvalidError(changedMessage(check));
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    for (const name of TABLE_NAMES) {
      await db.table(name).bulkAdd(tables[name] as unknown[]);
    }
  });
  return { checksum: check === null ? 'absent' : 'verified' };
}
