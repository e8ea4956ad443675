// Everything stored about one account, read in one pass (the account page runs it inside a live
// query, so it re-runs whenever any of these tables change, in this tab or another).
import type { CanaryDb } from './canary-db';
import type {
  AccountRecord,
  CurrentScoreRecord,
  ImportRecord,
  ModelVersionRecord,
  NoteRecord,
  OutcomeRecord,
  OverrideRecord,
  PulseRecord,
  ScoreDetailRecord,
  ScoreHistoryRecord,
  ScoringDayRecord,
  SeriesRecord,
  TaskRecord,
} from './records';
import { SCORING_DAY_SETTING } from './records';
import { ACTIVE_MODEL_SETTING, getSetting } from './settings-repo';
import { listTasks, readPlaybookNames } from './tasks-repo';

/** The stored records of one account. */
export interface AccountRecords {
  account: AccountRecord | undefined;
  current: CurrentScoreRecord | undefined;
  detail: ScoreDetailRecord | undefined;
  /** Snapshot histories of every model version that scored the account. */
  history: ScoreHistoryRecord[];
  series: SeriesRecord[];
  pulses: PulseRecord[];
  overrides: OverrideRecord[];
  notes: NoteRecord[];
  outcomes: OutcomeRecord[];
  /** Imports that added or changed data of this account. */
  imports: ImportRecord[];
  /** The account's tasks (open, snoozed and done), soonest due first. */
  tasks: TaskRecord[];
  /** Playbook id → name, for the words the tasks are shown with. */
  playbookNames: Map<string, string>;
  /** The active model version and the versions with history for this account. */
  models: ModelVersionRecord[];
  activeKey: string | null;
  scoring: ScoringDayRecord | null;
}

// Whether an import touched an account never changes once written: remember it, so a live
// re-run reads only the undo data of imports it has not seen.
const importTouches = new Map<string, boolean>();

async function importsTouching(db: CanaryDb, accountId: string): Promise<ImportRecord[]> {
  const log = await db.imports.toArray();
  const unseen = log.filter((i) => !importTouches.has(`${accountId}\u0000${i.id}`));
  if (unseen.length > 0) {
    const undo = await db.importUndo.bulkGet(unseen.map((i) => i.id));
    unseen.forEach((i, k) => {
      const u = undo[k];
      const touched =
        !!u &&
        (u.referencedAccountIds.includes(accountId) ||
          u.createdAccountIds.includes(accountId) ||
          u.previousAccounts.some((a) => a.id === accountId));
      importTouches.set(`${accountId}\u0000${i.id}`, touched);
    });
  }
  return log.filter((i) => importTouches.get(`${accountId}\u0000${i.id}`));
}

/** Reads every stored record of one account. */
export async function readAccountRecords(db: CanaryDb, accountId: string): Promise<AccountRecords> {
  const [activeKey, scoring] = await Promise.all([
    getSetting<string>(db, ACTIVE_MODEL_SETTING).then((k) => k ?? null),
    getSetting<ScoringDayRecord>(db, SCORING_DAY_SETTING).then((s) => s ?? null),
  ]);
  const [
    account,
    current,
    detail,
    history,
    series,
    pulses,
    overrides,
    notes,
    outcomes,
    imports,
    tasks,
    playbookNames,
  ] = await Promise.all([
    db.accounts.get(accountId),
    db.currentScores.get(accountId),
    db.scoreDetails.get(accountId),
    db.scoreHistory.where('accountId').equals(accountId).toArray(),
    db.series.where('accountId').equals(accountId).toArray(),
    db.pulses.where('accountId').equals(accountId).toArray(),
    db.overrides.where('accountId').equals(accountId).toArray(),
    db.notes.where('accountId').equals(accountId).toArray(),
    db.outcomes.where('accountId').equals(accountId).toArray(),
    importsTouching(db, accountId),
    listTasks(db, { accountId }),
    readPlaybookNames(db),
  ]);
  const keys = new Set(history.map((h) => h.modelKey));
  if (activeKey) keys.add(activeKey);
  const models = (await db.models.bulkGet([...keys])).filter(
    (m): m is ModelVersionRecord => m !== undefined,
  );
  return {
    account,
    current,
    detail,
    history,
    series,
    pulses,
    overrides,
    notes,
    outcomes,
    imports,
    tasks,
    playbookNames,
    models,
    activeKey,
    scoring,
  };
}
