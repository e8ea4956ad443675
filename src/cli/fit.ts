// `fit DIR [--horizon DAYS] [--out FILE]`: fits a scorecard model to the folder's outcomes on
// measures proposed from the data and writes the model file (stdout without --out).
import { join } from 'node:path';
import { prepareBook } from '../lib/engine/index';
import {
  FitInputError,
  fitModel,
  MAX_HORIZON_DAYS,
  type FitModelResult,
} from '../lib/engine/backtest/index';
import { intOption, parseCommandArgs } from './args';
import { writeOutput, type CommandIo } from './backtest';
import { READ_OPTIONS, readBookDir, readOptions } from './book-files';
import { InputError } from './command';

/** Runs `fit`; writes the model JSON and a summary on stderr, returns exit status 0. */
export function fitCommand(args: readonly string[], io: CommandIo): number {
  const { positionals, options } = parseCommandArgs(
    [...args],
    {
      horizon: { type: 'string' },
      out: { type: 'string' },
      'exclude-unavoidable': { type: 'boolean' },
      ...READ_OPTIONS,
    },
    ['DIR'],
  );
  const excludeUnavoidable = options['exclude-unavoidable'] === true;
  const horizon = intOption(options.horizon, 'horizon', 60, 0, MAX_HORIZON_DAYS);
  const dir = positionals[0];
  const book = readBookDir(dir, readOptions(options));
  if (!book.outcomes.length) {
    throw new InputError(`${join(dir, 'outcomes.csv')}: no outcomes to fit to`);
  }
  let result: FitModelResult;
  try {
    result = fitModel(prepareBook(book), { horizonDays: horizon, excludeUnavoidable });
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
      result.offered
        ? 'The fit is strong enough to offer as a new model version.'
        : 'Not offered as an improvement: see the warnings.',
      ...result.warnings.map((w) => `Warning: ${w}`),
    ].join('\n') + '\n',
  );
  return 0;
}
