// Every schema version ever shipped, in order. A shipped entry is frozen: never edit it, add
// version n+1 with its own stores and upgrade instead (see README.md). The migration harness
// uses these same definitions to create databases "as written by version n".
import type { Dexie, Transaction } from 'dexie';
import { splitV1Score, type CurrentScoreRecordV1 } from './upgrade-v2';
import type { CurrentScoreRecord, ScoreDetailRecord } from './records';
import type { HistoryColumns } from './score-history-merge';

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

/**
 * Version 2: the full breakdown of each current score moves out of currentScores into its own
 * table, scoreDetails, so the portfolio's read of every current score stays small. Frozen.
 */
export const SCHEMA_V2 = {
  ...SCHEMA_V1,
  scoreDetails: 'accountId',
} as const;

async function upgradeToV2(tx: Transaction): Promise<void> {
  const v1 = (await tx.table('currentScores').toArray()) as CurrentScoreRecordV1[];
  const histories = (await tx
    .table('scoreHistory')
    .bulkGet(v1.map((c) => [c.accountId, c.modelKey]))) as (HistoryColumns | undefined)[];
  const current: CurrentScoreRecord[] = [];
  const details: ScoreDetailRecord[] = [];
  v1.forEach((record, i) => {
    const split = splitV1Score(record, histories[i]);
    current.push(split.current);
    if (split.detail) details.push(split.detail);
  });
  // put replaces each record whole, so v1's `detail` is gone.
  await tx.table('currentScores').bulkPut(current);
  await tx.table('scoreDetails').bulkPut(details);
}

/**
 * Version 3: the week's work — tasks created by playbooks, the playbooks themselves, the
 * playbooks' per-account state (hysteresis, cooldowns) — and the CSM's renewal calls. Only new
 * tables, no upgrade of existing data. Frozen.
 */
export const SCHEMA_V3_ADDED = {
  tasks: '++id, accountId, playbookId, status, dueDay, [playbookId+accountId]',
  playbooks: 'id',
  playbookState: '[playbookId+accountId], accountId',
  renewalCalls: '[accountId+renewalDay], accountId',
} as const;

/** Every table of version 3. */
export const SCHEMA_V3 = { ...SCHEMA_V2, ...SCHEMA_V3_ADDED } as const;

/** All shipped versions, ascending. Append only. */
export const SCHEMA_VERSIONS: readonly SchemaVersion[] = [
  { version: 1, stores: SCHEMA_V1 },
  { version: 2, stores: { scoreDetails: 'accountId' }, upgrade: upgradeToV2 },
  { version: 3, stores: SCHEMA_V3_ADDED },
];

/** The newest schema version; also written into backups. */
export const SCHEMA_VERSION = SCHEMA_VERSIONS[SCHEMA_VERSIONS.length - 1].version;

/** The stores of the newest schema version. */
export const CURRENT_STORES = SCHEMA_V3;

/** Names of every table in the current schema. */
export type TableName = keyof typeof CURRENT_STORES;

/** Every table of the current schema, in a stable order. */
export const TABLE_NAMES = Object.keys(CURRENT_STORES) as TableName[];

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
