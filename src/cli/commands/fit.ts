// `fit DIR …`: the CLI entry for the backtest helper's command in ../fit.ts, which parses its
// own arguments and returns its exit status.
import { READ_OPTIONS_USAGE } from '../book-files';
import type { CliCommand } from '../command';
import { fitCommand } from '../fit';

const usage = `Usage: npm run -s cli -- fit DIR [--model FILE] [--horizon DAYS] [--out FILE] [--C C]
                             [--exclude-unavoidable] [--decimal comma|point] [--date-order dmy|mdy]

Fits a scorecard model (weights of evidence per measure bin, L2 logistic regression) to the
outcomes in DIR on measures proposed from the data itself, and writes the model JSON
(stdout without --out). Fit statistics go to stderr, with the fitted model's out-of-sample
AUC beside the current model's on the same outcomes: --model FILE is the model in use
(default: the default model). The fit is offered as an improvement only when it beats it.
--horizon DAYS (default 60) scores each outcome as of that many days before it; 0 = on the
outcome day (same day: weaker evidence). --C C fixes the L2 strength (scikit-learn's C,
0.0001–10000) instead of choosing it from 0.1, 0.3 and 1 on inner folds. --exclude-unavoidable leaves out churn whose outcome
says avoidable=false, from the fit and from its out-of-sample check. The files are read as the
Import page reads them.

${READ_OPTIONS_USAGE}
`;

const command: CliCommand = {
  name: 'fit',
  summary: 'fit a model to the outcomes of a folder of canonical CSVs',
  usage,
  run: (args, io) => fitCommand(args, { out: io.stdout, err: io.stderr }),
};

export default command;
