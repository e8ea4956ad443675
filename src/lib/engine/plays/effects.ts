// "Did it work": for each playbook, how the accounts fared after their task — the score at the
// task, its change 30 and 60 days later, and the renewal outcomes that followed — for the tasks
// a CSM completed beside the tasks not completed (open, snoozed, never done). Counts and means
// only; the page words and formats them. Observational, never causal: see EFFECTS_CAVEAT.
import type { DayNumber, OutcomeKind } from '../types';

/** The days after a task's creation at which its score change is read. */
export const EFFECT_MARKS: readonly number[] = [30, 60];

/** Outcomes counted after a task: the first one within this many days of its creation. */
export const OUTCOME_WINDOW_DAYS = 365;

/** The plain caveat shown with every "Did it work" table. */
export const EFFECTS_CAVEAT =
  'This is not an experiment: CSMs choose which tasks to complete, so the accounts in the two groups differ in ways these numbers do not show.';

/** A task as the effects read it (TaskRecord has these fields). */
export interface EffectTask {
  playbookId: string;
  accountId: string;
  createdDay: DayNumber;
  status: 'open' | 'snoozed' | 'done';
}

/** A recorded outcome. */
export interface EffectOutcome {
  accountId: string;
  day: DayNumber;
  outcome: OutcomeKind;
}

export interface EffectsInput {
  /** The playbooks to report, in this order; tasks of other playbooks are left out. */
  playbookIds: readonly string[];
  tasks: readonly EffectTask[];
  outcomes: readonly EffectOutcome[];
  /** The account's score on a day, or null when there is none. */
  scoreAt: (accountId: string, day: DayNumber) => number | null;
  today: DayNumber;
  /** Default EFFECT_MARKS. */
  marks?: readonly number[];
  /** Default OUTCOME_WINDOW_DAYS. */
  outcomeWindowDays?: number;
}

/** The mean score change `days` after the tasks' creation. */
export interface ScoreChange {
  days: number;
  /** Tasks created at least `days` days before today (old enough). */
  eligible: number;
  /** Of those, the tasks with a score both at creation and `days` later. */
  n: number;
  /** Mean of (score later − score at the task) over those `n`; null when n is 0. */
  mean: number | null;
}

/** The first outcome after each task (counted per task). */
export interface OutcomeCounts {
  /** Renewed, expanded or contracted. */
  renewed: number;
  /** Of `renewed`, how many expanded and how many contracted. */
  expanded: number;
  contracted: number;
  churned: number;
  /** No outcome yet and the window is still open. */
  pending: number;
  /** No outcome within the window, which has closed. */
  none: number;
}

/** One group's numbers. */
export interface GroupEffect {
  tasks: number;
  /** Distinct accounts among the tasks. */
  accounts: number;
  /** Mean score on the day each task was created, over the `n` tasks with one. */
  scoreAtTask: { n: number; mean: number | null };
  /** One per mark, in the marks' order. */
  changes: ScoreChange[];
  outcomes: OutcomeCounts;
}

export interface PlaybookEffect {
  playbookId: string;
  outcomeWindowDays: number;
  /** Tasks a CSM completed. */
  completed: GroupEffect;
  /** Tasks open, snoozed or never done: the trigger was met, the task was not completed. */
  notCompleted: GroupEffect;
}

