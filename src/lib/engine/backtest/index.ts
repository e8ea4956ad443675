// The backtest & fit public API (the worker, the CLI and the bench import from here).
export { runBacktest } from './run';
export type { BacktestOptions, BacktestResult, Prediction } from './run';
export { compareModels } from './compare';
export type { BandChange, ModelComparison } from './compare';
export {
  FitInputError,
  fitDescription,
  fitModel,
  readFitDescription,
  scorecardToModel,
} from './fit-model';
export type { FitModelOptions, FitModelResult, FitRecord } from './fit-model';
export { proposeModel, proposeMeasures } from './propose';
export type { Proposal, ProposedMeasure, ProposedKind, SkippedColumn } from './propose';
export {
  columnLabel,
  dimensionOf,
  directionFromName,
  DIMENSIONS,
  DIMENSION_NAMES,
} from './propose-names';
export type { Dimension } from './propose-names';
export { fitProposal, fittedMeasureLines, fittedMeasures } from './proposal-fit';
export type { FittedProposal } from './proposal-fit';
export { compareOutOfSample } from './versus';
export type { OutOfSampleComparison } from './versus';
export {
  chooseFitHorizon,
  outcomesWithData,
  FIT_HORIZONS,
  MIN_FIT_CHURNED,
  MIN_FIT_RETAINED,
} from './fit-horizon';
export type { HorizonChoice, HorizonEvidence } from './fit-horizon';
export { runBacktestBench } from './bench';
export type { BacktestBenchSummary } from './bench';
export { syntheticBacktestBook } from './synthetic';
export type { HorizonReport, ChurnedWhileGreen, ChurnLeadTime, OutcomeKindSummary } from './report';
export { outcomeRows } from './outcomes';
export type { OutcomeRows, OutcomeSelection } from './outcomes';
export { rocAuc, rocCurve, averagePrecision } from './ranking';
export type { RocPoint } from './ranking';
export { brierScore, calibrationSlope, logLoss, reliabilityBins } from './calibration';
export type { CalibrationSlope, ReliabilityBin } from './calibration';
export { BAND_CODES, bandChurnRates, churnShareInBand, liftCurve } from './bands';
export type { BandChurnRate, ChurnShare, LiftPoint } from './bands';
export {
  summarizeLeadTimes,
  leadTimeNotApplicable,
  lastRedStretch,
  leadTimeWords,
} from './lead-time';
export {
  SAME_DAY_HORIZON,
  SAME_DAY_WARNING,
  MAX_HORIZON_DAYS,
  isSameDay,
  predictionDayPhrase,
  firstDataDays,
  dataCoverage,
  onlySameDay,
  horizonCoverage,
} from './horizon';
export type { DataCoverage } from './horizon';
export type { LeadTimeSummary, LeadTime } from './lead-time';
export { wilsonInterval, percentileSorted } from './stats';
export type { RateInterval } from './stats';
export {
  renewalByScore,
  renewalAbove,
  smallSampleWarnings,
  isThinSample,
  overlappingBands,
  MIN_CHURNS,
  MIN_OUTCOMES_PER_RATE,
} from './renewal';
export type { RenewalBin } from './renewal';
export { fitLogistic, predictLogistic, designMatrix } from './logistic';
export type { DesignMatrix, LogisticFit, LogisticOptions } from './logistic';
export { groupedKFold, timeSplits } from './folds';
export type { CvSplit } from './folds';
export {
  fitScorecard,
  scoreWithScorecard,
  scorecardChurnProbability,
  crossValidateScorecard,
} from './scorecard';
export type { Scorecard, ScorecardMeasure, ScorecardOptions } from './scorecard';
export { suggestThresholds, capacityRedMax } from './thresholds';
export type { ThresholdOptions } from './thresholds';
export { plattCalibration, mappedProbability } from './platt';
export type { PlattCalibration, ScoreMapping } from './platt';
