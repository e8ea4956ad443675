// Evaluates the playbooks as of today and stores the tasks they create. Runs inside every
// rescore (so every change — a pulse, an import, a model — is followed by it in the same queued
// call) and on its own at start-up when today has not been evaluated yet. Point in time: the
// facts are the scores just computed, which read data dated on or before the scoring day.
import {
  archivedAccounts,
  chooseScoringDay,
  prepareBook,
  scoreBook,
  stageName,
} from '../../engine';
import type { AccountScore, ModelDocument, PreparedBook } from '../../engine';
import {
  DEFAULT_PLAYBOOKS,
  bookFacts,
  evaluateDay,
  historyScoreAt,
  parsePlaybooks,
  type PlayState,
  type Playbook,
} from '../../engine/plays';
import type { DayNumber } from '../../engine/types';
import {
  getDb,
  loadBook,
  loadModelHistory,
  readPlaybookInputs,
  seedPlaybooks,
  writePlaybookEvaluation,
  type CanaryDb,
} from '../../db';
import { ensureActiveModel } from './active-model';

/** What an evaluation did. */
export interface PlaybooksSummary {
  /** The day evaluated (today). */
  day: DayNumber;
  /** Enabled playbooks evaluated. */
  playbooks: number;
  /** Tasks created, in all and per playbook id. */
  created: number;
  createdBy: Record<string, number>;
  /** Episodes that started while a task was open or within the cooldown (no new task). */
  metWithoutTask: number;
  /** Stored playbooks that failed validation and were skipped, with why. */
  skipped: string[];
  ms: number;
}

/** The stored playbooks (the defaults on first use), validated one by one. */
export async function activePlaybooks(
  db: CanaryDb,
): Promise<{ playbooks: Playbook[]; skipped: string[] }> {
  const records = await seedPlaybooks(db, DEFAULT_PLAYBOOKS, Date.now());
  const playbooks: Playbook[] = [];
  const skipped: string[] = [];
  for (const r of records) {
    const parsed = parsePlaybooks([r.definition]);
    if (parsed.ok) playbooks.push({ ...parsed.playbooks[0], enabled: r.enabled });
    else
      skipped.push(
        `${r.id}: ${parsed.errors[0].path.replace(/^\[0\]\.?/, '')} ${parsed.errors[0].message}`,
      );
  }
  // Stored order is by id; evaluate in the shipped order first, then the user's own.
  const order = new Map(DEFAULT_PLAYBOOKS.map((p, i) => [p.id, i]));
  playbooks.sort(
    (a, b) => (order.get(a.id) ?? 1e9) - (order.get(b.id) ?? 1e9) || a.id.localeCompare(b.id),
  );
  return { playbooks, skipped };
}

/** Stored weekly history as rounded scores (a drop compares them with today's rounded score). */
function historyLookup(
  history: Map<string, { days: Int32Array; scores: Float32Array }>,
): (accountId: string, day: DayNumber) => number | null {
  const at = historyScoreAt(history);
  return (accountId, day) => {
    const v = at(accountId, day);
    return v === null ? null : Math.round(v);
  };
}

/**
 * Evaluates the playbooks over scores just computed and stores the result. Archived (churned)
 * accounts are left out. `today` dates the tasks and drives the anti-flap state.
 */
export async function evaluateScoredBook(
  db: CanaryDb,
  input: {
    prepared: PreparedBook;
    scores: readonly AccountScore[];
    model: ModelDocument;
    modelKey: string;
    archived: ReadonlyMap<string, DayNumber>;
    today: DayNumber;
  },
): Promise<PlaybooksSummary> {
  const started = performance.now();
  const [{ playbooks, skipped }, stored] = await Promise.all([
    activePlaybooks(db),
    readPlaybookInputs(db),
  ]);
  const enabled = playbooks.filter((p) => p.enabled);
  // A drop over the model's trend window reads the score's own trend; other windows need the
  // stored history.
  const needsHistory = enabled.some(
    (p) => p.trigger.kind === 'drop' && p.trigger.days !== input.model.trend.windowDays,
  );
  const scoreOn = needsHistory
    ? historyLookup(await loadModelHistory(db, input.modelKey))
    : undefined;
  const live = input.scores.filter((s) => !input.archived.has(s.accountId));
  const r = evaluateDay({
    playbooks: enabled,
    facts: bookFacts(input.prepared, live, scoreOn, input.model.bands),
    day: input.today,
    states: stored.states as Map<string, PlayState>,
    openTasks: stored.openTasks,
    stageName: (id) => stageName(input.model, id),
  });
  const added = await writePlaybookEvaluation(db, {
    changed: r.changed,
    tasks: r.tasks,
    day: input.today,
  });
  const createdBy: Record<string, number> = {};
  for (const t of added) createdBy[t.playbookId] = (createdBy[t.playbookId] ?? 0) + 1;
  return {
    day: input.today,
    playbooks: enabled.length,
    created: added.length,
    createdBy,
    metWithoutTask: r.metWithoutTask.length,
    skipped,
    ms: performance.now() - started,
  };
}

/** Evaluates the playbooks as of today on their own (start-up, when today was not evaluated). */
export default async function evaluatePlaybooks(request: {
  today: DayNumber;
}): Promise<PlaybooksSummary> {
  const db = getDb();
  const [book, active] = await Promise.all([loadBook(db), ensureActiveModel(db)]);
  const prepared = prepareBook(book);
  const day = chooseScoringDay(prepared, active.model, request.today).day;
  return evaluateScoredBook(db, {
    prepared,
    scores: scoreBook(prepared, active.model, day),
    model: active.model,
    modelKey: active.key,
    archived: archivedAccounts(book.outcomes),
    today: request.today,
  });
}