function mean(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

function groupEffect(
  tasks: readonly EffectTask[],
  outcomesOf: ReadonlyMap<string, readonly EffectOutcome[]>,
  input: EffectsInput,
  marks: readonly number[],
  windowDays: number,
): GroupEffect {
  const atTask: number[] = [];
  const changes = marks.map((days) => ({ days, eligible: 0, values: [] as number[] }));
  const outcomes: OutcomeCounts = {
    renewed: 0,
    expanded: 0,
    contracted: 0,
    churned: 0,
    pending: 0,
    none: 0,
  };
  for (const t of tasks) {
    const start = input.scoreAt(t.accountId, t.createdDay);
    if (start !== null) atTask.push(start);
    for (const c of changes) {
      if (t.createdDay + c.days > input.today) continue;
      c.eligible++;
      const later = start === null ? null : input.scoreAt(t.accountId, t.createdDay + c.days);
      if (start !== null && later !== null) c.values.push(later - start);
    }
    // Outcomes are sorted by day: the first strictly after the task, within the window.
    const first = (outcomesOf.get(t.accountId) ?? []).find((o) => o.day > t.createdDay);
    if (first && first.day <= t.createdDay + windowDays) {
      if (first.outcome === 'churned') outcomes.churned++;
      else {
        outcomes.renewed++;
        if (first.outcome === 'expanded') outcomes.expanded++;
        if (first.outcome === 'contracted') outcomes.contracted++;
      }
    } else if (t.createdDay + windowDays > input.today) outcomes.pending++;
    else outcomes.none++;
  }
  return {
    tasks: tasks.length,
    accounts: new Set(tasks.map((t) => t.accountId)).size,
    scoreAtTask: { n: atTask.length, mean: mean(atTask) },
    changes: changes.map((c) => ({
      days: c.days,
      eligible: c.eligible,
      n: c.values.length,
      mean: mean(c.values),
    })),
    outcomes,
  };
}

/** Each playbook's two groups: tasks completed, and tasks not completed. */
export function playbookEffects(input: EffectsInput): PlaybookEffect[] {
  const marks = input.marks ?? EFFECT_MARKS;
  const windowDays = input.outcomeWindowDays ?? OUTCOME_WINDOW_DAYS;
  const outcomesOf = new Map<string, EffectOutcome[]>();
  for (const o of input.outcomes) {
    const list = outcomesOf.get(o.accountId);
    if (list) list.push(o);
    else outcomesOf.set(o.accountId, [o]);
  }
  for (const list of outcomesOf.values()) list.sort((a, b) => a.day - b.day);
  const byPlaybook = new Map<string, { done: EffectTask[]; other: EffectTask[] }>(
    input.playbookIds.map((id) => [id, { done: [], other: [] }]),
  );
  for (const t of input.tasks) {
    const g = byPlaybook.get(t.playbookId);
    if (g) (t.status === 'done' ? g.done : g.other).push(t);
  }
  return input.playbookIds.map((id) => {
    const g = byPlaybook.get(id)!;
    return {
      playbookId: id,
      outcomeWindowDays: windowDays,
      completed: groupEffect(g.done, outcomesOf, input, marks, windowDays),
      notCompleted: groupEffect(g.other, outcomesOf, input, marks, windowDays),
    };
  });
}

/** Days a weekly snapshot stays the score of later days (on or before, at most 6 days old). */
export const SNAPSHOT_SPAN_DAYS = 7;

/**
 * A `scoreAt` over stored weekly score history (days ascending): the latest snapshot on or
 * before the day, when it is fewer than SNAPSHOT_SPAN_DAYS days old; else null.
 */
export function historyScoreAt(
  history: ReadonlyMap<string, { days: Int32Array; scores: Float32Array }>,
): (accountId: string, day: DayNumber) => number | null {
  return (accountId, day) => {
    const h = history.get(accountId);
    if (!h) return null;
    let lo = 0;
    let hi = h.days.length - 1;
    let found = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (h.days[mid] <= day) {
        found = mid;
        lo = mid + 1;
      } else hi = mid - 1;
    }
    if (found < 0 || day - h.days[found] >= SNAPSHOT_SPAN_DAYS) return null;
    const s = h.scores[found];
    return Number.isFinite(s) ? s : null;
  };
}

/**
 * `scoreAt` without the days an account had churned by (its latest outcome on or before the
 * day is a churn): a lost customer's later scores say nothing about the task, and its churn is
 * counted as an outcome already.
 */
export function liveScoreAt(
  scoreAt: (accountId: string, day: DayNumber) => number | null,
  outcomes: readonly EffectOutcome[],
): (accountId: string, day: DayNumber) => number | null {
  const byAccount = new Map<string, EffectOutcome[]>();
  for (const o of outcomes) {
    const list = byAccount.get(o.accountId);
    if (list) list.push(o);
    else byAccount.set(o.accountId, [o]);
  }
  // Same day: a churn wins, as in archivedAccounts.
  for (const list of byAccount.values())
    list.sort(
      (a, b) => a.day - b.day || Number(a.outcome === 'churned') - Number(b.outcome === 'churned'),
    );
  return (accountId, day) => {
    const list = byAccount.get(accountId);
    if (list) {
      let latest: EffectOutcome | null = null;
      for (const o of list) {
        if (o.day > day) break;
        latest = o;
      }
      if (latest?.outcome === 'churned') return null;
    }
    return scoreAt(accountId, day);
  };
}
