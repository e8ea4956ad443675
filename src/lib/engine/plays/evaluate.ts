// One day of every playbook over every account: the state machine step per (playbook, account)
// and the tasks to create. Pure: the caller reads states and open tasks, and writes back what
// this returns (only the states that changed, so idle accounts cost nothing).
import type { DayNumber } from '../types';
import type { PlayFacts } from './facts';
import type { Playbook } from './schema';
import { sameState, step, type PlayState } from './state';
import { enters, meetsConditions, reasonOf, refires, staysIn } from './triggers';

/** The state map's key of a playbook and an account. */
export function stateKey(playbookId: string, accountId: string): string {
  return `${playbookId}\u0000${accountId}`;
}

/** A task a playbook creates. */
export interface PlayTask {
  playbookId: string;
  accountId: string;
  title: string;
  checklist: string[];
  /** The playbook's owner, else the account's (null: nobody). */
  owner: string | null;
  priority: Playbook['action']['priority'];
  createdDay: DayNumber;
  dueDay: DayNumber;
  reason: string;
}

export interface DayEvaluation {
  /** Tasks to create, by playbook order then account order. */
  tasks: PlayTask[];
  /** States that changed: key → new state (null: back to idle, delete it). */
  changed: Map<string, PlayState | null>;
  /** Episodes that started today without a task (one was open, or the cooldown had not passed). */
  metWithoutTask: { playbookId: string; accountId: string }[];
}

export interface DayInput {
  playbooks: readonly Playbook[];
  facts: readonly PlayFacts[];
  /** Current states by stateKey (absent: idle). */
  states: ReadonlyMap<string, PlayState>;
  /** stateKeys with an open or snoozed task. */
  openTasks: ReadonlySet<string>;
  /** A stage id's name in words ("renewal window"). */
  stageName?: (id: string) => string;
  /**
   * The day evaluated — it dates the tasks and drives "for N days" and the cooldown — when it
   * is not the facts' own day (the app: today, over scores as of the book's scoring day).
   */
  day?: DayNumber;
}

/** Fills `{account}` in a title. */
export function taskTitle(template: string, accountName: string): string {
  return template.replaceAll('{account}', accountName);
}

/** Evaluates every enabled playbook for every account on the facts' day. */
export function evaluateDay(input: DayInput): DayEvaluation {
  const tasks: PlayTask[] = [];
  const changed = new Map<string, PlayState | null>();
  const metWithoutTask: DayEvaluation['metWithoutTask'] = [];
  const stageName = input.stageName ?? ((id: string) => id);
  for (const p of input.playbooks) {
    if (!p.enabled) continue;
    for (const f of input.facts) {
      const key = stateKey(p.id, f.accountId);
      const prev = input.states.get(key) ?? null;
      const eligible = meetsConditions(p.conditions, f);
      const enter = eligible && enters(p.trigger, f);
      // Quick exit for the common case: idle and not entering stays idle, nothing to write.
      if (prev === null && !enter) continue;
      const r = step(prev, {
        day: input.day ?? f.day,
        enters: enter,
        staysIn: eligible && staysIn(p.trigger, f, prev?.ref ?? null),
        refires: eligible && refires(p.trigger, f, prev?.ref ?? null),
        score: f.score,
        openTask: input.openTasks.has(key),
        forDays: p.forDays,
        cooldownDays: p.cooldownDays,
      });
      if (!sameState(r.state, prev)) changed.set(key, r.state);
      if (r.fire) {
        tasks.push({
          playbookId: p.id,
          accountId: f.accountId,
          title: taskTitle(p.action.title, f.name),
          checklist: [...p.action.checklist],
          owner: p.action.owner ?? f.owner,
          priority: p.action.priority,
          createdDay: input.day ?? f.day,
          dueDay: (input.day ?? f.day) + p.action.dueInDays,
          reason: reasonOf(p.trigger, f, stageName),
        });
      } else if (r.entered) {
        metWithoutTask.push({ playbookId: p.id, accountId: f.accountId });
      }
    }
  }
  return { tasks, changed, metWithoutTask };
}
