// The Playbooks page's data: every playbook (the defaults on first use) with its trigger and
// anti-flap settings in words, what it creates, its open and done task counts, and "Did it
// work" — the engine's playbookEffects over the tasks, the outcomes and the active model's
// weekly score history (the snapshot on or before a day, fewer than 7 days old; none once the
// account had churned by the day). Reads only
// (apart from seeding the defaults and the default model on a first use, as every op does).
import { stageName } from '../../engine';
import {
  antiFlapWords,
  DEFAULT_PLAYBOOKS,
  EFFECT_MARKS,
  EFFECTS_CAVEAT,
  historyScoreAt,
  liveScoreAt,
  OUTCOME_WINDOW_DAYS,
  playbookEffects,
  triggerWords,
  type AntiFlapWords,
  type Playbook,
  type PlaybookEffect,
} from '../../engine/plays';
import type { DayNumber } from '../../engine/types';
import { getDb, readPlaybookEffectsInputs, type TaskPriority } from '../../db';
import { ensureActiveModel } from './active-model';
import { activePlaybooks } from './evaluate-playbooks';

const DEFAULT_IDS = new Set(DEFAULT_PLAYBOOKS.map((p) => p.id));

export interface PlaybookEffectsRequest {
  /** Today's day (the app passes todayDay()). */
  today: DayNumber;
}

/** One playbook as the page shows it. */
export interface PlaybookRow {
  id: string;
  name: string;
  description: string;
  /** "Score below 50". */
  trigger: string;
  antiFlap: AntiFlapWords;
  enabled: boolean;
  action: {
    title: string;
    dueInDays: number;
    priority: TaskPriority;
    checklist: string[];
    /** Null: the account's owner. */
    owner: string | null;
  };
  /** Tasks of this playbook not done (open or snoozed), and done. */
  open: number;
  done: number;
  effects: PlaybookEffect;
  /** The playbook's document, for the edit form. */
  definition: Playbook;
  /** Whether it is one of the shipped playbooks (by id). */
  shipped: boolean;
}

export interface PlaybooksPageData {
  today: DayNumber;
  model: { key: string; name: string; version: number };
  playbooks: PlaybookRow[];
  /** Stored playbooks that failed validation, with why. */
  skipped: string[];
  /** Every stored playbook id (taken ids for a new playbook, valid or not). */
  ids: string[];
  /** The active model's patterns and lifecycle stages, for pattern and stage triggers. */
  patterns: { id: string; name: string }[];
  stages: { id: string; name: string }[];
  /** Whether any playbook has created a task yet. */
  anyTasks: boolean;
  marks: readonly number[];
  outcomeWindowDays: number;
  caveat: string;
  ms: number;
}

export default async function playbookEffectsOp(
  request: PlaybookEffectsRequest,
): Promise<PlaybooksPageData> {
  const started = performance.now();
  const db = getDb();
  const [{ playbooks, skipped }, active] = await Promise.all([
    activePlaybooks(db),
    ensureActiveModel(db),
  ]);
  const reads = await readPlaybookEffectsInputs(db, active.key);
  const ids = new Set(playbooks.map((p) => p.id));
  const tasks = reads.tasks.filter((t) => ids.has(t.playbookId));
  const effects = playbookEffects({
    playbookIds: playbooks.map((p) => p.id),
    tasks,
    outcomes: reads.outcomes,
    scoreAt: liveScoreAt(historyScoreAt(reads.history), reads.outcomes),
    today: request.today,
  });
  const patternNames = new Map(active.model.patterns.map((p) => [p.id, p.name]));
  const rows = playbooks.map((p, i): PlaybookRow => {
    const mine = tasks.filter((t) => t.playbookId === p.id);
    const done = mine.filter((t) => t.status === 'done').length;
    return {
      id: p.id,
      name: p.name,
      description: p.description,
      trigger: triggerWords(p.trigger, {
        stage: (id) => stageName(active.model, id),
        pattern: (id) => patternNames.get(id) ?? id,
      }),
      antiFlap: antiFlapWords(p),
      enabled: p.enabled,
      action: {
        title: p.action.title,
        dueInDays: p.action.dueInDays,
        priority: p.action.priority,
        checklist: [...p.action.checklist],
        owner: p.action.owner,
      },
      open: mine.length - done,
      done,
      effects: effects[i],
      definition: p,
      shipped: DEFAULT_IDS.has(p.id),
    };
  });
  return {
    today: request.today,
    model: { key: active.key, name: active.model.name, version: active.model.version },
    playbooks: rows,
    skipped,
    ids: [...new Set([...ids, ...skipped.map((s) => s.slice(0, s.indexOf(':')))])],
    patterns: active.model.patterns.map((p) => ({ id: p.id, name: p.name })),
    stages: [
      { id: 'onboarding', name: 'onboarding' },
      { id: 'renewal', name: 'renewal window' },
      ...active.model.lifecycle.stages.map((s) => ({ id: s.id, name: s.name })),
    ],
    anyTasks: tasks.length > 0,
    marks: EFFECT_MARKS,
    outcomeWindowDays: OUTCOME_WINDOW_DAYS,
    caveat: EFFECTS_CAVEAT,
    ms: performance.now() - started,
  };
}
