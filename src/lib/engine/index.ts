// The engine's public API: everything the worker, the CLI and the backtest import from here.
export { parseModel, parseModelOrThrow, formatPath, BUILT_IN_STAGES } from './model/parse';
export type { ModelError, ParseModelResult } from './model/parse';
export { DEFAULT_MODEL, USAGE_LED_MODEL, PRESET_MODELS } from './model/presets';
export type { PresetModel } from './model/presets';
export { effectiveShares, lifecycleStage, resolveContext, stageName } from './model/context';
export type { ResolvedContext } from './model/context';
export { ModelDocumentSchema } from './model/schema';
export { scoringDirection, directionWords } from './model/direction';
export type { ScoringDirection } from './model/direction';
export type {
  Aggregate,
  BandThresholds,
  ContextOverride,
  Measure,
  MeasureGroup,
  MeasureSource,
  ModelDocument,
  ModelDocumentInput,
  PatternCondition,
  PatternRule,
  ScoringFunction,
  ValueFormat,
} from './model/schema';
export { prepareBook, overrideInForce } from './score/prepare';
export type { PreparedBook } from './score/prepare';
export { evaluatePoints } from './score/evaluate';
export type { PointEvaluation } from './score/evaluate';
export { scoreAccount, scoreAccounts, scoreBook, bandOf, bestValueOf } from './score/account';
export { scoreHistory, weeklyDays } from './score/history';
export {
  chooseScoringDay,
  lastDataDay,
  MIN_COVERAGE,
  modelLookbackDays,
  newestDataDay,
  scoreStatusOf,
} from './score/freshness';
export type { ScoreStatus, ScoringDay } from './score/freshness';
export {
  archivedAccounts,
  contractTermMonths,
  DEFAULT_TERM_MONTHS,
  renewalRollFor,
  RENEWAL_KINDS,
} from './book-state';
export { bookCoverage, COVERED_ACCOUNT_SHARE, COVERED_BOOK_SHARE } from './score/coverage';
export type { BookCoverage } from './score/coverage';
export { explainScore, measurePhrase, topDrivers } from './score/explain';
export type {
  AccountScore,
  FiredPattern,
  GroupContribution,
  MeasureContribution,
  ScoreSnapshot,
  ScoreTrend,
} from './score/result';
export { makeBenchBook, BENCH_METRICS, BENCH_LAST_DAY } from './score/bench-book';
export * from './renewals';
export * from './changes';
