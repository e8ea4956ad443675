// Every schema version ever shipped, in order. A shipped entry is frozen: never edit it, add
// version n+1 with its own stores and upgrade instead (see README.md). The migration harness
// uses these same definitions to create databases "as written by version n".
import type { Dexie, Transaction } from 'dexie';

/** One shipped schema version: Dexie store definitions and the upgrade that reaches it. */
export interface SchemaVersion {
  version: number;
  /** Dexie `stores()` argument: only the tables added or changed in this version (null deletes). */
  stores: Readonly<Record<string, string | null>>;
  /** Rewrites data written by the previous version; runs inside the upgrade transaction. */
  upgrade?: (tx: Transaction) => Promise<void>;
}

/** Version 1 (first release). Frozen. */
export const SCHEMA_V1 = {
  accounts: 'id, segment, owner, renewalDate',
  series: '[accountId+metric], accountId, metric',
  outcomes: '++id, accountId, day, [accountId+day]',
  pulses: '++id, accountId, day',
  overrides: '++id, accountId, day',
  notes: '++id, accountId, day',
  models: 'key, modelId, createdAt',
  currentScores: 'accountId, modelKey, band',
  scoreHistory: '[accountId+modelKey], accountId, modelKey',
  settings: 'key',
  imports: '++id, at, kind',
  importUndo: 'importId',
  crosswalk: '[source+sourceId], accountId',
} as const;

/** All shipped versions, ascending. Append only. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [{ version: 1, stores: SCHEMA_V1 }];

/** The newest schema version; also written into backups. */
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

/** Names of every table in the current schema. */
export type TableName = keyof typeof SCHEMA_V1;

/** Every table of the current schema, in a stable order. */
export const TABLE_NAMES = Object.keys(SCHEMA_V1) as TableName[];

/** Declares `versions` on a Dexie instance, in order, with their upgrades. */
export function declareSchema(
  db: Dexie,
  versions: readonly SchemaVersion[] = SCHEMA_VERSIONS,
): void {
  for (const v of versions) {
    const declared = db.version(v.version).stores({ ...v.stores });
    if (v.upgrade) declared.upgrade(v.upgrade);
  }
}
