// `backtest DIR …`: the CLI entry for the backtest helper's command in ../backtest.ts, which
// parses its own arguments and returns its exit status.
import { backtestCommand } from '../backtest';
import { READ_OPTIONS_USAGE } from '../book-files';
import type { CliCommand } from '../command';

const usage = `Usage: npm run -s cli -- backtest DIR [--model FILE] [--horizon DAYS] [--fit --folds K [--C C]]
                                  [--predictions FILE] [--json] [--exclude-unavoidable]
                                  [--decimal comma|point] [--date-order dmy|mdy]

Point-in-time backtest of a model against the outcomes in DIR: for each outcome on day d the
prediction is the score as of d − horizon (default 60 days). Prints AUC, PR AUC, Brier score,
log loss, the calibration slope (1 = well calibrated, < 1 overconfident), churn rate per band
with Wilson intervals and lead time (from the start of the last unbroken red stretch before
each churn, onboarding skipped; "≥" where it reaches back as far as can be seen); --json prints
one JSON object; --fit --folds K fits weights on K−1 folds (grouped by account), maps scores to
probabilities with a mapping fitted on inner folds, and reports the held-out fold; --C C fixes
the L2 strength (scikit-learn's C, 0.0001–10000) instead of choosing it per fold from 0.1, 0.3
and 1 on inner folds; --predictions FILE writes account_id,date,y,p; --exclude-unavoidable leaves out
churn whose outcome says avoidable=false (acquired, out of business), as the Backtest page's
option does. The files are read as the Import page reads them.

--horizon 0 is the same-day test, all a snapshot dated on its outcomes' day allows: the score
reads data dated on or before the outcome day itself. It shows how well the data separates
churned from renewed accounts, not whether the score warns in time: weaker evidence than a
point-in-time horizon, marked so in warnings[], with lead time not applicable.

${READ_OPTIONS_USAGE}
`;

const command: CliCommand = {
  name: 'backtest',
  summary: 'measure how well a model would have predicted past renewals',
  usage,
  run: (args, io) => backtestCommand(args, { out: io.stdout, err: io.stderr }),
};

export default command;
