// The record types stored in each table of the Canary database. Domain shapes come from the
// engine (Account, SignalSeries, Outcome, …); records add only what storage needs (ids, keys).
import type {
  Account,
  Band,
  BandOverride,
  DayNumber,
  Outcome,
  OutcomeKind,
  Pulse,
  RenewalRoll,
  SignalSeries,
} from '../engine/types';

/** An account row (key `id`). */
export type AccountRecord = Account;

/** One account × metric series, columnar (key `[accountId+metric]`). */
export type SeriesRecord = SignalSeries;

/** A stored renewal outcome (auto-increment `id`). */
export interface OutcomeRecord extends Outcome {
  id: number;
  /** How recording it (on the account page) moved the renewal date; undone when deleted. */
  renewalRoll?: RenewalRoll;
}

/** A stored CSM pulse (auto-increment `id`). */
export interface PulseRecord extends Pulse {
  id: number;
}

/** A stored band override (auto-increment `id`). */
export interface OverrideRecord extends BandOverride {
  id: number;
}

/** A free-text note on an account (auto-increment `id`). */
export interface NoteRecord {
  id: number;
  accountId: string;
  day: DayNumber;
  text: string;
  /** Epoch milliseconds when the note was written. */
  createdAt: number;
}

/** One saved, immutable version of a scoring model (key `${modelId}@${version}`). */
export interface ModelVersionRecord {
  key: string;
  modelId: string;
  version: number;
  name: string;
  /** Epoch milliseconds. */
  createdAt: number;
  /** The model document as plain JSON (validated by the engine, not here). */
  document: unknown;
  /** Backtest results attached to this version, plain JSON. */
  backtest?: unknown;
}

/**
 * What the portfolio shows about a current score beyond the headline numbers: the priority
 * rank and its reason, the trend, renewal, stage, patterns and the recent score history (so
 * the portfolio needs no history read). Small on purpose — the portfolio reads every
 * account's record on load; the full breakdown lives in scoreDetails.
 */
export interface ScoreSummary {
  priority: number;
  /** 1 = needs attention first. */
  rank: number;
  priorityReason: string;
  /** A band override is in force. */
  overridden: boolean;
  trendDirection: 'up' | 'down' | 'flat' | 'unknown';
  trendWindowDays: number;
  daysToRenewal: number | null;
  stage: string | null;
  /** Names of the patterns that fired. */
  patterns: string[];
  /** The active model's snapshot days of the last 90 days, ascending (the sparkline). */
  sparkDays: number[];
  /** Scores of those days. */
  sparkScores: number[];
  /** The band shown about a week before `asOfDay` (for "what changed since last week"). */
  bandLastWeek: Band | null;
  /**
   * `scored`, `stale` (no data in the model's windows) or `unscored` (too little data). Absent
   * in records written before it existed (read them as scored when they have a band).
   */
  status?: 'scored' | 'stale' | 'unscored';
  /** The account's newest observation or pulse on or before `asOfDay`. */
  lastDataDay?: DayNumber | null;
  /** The day it churned, when the account is archived (its latest outcome is a churn). */
  archivedDay?: DayNumber | null;
}

/**
 * The day the book was last scored as of, and why (settings key `scoringDay`): today, or the
 * book's newest data day when its data ends before the model's windows reach today.
 */
export interface ScoringDayRecord {
  day: DayNumber;
  /** The calendar day of that rescore. */
  today: DayNumber;
  basis: 'today' | 'newest-data';
  newestDataDay: DayNumber | null;
  lookbackDays: number;
}

/** The settings key of the ScoringDayRecord. */
export const SCORING_DAY_SETTING = 'scoringDay';

/** The latest score of an account under the active model (key `accountId`). */
export interface CurrentScoreRecord {
  accountId: string;
  modelKey: string;
  asOfDay: DayNumber;
  /** Null when no measure had data (coverage 0): the account could not be scored. */
  score: number | null;
  band: Band | null;
  coverage: number;
  trendDelta: number | null;
  explanation: string;
  summary: ScoreSummary;
}

/**
 * The engine's full breakdown of an account's current score (key `accountId`): groups,
 * measures, patterns, override — plain JSON, read by the account page only. Written in the
 * same transaction as the current score, so the two always describe the same run.
 */
export interface ScoreDetailRecord {
  accountId: string;
  modelKey: string;
  asOfDay: DayNumber;
  breakdown: unknown;
}

/** One account's score snapshots under one model version, columnar and day-ascending. */
export interface ScoreHistoryRecord {
  accountId: string;
  modelKey: string;
  days: Int32Array;
  scores: Float32Array;
  /** Band codes, see BAND_CODES. */
  bands: Uint8Array;
  coverage: Float32Array;
}

/** A key/value setting (key `key`); values are plain JSON. */
export interface SettingRecord {
  key: string;
  value: unknown;
}

/** What an import changed, counted when it was applied. */
export interface ImportSummary {
  accountsAdded: number;
  accountsUpdated: number;
  seriesCreated: number;
  pointsAdded: number;
  pointsChanged: number;
  pointsUnchanged: number;
  outcomesAdded: number;
  outcomesUpdated: number;
  outcomesUnchanged: number;
  /** Stored outcomes the import removed (inferred renewals after a churn); absent in older logs. */
  outcomesRemoved?: number;
  /** The import's outcomes per kind (added, updated or unchanged); absent in older logs. */
  outcomeKinds?: Partial<Record<OutcomeKind, number>>;
}

