// The demo book's public API.
export { generateDemoBook, mondayOnOrBefore, DEMO_DEFAULT_ACCOUNTS, DEMO_WEEKS } from './generate';
export type { DemoBookOptions } from './generate';
export { DEMO_METRICS, WEEKLY_METRICS } from './signals';
export { planDemoBook } from './generate';
export type { AccountPlan } from './plan';
export type { RenewalEvent } from './renewals';
export type { Story, Fate } from './stories';
export type { Episode, EpisodeKind } from './episodes';
