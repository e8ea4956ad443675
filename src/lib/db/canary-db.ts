// The typed Dexie database. Constructing it opens nothing: Dexie opens on the first query (or
// an explicit open()), so this module is safe to import during prerender and in the worker.
import { Dexie, type EntityTable, type Table } from 'dexie';
import type {
  AccountRecord,
  CrosswalkRecord,
  CurrentScoreRecord,
  ImportRecord,
  ImportUndoRecord,
  ModelVersionRecord,
  NoteRecord,
  OutcomeRecord,
  OverrideRecord,
  PlaybookRecord,
  PlaybookStateRecord,
  PulseRecord,
  RenewalCallRecord,
  ScoreDetailRecord,
  ScoreHistoryRecord,
  SeriesRecord,
  SettingRecord,
  TaskRecord,
} from './records';
import { DatabaseOutdatedError } from './errors';
import { declareSchema, SCHEMA_VERSION } from './schema';

/** Default database name used by the app. */
export const DB_NAME = 'canary';

/**
 * Why this connection can no longer be used:
 * - `upgrade-elsewhere`: another tab opened a newer schema (or deleted the database); this
 *   connection was closed so the other tab is not blocked. Reload to continue.
 * - `outdated`: the database on disk was written by a newer Canary than this page. Reload.
 * - `blocked`: this page wants to upgrade but another tab still holds an older connection.
 */
export type VersionChangeNotice =
  | { kind: 'upgrade-elsewhere'; newVersion: number | null }
  | { kind: 'outdated' }
  | { kind: 'blocked' };

/** Listener for VersionChangeNotice. */
export type VersionChangeListener = (notice: VersionChangeNotice) => void;

/** The Canary IndexedDB database, all tables typed. */
export class CanaryDb extends Dexie {
  declare accounts: EntityTable<AccountRecord, 'id'>;
  declare series: Table<SeriesRecord, [string, string]>;
  declare outcomes: EntityTable<OutcomeRecord, 'id'>;
  declare pulses: EntityTable<PulseRecord, 'id'>;
  declare overrides: EntityTable<OverrideRecord, 'id'>;
  declare notes: EntityTable<NoteRecord, 'id'>;
  declare models: EntityTable<ModelVersionRecord, 'key'>;
  declare currentScores: EntityTable<CurrentScoreRecord, 'accountId'>;
  declare scoreDetails: EntityTable<ScoreDetailRecord, 'accountId'>;
  declare scoreHistory: Table<ScoreHistoryRecord, [string, string]>;
  declare settings: EntityTable<SettingRecord, 'key'>;
  declare imports: EntityTable<ImportRecord, 'id'>;
  declare importUndo: EntityTable<ImportUndoRecord, 'importId'>;
  declare crosswalk: Table<CrosswalkRecord, [string, string]>;
  declare tasks: EntityTable<TaskRecord, 'id'>;
  declare playbooks: EntityTable<PlaybookRecord, 'id'>;
  declare playbookState: Table<PlaybookStateRecord, [string, string]>;
  declare renewalCalls: Table<RenewalCallRecord, [string, number]>;

  readonly #listeners = new Set<VersionChangeListener>();

  constructor(name: string = DB_NAME) {
    // No optimistic query cache: Canary never shows a write before it commits, and the cache
    // deep-clones every live-query result on delivery (the whole portfolio, an account's score
    // breakdown) on the main thread. Live queries still re-run on every committed change.
    super(name, { cache: 'disabled' });
    declareSchema(this);
    this.on('versionchange', (ev: IDBVersionChangeEvent) => {
      // Close for good (no auto-reopen: this page's schema is now stale) and tell the UI,
      // instead of Dexie's default of closing and silently reopening on the next query.
      this.close({ disableAutoOpen: true });
      this.notify({
        kind: 'upgrade-elsewhere',
        newVersion: ev.newVersion ? ev.newVersion / 10 : null,
      });
      return false;
    });
    this.on('blocked', () => {
      this.notify({ kind: 'blocked' });
      return false;
    });
    // Dexie 4 opens a database whose installed version is newer than ours when the tables we
    // declare exist; writing old-format records into it could corrupt the newer data, so an
    // outdated page refuses to use it and asks for a reload instead.
    this.on(
      'ready',
      () => {
        const installed = this.backendDB().version / 10;
        if (installed > SCHEMA_VERSION) {
          this.notify({ kind: 'outdated' });
          throw new DatabaseOutdatedError(installed, SCHEMA_VERSION);
        }
      },
      true,
    );
  }

  /** Calls `listener` on every VersionChangeNotice; returns the unsubscribe function. */
  onVersionChange(listener: VersionChangeListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Opens the database now; rejects with DatabaseOutdatedError when disk holds a newer one. */
  async openChecked(): Promise<this> {
    await this.open();
    return this;
  }

  private notify(notice: VersionChangeNotice): void {
    for (const listener of this.#listeners) listener(notice);
  }
}