/** One entry of the import log (auto-increment `id`). */
export interface ImportRecord {
  id: number;
  /** Epoch milliseconds when the import was applied. */
  at: number;
  fileName: string;
  /** What the file held, as named by the import pipeline (accounts, signals, outcomes, …). */
  kind: string;
  /** Data rows read from the file. */
  rows: number;
  /** Rows skipped as invalid (when the user chose "skip bad rows"). */
  skippedRows: number;
  /** The column mapping used, plain JSON. */
  mapping: unknown;
  summary: ImportSummary;
  /** Epoch milliseconds when the import was undone, or null while in force. */
  undoneAt: number | null;
}

/** The points of one series an import changed, with what was there before. */
export interface SeriesDelta {
  accountId: string;
  metric: string;
  /** True when the series did not exist before the import. */
  created: boolean;
  /** Days the import added or changed, ascending. */
  days: Int32Array;
  /** Value before the import at each day (meaningless where `existed` is 0). */
  previous: Float64Array;
  /** 1 when the day had a value before the import, 0 when the import added it. */
  existed: Uint8Array;
}

/**
 * Everything needed to undo one import exactly (key `importId`). Kept apart from the log so
 * listing imports never loads the deltas.
 */
export interface ImportUndoRecord {
  importId: number;
  createdAccountIds: string[];
  /** Accounts the import replaced, as they were before. */
  previousAccounts: Account[];
  series: SeriesDelta[];
  addedOutcomeIds: number[];
  /** Outcomes the import replaced, as they were before. */
  previousOutcomes: OutcomeRecord[];
  /** Accounts whose series or outcomes the import changed (to detect conflicting undos). */
  referencedAccountIds: string[];
}

/** Maps an id in a source system (CRM, billing, …) to a Canary account id. */
export interface CrosswalkRecord {
  source: string;
  sourceId: string;
  accountId: string;
}

/** Band ↔ code used in ScoreHistoryRecord.bands. */
export const BAND_CODES: Readonly<Record<Band, number>> = { red: 0, amber: 1, green: 2 };

const BANDS_BY_CODE: readonly Band[] = ['red', 'amber', 'green'];

/** The band stored as `code` in ScoreHistoryRecord.bands. */
export function bandFromCode(code: number): Band {
  const band = BANDS_BY_CODE[code];
  if (!band) throw new RangeError(`Unknown band code ${code}`);
  return band;
}

/** The key of a model version. */
export function modelKeyOf(modelId: string, version: number): string {
  return `${modelId}@${version}`;
}

// ---- Schema 3: work (tasks and playbooks) and the CSM's renewal calls ----

/** Where a task stands. A snoozed task is open again on `snoozedUntil`. */
export type TaskStatus = 'open' | 'snoozed' | 'done';

/** How urgent a task is. */
export type TaskPriority = 'low' | 'normal' | 'high' | 'urgent';

/** One step in a task's life, shown on the account's timeline. */
export interface TaskEvent {
  day: number;
  action: 'created' | 'completed' | 'snoozed' | 'reassigned' | 'reopened' | 'checklist';
  /** Free text: the outcome note, the snooze reason, "from A to B", the item ticked. */
  note: string | null;
}

/** One checklist item of a task. */
export interface TaskChecklistItem {
  text: string;
  done: boolean;
}

/**
 * A task a playbook created for an account (key `id`). At most one open (or snoozed) task per
 * playbook and account; the engine's playbook state decides when a new one may be created.
 */
export interface TaskRecord {
  id: number;
  accountId: string;
  /** The playbook that created it (PlaybookRecord.id). */
  playbookId: string;
  title: string;
  checklist: TaskChecklistItem[];
  owner: string | null;
  priority: TaskPriority;
  createdDay: number;
  dueDay: number;
  /** Why the playbook fired, in words. */
  reason: string;
  status: TaskStatus;
  snoozedUntil: number | null;
  snoozeReason: string | null;
  completedDay: number | null;
  outcomeNote: string | null;
  history: TaskEvent[];
}

/** A playbook definition (key `id`): the engine's playbook document, kept as JSON. */
export interface PlaybookRecord {
  id: string;
  /** The engine's playbook (validated by its zod schema when read). */
  definition: unknown;
  enabled: boolean;
  /** Epoch milliseconds. */
  updatedAt: number;
}

/**
 * The engine's memory of one playbook for one account (key [playbookId+accountId]): whether the
 * trigger is in, since when, cooldowns — whatever the engine needs so that a score hovering at a
 * threshold does not create a task every day.
 */
export interface PlaybookStateRecord {
  playbookId: string;
  accountId: string;
  state: unknown;
}

/** The CSM's own call on an account's renewal. */
export type RenewalCall = 'commit' | 'at-risk' | 'will-churn';

/** The CSM's call on one renewal (key [accountId+renewalDay]). */
export interface RenewalCallRecord {
  accountId: string;
  renewalDay: number;
  call: RenewalCall;
  note: string | null;
  /** Epoch milliseconds. */
  at: number;
}
