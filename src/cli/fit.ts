// `fit DIR [--model FILE] [--horizon DAYS] [--out FILE]`: fits a scorecard model to the folder's
// outcomes on measures proposed from the data, compares it out of sample with the current model
// (--model, default the default model) and writes the model file (stdout without --out).
import { join } from 'node:path';
import { prepareBook } from '../lib/engine/index';
import {
  FitInputError,
  fitModel,
  fittedMeasureLines,
  proposeMeasures,
  MAX_HORIZON_DAYS,
  type FitModelResult,
} from '../lib/engine/backtest/index';
import { intOption, parseCommandArgs, positiveOption } from './args';
import { MAX_C, MIN_C, writeOutput, type CommandIo } from './backtest';
import { READ_OPTIONS, readBookDir, readOptions } from './book-files';
import { InputError } from './command';
import { loadModel } from './model-file';

const auc = (v: number | null) => v?.toFixed(3) ?? 'n/a';

/** The verdict lines: both AUCs on the same outcomes, and whether the fit is offered. */
function verdict(result: FitModelResult, currentId: string): string[] {
  const c = result.comparison;
  const lines = [
    c.currentScored === 0
      ? `Current model (${currentId}): no data for any of these outcomes, so no AUC; fitted model: AUC ${auc(c.suggestionAuc)} out of sample.`
      : `On the ${c.common} outcomes both could score (${c.commonChurned} churned): fitted model AUC ${auc(c.suggestionAuc)} out of sample, current model (${currentId}) AUC ${auc(c.currentAuc)}.`,
  ];
  if (result.offered) {
    lines.push(
      'The fitted model beats the current model out of sample and is strong enough to offer as a new model version.',
    );
  } else if (!c.better) {
    lines.push(
      'Keep the current model: the fitted model does not beat it out of sample, so it is not offered as an improvement.',
    );
  } else {
    lines.push(
      'The fitted model beats the current model out of sample, but is not offered as an improvement yet: see the warnings.',
    );
  }
  return lines;
}

/** The fitted measures in words, heaviest first ("Tenure — shorter tenure → lower score; 41%"). */
function measureLines(
  book: Parameters<typeof proposeMeasures>[0],
  result: FitModelResult,
): string[] {
  const lines = fittedMeasureLines(proposeMeasures(book).measures, result.model);
  return [`Measures (${lines.length}), heaviest first:`, ...lines.map((l) => `  ${l}`)];
}

/** Runs `fit`; writes the model JSON and a summary on stderr, returns exit status 0. */
export function fitCommand(args: readonly string[], io: CommandIo): number {
  const { positionals, options } = parseCommandArgs(
    [...args],
    {
      model: { type: 'string' },
      horizon: { type: 'string' },
      out: { type: 'string' },
      C: { type: 'string' },
      'exclude-unavoidable': { type: 'boolean' },
      ...READ_OPTIONS,
    },
    ['DIR'],
  );
  const excludeUnavoidable = options['exclude-unavoidable'] === true;
  const horizon = intOption(options.horizon, 'horizon', 60, 0, MAX_HORIZON_DAYS);
  const C = positiveOption(options.C, 'C', MIN_C, MAX_C);
  const dir = positionals[0];
  const book = readBookDir(dir, readOptions(options));
  if (!book.outcomes.length) {
    throw new InputError(`${join(dir, 'outcomes.csv')}: no outcomes to fit to`);
  }
  const current = loadModel(typeof options.model === 'string' ? options.model : undefined);
  let result: FitModelResult;
  try {
    result = fitModel(prepareBook(book), {
      horizonDays: horizon,
      excludeUnavoidable,
      currentModel: current,
      C,
    });
  } catch (e) {
    if (e instanceof FitInputError)
      throw new InputError(`${join(dir, 'outcomes.csv')}: ${e.message}`);
    throw e;
  }
  const json = JSON.stringify(result.model, null, 2) + '\n';
  if (typeof options.out === 'string') writeOutput(options.out, json);
  else io.out(json);
  const oos = result.outOfSample;
  const { redMax, amberMax } = result.model.bands;
  io.err(
    [
      `Fitted on ${oos.n_outcomes} outcomes (${oos.n_churned} churned), horizon ${horizon} days; out-of-sample AUC ${oos.auc?.toFixed(3) ?? 'n/a'} (5 folds grouped by account).`,
      `Suggested bands: red ≤ ${redMax}, amber ≤ ${amberMax}, green above.`,
      ...measureLines(book, result),
      ...verdict(result, current.id),
      ...result.warnings.filter((w) => w !== result.comparison.summary).map((w) => `Warning: ${w}`),
    ].join('\n') + '\n',
  );
  return 0;
}
