// Reads everything stored about one account in one pass (the account page runs it inside
// watchQuery, so it re-runs whenever any of these tables change, in this tab or another).
import {
  readAccountRecords,
  type AccountRecord,
  type CanaryDb,
  type CurrentScoreRecord,
  type ImportRecord,
  type ModelVersionRecord,
  type NoteRecord,
  type OutcomeRecord,
  type OverrideRecord,
  type PulseRecord,
  type ScoreHistoryRecord,
  type ScoringDayRecord,
  type SeriesRecord,
  type TaskRecord,
} from '../db';
import type { AccountScore, BandThresholds } from '../engine';
import { archivedAccounts } from '../engine/book-state';
import { compareText } from '../collate';

/** Everything stored about one account, read in one live query. */
export interface AccountSnapshot {
  accountId: string;
  account: AccountRecord | undefined;
  current: CurrentScoreRecord | undefined;
  /** The engine's breakdown of the current score (same run as `current`). */
  breakdown: AccountScore | null;
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
  /** Playbook id → name (for the tasks' words). */
  playbookNames: Map<string, string>;
  /** The active model version and the versions with history for this account. */
  models: ModelVersionRecord[];
  activeKey: string | null;
  bands: BandThresholds;
  /** The day the book was scored as of, and why (absent before a rescore stored it). */
  scoring: ScoringDayRecord | null;
  /** The day it churned when the account is archived (its latest outcome is a churn). */
  archivedDay: number | null;
}

const DEFAULT_BANDS: BandThresholds = { redMax: 30, amberMax: 70 };

/** The active model's band thresholds (the stored document is validated by the worker). */
function bandsOf(model: ModelVersionRecord | undefined): BandThresholds {
  const bands = (model?.document as { bands?: Partial<BandThresholds> } | undefined)?.bands;
  return typeof bands?.redMax === 'number' && typeof bands?.amberMax === 'number'
    ? { redMax: bands.redMax, amberMax: bands.amberMax }
    : DEFAULT_BANDS;
}

/** Reads everything about one account (run inside watchQuery). */
export async function readAccount(db: CanaryDb, accountId: string): Promise<AccountSnapshot> {
  const r = await readAccountRecords(db, accountId);
  const { account, current, detail, history, series, pulses, overrides, notes, outcomes } = r;
  const { imports, tasks, playbookNames, models, activeKey, scoring } = r;
  series.sort((a, b) => compareText(a.metric, b.metric));
  return {
    accountId,
    account,
    current,
    breakdown: (detail?.breakdown as AccountScore | undefined) ?? null,
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
    bands: bandsOf(models.find((m) => m.key === activeKey)),
    scoring,
    archivedDay: archivedAccounts(outcomes).get(accountId) ?? null,
  };
}
