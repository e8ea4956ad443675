// Playbooks: triggers with hysteresis, the anti-flap state machine, one day's evaluation and the
// point-in-time replay. See README.md.
export {
  ActionSchema,
  ConditionsSchema,
  PlaybookSchema,
  TriggerSchema,
  parsePlaybookOrThrow,
  parsePlaybooks,
} from './schema';
export type {
  Playbook,
  PlaybookConditions,
  PlaybookError,
  PlaybookInput,
  Trigger,
  TriggerInput,
} from './schema';
export { DEFAULT_PLAYBOOKS } from './defaults';
export { bookFacts, factsOf, latestPulse, SEAT_USE_MEASURE } from './facts';
export type { PlayFacts } from './facts';
export { enters, meetsConditions, reasonOf, staysIn } from './triggers';
export { sameState, step } from './state';
export type { PlayState, StepInput, StepResult } from './state';
export { evaluateDay, stateKey, taskTitle } from './evaluate';
export type { DayEvaluation, DayInput, PlayTask } from './evaluate';
export { replayPlaybooks, replayWithStates } from './replay';
export type { ReplayInput, ReplayResult } from './replay';
export { demoWork, DEMO_WORK_WEEKS } from './demo-work';
export type { DemoTask } from './demo-work';
export {
  EFFECT_MARKS,
  EFFECTS_CAVEAT,
  OUTCOME_WINDOW_DAYS,
  SNAPSHOT_SPAN_DAYS,
  historyScoreAt,
  liveScoreAt,
  playbookEffects,
} from './effects';
export type {
  EffectOutcome,
  EffectTask,
  EffectsInput,
  GroupEffect,
  OutcomeCounts,
  PlaybookEffect,
  ScoreChange,
} from './effects';
export { antiFlapWords, triggerWords } from './describe';
export type { AntiFlapWords, TriggerNames } from './describe';
