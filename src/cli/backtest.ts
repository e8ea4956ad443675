// `backtest DIR [--model FILE] [--horizon DAYS] [--fit --folds K [--C C]] [--predictions FILE] [--json]`:
// a thin shell over the engine's runBacktest. Bad input throws UsageError/InputError (exit 2).
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { dayToIso } from '../lib/engine/dates';
import { prepareBook } from '../lib/engine/index';
import {
  isSameDay,
  MAX_HORIZON_DAYS,
  proposeModel,
  runBacktest,
  type HorizonReport,
} from '../lib/engine/backtest/index';
import { intOption, parseCommandArgs, positiveOption } from './args';
import { READ_OPTIONS, readBookDir, readOptions } from './book-files';
import { InputError, UsageError } from './command';
import { loadModel } from './model-file';

/**
 * The range `--C` accepts (scikit-learn's C, the inverse L2 strength): without it the fit chooses
 * C per training fold from 0.1 / 0.3 / 1 on inner folds (1 above 800 churns a fold).
 */
export const MIN_C = 0.0001;
export const MAX_C = 10000;

/** Output streams of the backtest and fit commands. */
export interface CommandIo {
  out: (text: string) => void;
  err: (text: string) => void;
}

/** The `--json` object: the PRODUCT.md fields first, then the page's detail (without ROC points). */
export function reportJson(report: HorizonReport, modelId: string): object {
  const { details, ...contract } = report;
  const { roc: _roc, ...rest } = details;
  return { ...contract, model: modelId, details: rest };
}

/** Quotes a CSV cell when it needs it. */
export function csvCell(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Writes a file, or fails with a message naming it. */
export function writeOutput(path: string, text: string): void {
  try {
    writeFileSync(path, text);
  } catch (e) {
    throw new InputError(`${path}: cannot write (${(e as Error).message})`);
  }
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(100 * v).toFixed(1)}%`);
const fixed = (v: number | null) => (v === null ? 'n/a' : v.toFixed(3));

const days = (v: number | null, lowerBound: boolean) =>
  v === null ? 'n/a' : `${lowerBound ? '≥ ' : ''}${Math.round(v)}`;

function leadTimeLine(r: HorizonReport): string {
  const lead = r.lead_time_days;
  const s = r.details.lead_time;
  if (!s.applicable)
    return 'Lead time: not applicable at horizon 0 (same day: no prediction is made ahead)';
  const head = `Lead time (from the start of the last unbroken red stretch, onboarding skipped): ${s.nFlagged} of ${s.nChurned} churned were red before churning`;
  if (s.nFlagged === 0) return head;
  const b = s.lowerBound;
  const parts = [
    `${head}; median ${days(lead.median, b.median)} days (p25 ${days(lead.p25, b.p25)}, p75 ${days(lead.p75, b.p75)})`,
  ];
  if (s.nCensored > 0) {
    const why = [
      s.censoredBy.lookback &&
        `${s.censoredBy.lookback} red for the whole ${s.lookbackDays === 364 ? 'year' : `${s.lookbackDays}-day lookback`}: ≥ ${s.lookbackDays} days`,
      s.censoredBy.onboarding && `${s.censoredBy.onboarding} red since onboarding ended`,
      s.censoredBy.noData && `${s.censoredBy.noData} red since the score could first be read`,
    ].filter(Boolean);
    parts.push(
      `${s.nCensored} censored (red as far back as can be seen, so at least that long and counted at that bound: ${why.join('; ')})`,
    );
  }
  return parts.join('; ');
}

const slope = (v: number | null | undefined) =>
  v === null || v === undefined ? 'n/a' : v.toFixed(2);

function calibrationLine(r: HorizonReport): string {
  const own = slope(r.details.calibration_slope?.slope);
  const scale = '(1 = well calibrated, < 1 overconfident)';
  if (r.details.probability === 'fitted') return `Calibration slope ${own} out of sample ${scale}`;
  const platt = r.details.calibrated?.slope;
  return `Calibration slope ${own} reading the score as 1 − score/100, ${slope(platt)} out of sample after the score → probability mapping ${scale}`;
}

/** The report of one horizon as text (what `backtest` prints without --json). */
export function textSummary(r: HorizonReport, modelId: string): string {
  const horizon = isSameDay(r.horizon_days)
    ? 'horizon 0 days (same day, weaker evidence)'
    : `horizon ${r.horizon_days} days`;
  return (
    [
      `Backtest of ${modelId}, ${horizon}: ${r.n_outcomes} outcomes, ${r.n_churned} churned`,
      ...(r.details.excluded.unavoidable > 0
        ? [`Excluded ${r.details.excluded.unavoidable} churns marked unavoidable`]
        : []),
      `AUC ${fixed(r.auc)}  PR AUC ${fixed(r.pr_auc)}  Brier ${fixed(r.brier)}  log loss ${fixed(r.log_loss)}`,
      `Churned while green: ${pct(r.green_churn_share)}`,
      ...r.bands.map(
        (b) =>
          `  ${b.band.padEnd(5)} n=${b.n}  churn ${pct(b.churn_rate)} (95% CI ${pct(b.ci_low)}–${pct(b.ci_high)})`,
      ),
      calibrationLine(r),
      leadTimeLine(r),
      ...r.warnings.map((w) => `Warning: ${w}`),
    ].join('\n') + '\n'
  );
}

/** Runs `backtest`; prints the report (text, or JSON with --json) and returns exit status 0. */
export function backtestCommand(args: readonly string[], io: CommandIo): number {
  const { positionals, options } = parseCommandArgs(
    [...args],
    {
      model: { type: 'string' },
      horizon: { type: 'string' },
      fit: { type: 'boolean' },
      folds: { type: 'string' },
      C: { type: 'string' },
      predictions: { type: 'string' },
      json: { type: 'boolean' },
      'exclude-unavoidable': { type: 'boolean' },
      ...READ_OPTIONS,
    },
    ['DIR'],
  );
  const excludeUnavoidable = options['exclude-unavoidable'] === true;
  const horizon = intOption(options.horizon, 'horizon', 60, 0, MAX_HORIZON_DAYS);
  const fit = options.fit === true;
  if (options.folds !== undefined && !fit) throw new UsageError('--folds only applies with --fit');
  const folds = intOption(options.folds, 'folds', 5, 2, 50);
  if (options.C !== undefined && !fit) throw new UsageError('--C only applies with --fit');
  const C = positiveOption(options.C, 'C', MIN_C, MAX_C);
  const dir = positionals[0];
  const book = readBookDir(dir, readOptions(options));
  if (!book.outcomes.length) {
    throw new InputError(`${join(dir, 'outcomes.csv')}: no outcomes to backtest against`);
  }
  const modelFile = typeof options.model === 'string' ? options.model : undefined;
  const model = modelFile || !fit ? loadModel(modelFile) : proposeModel(book);
  const result = runBacktest(prepareBook(book), model, {
    horizons: [horizon],
    fit: fit ? { folds, C } : undefined,
    excludeUnavoidable,
  });
  const report = result.reports[0];
  if (typeof options.predictions === 'string') {
    const rows = result.predictions[0].map(
      (p) => `${csvCell(p.accountId)},${dayToIso(p.day)},${p.y},${p.p}`,
    );
    writeOutput(options.predictions, ['account_id,date,y,p', ...rows].join('\n') + '\n');
  }
  io.out(
    options.json
      ? JSON.stringify(reportJson(report, model.id), null, 2) + '\n'
      : textSummary(report, model.id),
  );
  return 0;
}
