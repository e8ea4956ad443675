// Whole-database backup as one JSON-able document, and restore that validates everything
// before it replaces anything.
import type { CanaryDb } from './canary-db';
import { decodeTypedArray, encodeTypedArray } from './backup-codec';
import { BACKUP_FORMAT, backupSchema, type CanaryBackup } from './backup-schema';
import { BackupInvalidError } from './errors';
import type { ImportUndoRecord, ScoreHistoryRecord, SeriesRecord } from './records';
import { SCHEMA_VERSION, TABLE_NAMES, type TableName } from './schema';
import { assertSeriesShape } from './series-shape';
import type { HistoryColumns } from './score-history-merge';
import { splitV1Score, type CurrentScoreRecordV1 } from './upgrade-v2';

type Tables = CanaryBackup['tables'];
type DecodedTables = Omit<Tables, 'series' | 'scoreHistory' | 'importUndo'> & {
  series: SeriesRecord[];
  scoreHistory: ScoreHistoryRecord[];
  importUndo: ImportUndoRecord[];
};

/** Reads every table in one transaction into a backup document (typed arrays as base64). */
export async function exportBackup(db: CanaryDb, now: number = Date.now()): Promise<CanaryBackup> {
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
    };
    return { format: BACKUP_FORMAT, schemaVersion: SCHEMA_VERSION, exportedAt: now, tables };
  });
}

function describeIssues(error: {
  issues: readonly { path: readonly PropertyKey[]; message: string }[];
}): string {
  const shown = error.issues.slice(0, 5).map((i) => {
    const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
    return `${path.replace(/^\./, '') || '(document)'}: ${i.message}`;
  });
  const more = error.issues.length > 5 ? ` (and ${error.issues.length - 5} more problems)` : '';
  return `${shown.join('; ')}${more}`;
}

function decodeAt<T extends Int32Array | Float64Array | Float32Array | Uint8Array>(
  where: string,
  text: string,
  ctor: { new (buffer: ArrayBuffer): T; readonly BYTES_PER_ELEMENT: number },
): T {
  try {
    return decodeTypedArray(text, ctor);
  } catch (e) {
    throw new BackupInvalidError(`Invalid backup: ${where}: ${(e as Error).message}`);
  }
}

function checkShape(where: string, days: Int32Array, values: ArrayLike<number>): void {
  try {
    assertSeriesShape(where, days, values);
  } catch (e) {
    throw new BackupInvalidError(`Invalid backup: ${(e as Error).message}`);
  }
}

function decodeTables(t: Tables): DecodedTables {
  const series = t.series.map((s, i) => {
    const where = `tables.series[${i}]`;
    const days = decodeAt(`${where}.days`, s.days, Int32Array);
    const values = decodeAt(`${where}.values`, s.values, Float64Array);
    checkShape(where, days, values);
    return { accountId: s.accountId, metric: s.metric, days, values };
  });
  const scoreHistory = t.scoreHistory.map((h, i) => {
    const where = `tables.scoreHistory[${i}]`;
    const record = {
      accountId: h.accountId,
      modelKey: h.modelKey,
      days: decodeAt(`${where}.days`, h.days, Int32Array),
      scores: decodeAt(`${where}.scores`, h.scores, Float32Array),
      bands: decodeAt(`${where}.bands`, h.bands, Uint8Array),
      coverage: decodeAt(`${where}.coverage`, h.coverage, Float32Array),
    };
    for (const col of [record.scores, record.bands, record.coverage]) {
      checkShape(where, record.days, col);
    }
    if (record.bands.some((b) => b > 2)) {
      throw new BackupInvalidError(`Invalid backup: ${where}.bands: unknown band code`);
    }
    return record;
  });
  const importUndo = t.importUndo.map((u, i) => ({
    ...u,
    series: u.series.map((d, k) => {
      const where = `tables.importUndo[${i}].series[${k}]`;
      const days = decodeAt(`${where}.days`, d.days, Int32Array);
      const previous = decodeAt(`${where}.previous`, d.previous, Float64Array);
      const existed = decodeAt(`${where}.existed`, d.existed, Uint8Array);
      checkShape(where, days, previous);
      checkShape(where, days, existed);
      return { ...d, days, previous, existed };
    }),
  }));
  return { ...t, series, scoreHistory, importUndo };
}

const PRIMARY_KEYS: Record<TableName, (row: never) => unknown> = {
  accounts: (r: { id: string }) => r.id,
  series: (r: { accountId: string; metric: string }) => `${r.accountId}\u0000${r.metric}`,
  outcomes: (r: { id: number }) => r.id,
  pulses: (r: { id: number }) => r.id,
  overrides: (r: { id: number }) => r.id,
  notes: (r: { id: number }) => r.id,
  models: (r: { key: string }) => r.key,
  currentScores: (r: { accountId: string }) => r.accountId,
  scoreDetails: (r: { accountId: string }) => r.accountId,
  scoreHistory: (r: { accountId: string; modelKey: string }) => `${r.accountId}\u0000${r.modelKey}`,
  settings: (r: { key: string }) => r.key,
  imports: (r: { id: number }) => r.id,
  importUndo: (r: { importId: number }) => r.importId,
  crosswalk: (r: { source: string; sourceId: string }) => `${r.source}\u0000${r.sourceId}`,
};

function checkUniqueKeys(tables: DecodedTables): void {
  for (const name of TABLE_NAMES) {
    const keyOf = PRIMARY_KEYS[name] as (row: unknown) => unknown;
    const seen = new Set<unknown>();
    (tables[name] as unknown[]).forEach((row, i) => {
      const key = keyOf(row);
      if (seen.has(key)) {
        throw new BackupInvalidError(`Invalid backup: tables.${name}[${i}] repeats a key`);
      }
      seen.add(key);
    });
  }
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
        // Malformed history: the schema check and decodeTables report it.
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

/**
 * Validates a parsed backup document completely (schema, version, typed arrays, unique keys)
 * and only then replaces every table with its contents in one transaction. Throws
 * BackupInvalidError, changing nothing, when any part is invalid.
 */
export async function restoreBackup(db: CanaryDb, backup: unknown): Promise<void> {
  const head = backup as { format?: unknown; schemaVersion?: unknown } | null;
  if (typeof head !== 'object' || head === null || head.format !== BACKUP_FORMAT) {
    throw new BackupInvalidError('This file is not a Canary backup.');
  }
  if (typeof head.schemaVersion === 'number' && head.schemaVersion > SCHEMA_VERSION) {
    throw new BackupInvalidError(
      `This backup was made by a newer Canary (schema ${head.schemaVersion}); reload to update.`,
    );
  }
  const parsed = backupSchema.safeParse(upgradeBackup(backup));
  if (!parsed.success) {
    throw new BackupInvalidError(`Invalid backup: ${describeIssues(parsed.error)}`);
  }
  if (parsed.data.schemaVersion !== SCHEMA_VERSION) {
    throw new BackupInvalidError(
      `Backups of schema ${parsed.data.schemaVersion} cannot be restored by this version.`,
    );
  }
  const tables = decodeTables(parsed.data.tables);
  checkUniqueKeys(tables);
  await db.transaction('rw', db.tables, async () => {
    await Promise.all(db.tables.map((t) => t.clear()));
    for (const name of TABLE_NAMES) {
      await db.table(name).bulkAdd(tables[name] as unknown[]);
    }
  });
}
