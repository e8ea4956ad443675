// `fit DIR …`: the CLI entry for the backtest helper's command in ../fit.ts, which parses its
// own arguments and returns its exit status.
import type { CliCommand } from '../command';
import { fitCommand } from '../fit';

const usage = `Usage: npm run -s cli -- fit DIR [--model FILE] [--horizon DAYS] [--out FILE]

Fits a scorecard model (weights of evidence per measure bin, L2 logistic regression) to the
outcomes in DIR on measures proposed from the data itself, and writes the model JSON
(stdout without --out). Fit statistics go to stderr, with the fitted model's out-of-sample
AUC beside the current model's on the same outcomes: --model FILE is the model in use
(default: the default model). The fit is offered as an improvement only when it beats it.
`;

const command: CliCommand = {
  name: 'fit',
  summary: 'fit a model to the outcomes of a folder of canonical CSVs',
  usage,
  run: (args, io) => fitCommand(args, { out: io.stdout, err: io.stderr }),
};

export default command;
