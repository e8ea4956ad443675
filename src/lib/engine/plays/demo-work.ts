// The demo book's past work: the playbooks replayed over the weeks before today, point in time,
// with a simulated CSM who does most tasks on time, some late and leaves a few open (overdue
// today), each done task with an outcome note. Seeded, so every demo load is the same. This is
// demo data only; a user's own book starts with no past tasks.
import { createRandom, type Random } from '../random';
import type { ModelDocument } from '../model/schema';
import type { PreparedBook } from '../score/prepare';
import type { DayNumber } from '../types';
import type { PlayTask } from './evaluate';
import { replayWithStates } from './replay';
import type { Playbook } from './schema';
import type { PlayState } from './state';

/** Weeks of past work in the demo. */
export const DEMO_WORK_WEEKS = 9;

/** Above this many accounts the demo's past is replayed weekly (its data is weekly anyway). */
export const DEMO_WORK_DAILY_MAX = 500;

/** A replayed demo task: done on `completedDay` with a note, or still open (null). */
export interface DemoTask extends PlayTask {
  completedDay: DayNumber | null;
  outcomeNote: string | null;
}

const NOTES: Record<string, readonly string[]> = {
  'urgent-review': [
    'Called the champion; agreed a 30-day success plan',
    'Escalated to the CS lead; executive call booked',
    'Usage drop explained by a re-org; new admin onboarded',
    'No answer after three tries; wrote to the sponsor',
  ],
  'proactive-check-in': [
    'Check-in done; goals unchanged',
    'Asked for training on reports; session booked',
    'Raised two support issues; both now closed',
  ],
  'expansion-conversation': [
    'Proposed 20 more seats; decision next quarter',
    'Not now: budget frozen until Q2',
    'Second team interested; demo booked',
  ],
  'onboarding-kickoff': [
    'Kickoff held; first-value date agreed',
    'Kickoff held; sponsor named, champion to confirm',
  ],
  'first-value-due': [
    'First value confirmed: weekly report live',
    'First value late: integration blocked, engineer assigned',
  ],
  'renewal-window': [
    'Value review held; renewal proposal sent',
    'Verbal yes; paperwork with procurement',
    'Renewal at risk over price; discount request to the CS lead',
  ],
  'gone-quiet': [
    'Data feed was broken; fixed with their admin',
    'Champion left; new contact found',
  ],
};

const GENERIC = ['Done', 'Done; followed up by email'];

function fate(t: PlayTask, rng: Random): { completedDay: DayNumber | null; note: string | null } {
  const roll = rng.next();
  const span = Math.max(0, t.dueDay - t.createdDay);
  const note = rng.pick(NOTES[t.playbookId] ?? GENERIC);
  if (roll < 0.75) return { completedDay: t.createdDay + rng.int(Math.min(1, span), span), note };
  if (roll < 0.88) return { completedDay: t.dueDay + rng.int(1, 7), note };
  return { completedDay: null, note: null };
}

/**
 * The demo's past work from `today − 7·DEMO_WORK_WEEKS` to yesterday, and the states it leaves
 * (today's evaluation continues from them). A task due to be done today or later is still open.
 */
export function demoWork(input: {
  prepared: PreparedBook;
  model: ModelDocument;
  playbooks: readonly Playbook[];
  today: DayNumber;
  seed?: number;
}): { tasks: DemoTask[]; states: Map<string, PlayState> } {
  const rng = createRandom(input.seed ?? 7);
  const fates = new Map<string, string | null>(); // task → its outcome note
  const keyOf = (t: PlayTask) => `${t.playbookId}\u0000${t.accountId}\u0000${t.createdDay}`;
  const to = input.today - 1;
  const r = replayWithStates({
    prepared: input.prepared,
    model: input.model,
    playbooks: input.playbooks,
    from: input.today - 7 * DEMO_WORK_WEEKS,
    to,
    everyDays: input.prepared.accounts.length > DEMO_WORK_DAILY_MAX ? 7 : 1,
    closeDay: (t) => {
      const f = fate(t, rng);
      fates.set(keyOf(t), f.note);
      return f.completedDay;
    },
  });
  const tasks = r.tasks.map(({ closedDay, ...t }): DemoTask => {
    const done = closedDay !== null && closedDay <= to;
    return {
      ...t,
      completedDay: done ? closedDay : null,
      outcomeNote: done ? (fates.get(keyOf(t)) ?? null) : null,
    };
  });
  return { tasks, states: r.states };
}
