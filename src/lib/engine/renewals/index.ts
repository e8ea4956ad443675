// Renewals and ARR at risk: the public API of this folder.
export { bucketByMonth, monthStart, monthsFrom } from './months';
export type { MonthBuckets, MonthRange } from './months';
export { ARR_GRID_CELLS, expectedChurn } from './expected';
export type { ChurnRisk, ExpectedChurn } from './expected';
export { callGap, disagrees, modelCallOf, orderByDisagreement, RENEWAL_CALLS } from './calls';
export type { CallRow, RenewalCallKind } from './calls';
export { calibrationFor, churnProbability } from './probability';
export type { HorizonCalibration } from './probability';
export {
  arrAtRisk,
  arrOnDay,
  bandOnDay,
  churnedBy,
  monthlyDays,
  SNAPSHOT_MAX_AGE_DAYS,
} from './at-risk';
export type { AtRiskAccount, AtRiskPoint, ArrCount } from './at-risk';
export { renewalsView } from './view';
export type { RenewalInput, RenewalMonth, RenewalRow, RenewalsView, Tally } from './view';
