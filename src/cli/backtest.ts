// `backtest DIR [--model FILE] [--horizon DAYS] [--fit --folds K] [--predictions FILE] [--json]`:
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
import { intOption, parseCommandArgs } from './args';
import { READ_OPTIONS, readBookDir, readOptions } from './book-files';
import { InputError, UsageError } from './command';
import { loadModel } from './model-file';

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

function leadTimeLine(r: HorizonReport): string {
  const lead = r.lead_time_days;
  if (!r.details.lead_time.applicable)
    return 'Lead time: not applicable at horizon 0 (same day: no prediction is made ahead)';
  return `Lead time from first red: median ${lead.median ?? 'n/a'} days (p25 ${lead.p25 ?? 'n/a'}, p75 ${lead.p75 ?? 'n/a'})`;
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
  const dir = positionals[0];
  const book = readBookDir(dir, readOptions(options));
  if (!book.outcomes.length) {
    throw new InputError(`${join(dir, 'outcomes.csv')}: no outcomes to backtest against`);
  }
  const modelFile = typeof options.model === 'string' ? options.model : undefined;
  const model = modelFile || !fit ? loadModel(modelFile) : proposeModel(book);
  const result = runBacktest(prepareBook(book), model, {
    horizons: [horizon],
    fit: fit ? { folds } : undefined,
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
