// The per-account, per-playbook state machine that keeps alerts from flapping or duplicating:
//
//   idle ──enters──▶ pending (waiting out forDays) ──held forDays──▶ in ──leaves (hysteresis)──▶ idle
//
// A task is created only on the step into "in" (an episode), never while in — an account that
// stays red for months gets one task, not one a day — except when the trigger fires again on
// top of the episode (`refires`: a drop that falls as far again). On that step the task is created only when
// no task of this playbook is open (or snoozed) for the account and the cooldown since the last
// one has passed; otherwise the episode is recorded as met without a new task. The state is
// plain JSON (stored in playbookState); the idle state is null, so idle accounts cost nothing.
import type { DayNumber } from '../types';

export interface PlayState {
  /** First day of an unbroken run of "enters" while waiting out forDays; null when not pending. */
  pendingSince: DayNumber | null;
  /** Day the current episode started; null when not in. */
  inSince: DayNumber | null;
  /** The score when the episode started (drop triggers' hysteresis reference). */
  ref: number | null;
  /** Day this playbook last created a task for the account (cooldown); null when never. */
  lastFired: DayNumber | null;
}

/** What one day did to the state. */
export interface StepResult {
  state: PlayState | null;
  /** True on the day an episode starts. */
  entered: boolean;
  /** True when a task is to be created (entered, nothing open, cooldown over). */
  fire: boolean;
}

export interface StepInput {
  day: DayNumber;
  /** The trigger's strict test today (conditions included). */
  enters: boolean;
  /** The trigger's looser test today (used only while in). */
  staysIn: boolean;
  /** Today's score (kept as the drop reference). */
  score: number | null;
  /** Whether a task of this playbook is open or snoozed for the account. */
  openTask: boolean;
  /**
   * While in: the trigger fired again on top of the episode (a drop trigger: the score fell as
   * far again below the level it had fallen to). Then, once the cooldown has passed and no task
   * is open, a new task is created and the episode's reference moves to today's score.
   */
  refires?: boolean;
  forDays: number;
  cooldownDays: number;
}

/** A state that remembers nothing the next step needs is idle: stored as nothing. */
function settle(s: PlayState, day: DayNumber, cooldownDays: number): PlayState | null {
  const cooling = s.lastFired !== null && day - s.lastFired < cooldownDays;
  return s.pendingSince === null && s.inSince === null && !cooling ? null : s;
}

/** Whether two states hold the same values. */
export function sameState(a: PlayState | null, b: PlayState | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.pendingSince === b.pendingSince &&
    a.inSince === b.inSince &&
    a.ref === b.ref &&
    a.lastFired === b.lastFired
  );
}

/**
 * One day of the state machine. Days come in non-decreasing order; the same day may be
 * evaluated again with newer facts (after a change): an episode can end, and it can start
 * (the open task of the first start stops a second task).
 */
export function step(prev: PlayState | null, input: StepInput): StepResult {
  const s: PlayState = prev
    ? { ...prev }
    : { pendingSince: null, inSince: null, ref: null, lastFired: null };
  if (s.inSince !== null) {
    if (input.staysIn) {
      const cooled = s.lastFired === null || input.day - s.lastFired >= input.cooldownDays;
      if (input.refires && cooled && !input.openTask && s.lastFired !== input.day) {
        s.ref = input.score;
        s.lastFired = input.day;
        return { state: s, entered: true, fire: true };
      }
      return { state: s, entered: false, fire: false };
    }
    s.inSince = null;
    s.ref = null;
    s.pendingSince = null;
    // Leaving and entering on the same day cannot happen: "enters" implies "stays in".
    return { state: settle(s, input.day, input.cooldownDays), entered: false, fire: false };
  }
  if (!input.enters) {
    s.pendingSince = null;
    return { state: settle(s, input.day, input.cooldownDays), entered: false, fire: false };
  }
  s.pendingSince ??= input.day;
  if (input.day - s.pendingSince + 1 < input.forDays)
    return { state: s, entered: false, fire: false };
  s.pendingSince = null;
  s.inSince = input.day;
  s.ref = input.score;
  const cooled = s.lastFired === null || input.day - s.lastFired >= input.cooldownDays;
  // The same day evaluated again after it fired: the episode's task exists already.
  if (s.lastFired === input.day) return { state: s, entered: false, fire: false };
  const fire = cooled && !input.openTask;
  if (fire) s.lastFired = input.day;
  return { state: s, entered: true, fire };
}
