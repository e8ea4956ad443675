// `snapshot FILE DIR --id COL --outcome COL --date YYYY-MM-DD [--churn-value V] [--horizon DAYS]`:
// converts a one-row-per-account CSV into canonical files.
import { basename } from 'node:path';
import { dayToIso } from '../../lib/engine/dates';
import { formatCanonicalError, writeCanonicalBook } from '../../lib/import/canonical';
import { CanonicalInputError } from '../../lib/import/canonical-csv';
import {
  describeSnapshotOutcome,
  MAX_SNAPSHOT_OUTCOME_DAYS,
  snapshotOutcomeDay,
} from '../../lib/import/snapshot-outcome';
import { dateOption, intOption, parseCommandArgs, requiredOption } from '../args';
import { READ_OPTIONS, DECIMAL_USAGE, readOptions, readTextFile, writeFiles } from '../book-files';
import { InputError, UsageError, type CliCommand } from '../command';
import { snapshotToBook } from '../snapshot-book';

const usage = `Usage: npm run -s cli -- snapshot FILE DIR --id COL --outcome COL --date YYYY-MM-DD
                                  [--churn-value VALUE] [--horizon DAYS]
                                  [--decimal comma|point]

Converts a one-row-per-account CSV (e.g. the IBM telco churn file) into canonical CSVs in DIR:
numeric columns become signals dated --date, other columns account attributes, and the
outcome column an outcome dated --date + --horizon: churned where it equals --churn-value,
renewed otherwise. Blank cells stay missing (never 0). FILE is read as the Import page reads
it (UTF-8, UTF-16 or Windows-1252; comma, semicolon, tab or pipe; decimal commas).

--horizon says when the outcome column was observed, as the Import page asks: 0 = by the
snapshot date (the row describes the customer as they were when they left; only a same-day
backtest, backtest --horizon 0, is possible), N = within N days after the snapshot.

  --id COL            the account id column
  --outcome COL       the churn column
  --date DATE         the day the snapshot was taken
  --churn-value VALUE the value meaning churned (default Yes; case-insensitive)
  --horizon DAYS      days from the snapshot to the outcome (default 60; 0 = by the snapshot date)
${DECIMAL_USAGE}
`;

const command: CliCommand = {
  name: 'snapshot',
  summary: 'convert a one-row-per-account CSV into canonical CSV files',
  usage,
  run(args, io) {
    const { positionals, options } = parseCommandArgs(
      args,
      {
        id: { type: 'string' },
        outcome: { type: 'string' },
        date: { type: 'string' },
        'churn-value': { type: 'string' },
        horizon: { type: 'string' },
        decimal: READ_OPTIONS.decimal,
      },
      ['FILE', 'DIR'],
    );
    const idColumn = requiredOption(options.id, 'id');
    const outcomeColumn = requiredOption(options.outcome, 'outcome');
    const day = dateOption(options.date, 'date');
    if (day === null) throw new UsageError('--date is required');
    const horizonDays = intOption(options.horizon, 'horizon', 60, 0, MAX_SNAPSHOT_OUTCOME_DAYS);
    const churnValue = (options['churn-value'] as string | undefined) ?? 'Yes';
    const read = readOptions(options);
    const [file, dir] = positionals;
    const text = readTextFile(file);
    let converted;
    try {
      converted = snapshotToBook(file, text, {
        idColumn,
        outcomeColumn,
        day,
        churnValue,
        horizonDays,
        ...read,
      });
    } catch (e) {
      if (e instanceof CanonicalInputError) throw new InputError(formatCanonicalError(e.detail));
      throw e;
    }
    const { book, summary } = converted;
    const paths = writeFiles(dir, writeCanonicalBook(book));
    io.stdout(
      `Converted ${book.accounts.length} accounts from ${basename(file)}: ` +
        `signals dated ${dayToIso(day)} from ${summary.signalColumns.join(', ') || 'no columns'}; ` +
        `attributes from ${summary.attributeColumns.length} columns; ` +
        `outcomes dated ${dayToIso(snapshotOutcomeDay(day, horizonDays))}: ${summary.churned} churned, ${summary.renewed} renewed` +
        (summary.noOutcome > 0 ? `, ${summary.noOutcome} blank` : '') +
        `. ${describeSnapshotOutcome(horizonDays)}\n` +
        paths.map((p) => `wrote ${p}\n`).join(''),
    );
  },
};

export default command;
