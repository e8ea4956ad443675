// Replays playbooks over a book day by day, point in time: each day's facts come from scoring
// the book as of that day (data dated on or before it), so the tasks are those the playbooks
// would have created on those days. An account archived by then (its latest outcome so far a
// churn) gets none, as in the app. A replayed task is taken to be done on its due day (the
// replay cannot know when a CSM really closed it), which frees the playbook for the account.
import { archivedAccounts } from '../book-state';
import { stageName } from '../model/context';
import type { ModelDocument } from '../model/schema';
import { scoreBook } from '../score/account';
import type { PreparedBook } from '../score/prepare';
import type { DayNumber } from '../types';
import { bookFacts } from './facts';
import { evaluateDay, stateKey, type PlayTask } from './evaluate';
import type { Playbook } from './schema';
import type { PlayState } from './state';

export interface ReplayInput {
  prepared: PreparedBook;
  model: ModelDocument;
  playbooks: readonly Playbook[];
  from: DayNumber;
  to: DayNumber;
  /** Called after each day with the share done (0–1). */
  onDay?: (fraction: number) => void;
  /**
   * The day a replayed task is done, decided when it is created (default: its due day); null:
   * never (still open at the end). The task blocks its playbook for the account until then.
   */
  closeDay?: (task: PlayTask) => DayNumber | null;
  /**
   * Evaluate every `everyDays` days from `from` (default 1: every day). A coarser step is for
   * large books whose data is weekly anyway (the demo at 5,000 accounts); "for N days" counts
   * calendar days between evaluations, and a drop trigger reads the latest evaluated day.
   */
  everyDays?: number;
}

/** A replay's tasks (with the day each was done, null: still open) and the states it ended in. */
export interface ReplayResult {
  tasks: (PlayTask & { closedDay: DayNumber | null })[];
  /** The anti-flap state of every (playbook, account) pair not idle after `to`, by stateKey. */
  states: Map<string, PlayState>;
}

/** The longest look-back any drop trigger needs. */
function dropDays(playbooks: readonly Playbook[]): number {
  let n = 0;
  for (const p of playbooks)
    if (p.enabled && p.trigger.kind === 'drop') n = Math.max(n, p.trigger.days);
  return n;
}

/** Every task the playbooks would have created from `from` to `to` (inclusive), by day. */
export function replayPlaybooks(input: ReplayInput): PlayTask[] {
  return replayWithStates(input).tasks.map(({ closedDay: _, ...task }) => task);
}

/** The replay, with when each task was done and the states it ended in. */
export function replayWithStates(input: ReplayInput): ReplayResult {
  const { prepared, model, playbooks, from, to } = input;
  if (to < from) throw new RangeError('The replay ends before it starts');
  const lookBack = dropDays(playbooks);
  const step = Math.max(1, Math.floor(input.everyDays ?? 1));
  // The days evaluated: every `step` days from `from`; drop triggers also need the look-back
  // days before it, on the same grid.
  const start = from - Math.ceil(lookBack / step) * step;
  // Rounded scores per account and day from `start` (NaN: not scored), for drop triggers.
  const n = prepared.accounts.length;
  const span = to - start + 1;
  const scores = lookBack > 0 ? new Float64Array(n * span).fill(NaN) : null;
  const scoreOn = (accountId: string, day: DayNumber): number | null => {
    if (!scores || day < start || day > to) return null;
    const row = prepared.accountIndex.get(accountId)! * span;
    // The latest evaluated day on or before `day` (that day itself when step is 1).
    for (let d = day; d > day - step && d >= start; d--) {
      const v = scores[row + (d - start)];
      if (!Number.isNaN(v)) return v;
    }
    return null;
  };
  const states = new Map<string, PlayState>();
  const open = new Map<string, DayNumber>(); // stateKey → last day its task is open
  const tasks: ReplayResult['tasks'] = [];
  const closeDay = input.closeDay ?? ((t: PlayTask) => t.dueDay);
  const name = (id: string) => stageName(model, id);
  for (let day = start; day <= to; day += step) {
    const dayScores = scoreBook(prepared, model, day);
    if (scores) {
      for (const s of dayScores) {
        if (s.score !== null)
          scores[prepared.accountIndex.get(s.accountId)! * span + (day - start)] = s.score;
      }
    }
    if (day < from) continue;
    for (const [key, due] of open) if (due < day) open.delete(key);
    const archived = archivedAccounts(prepared.book.outcomes.filter((o) => o.day <= day));
    const r = evaluateDay({
      playbooks,
      facts: bookFacts(
        prepared,
        dayScores.filter((s) => !archived.has(s.accountId)),
        scoreOn,
        model.bands,
      ),
      states,
      openTasks: new Set(open.keys()),
      stageName: name,
    });
    for (const [key, s] of r.changed) {
      if (s === null) states.delete(key);
      else states.set(key, s);
    }
    for (const t of r.tasks) {
      const closed = closeDay(t);
      tasks.push({ ...t, closedDay: closed });
      open.set(stateKey(t.playbookId, t.accountId), closed ?? Infinity);
    }
    input.onDay?.((day - from + 1) / (to - from + 1));
  }
  return { tasks, states };
}
