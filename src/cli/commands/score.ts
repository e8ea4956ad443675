// `score DIR [--model FILE] [--as-of YYYY-MM-DD] [--out FILE]`: scores every account and writes
// account_id,score,band,trend_30d,coverage,explanation as PRODUCT.md specifies.
import { writeFileSync } from 'node:fs';
import { prepareBook, scoreBook, type ModelDocument } from '../../lib/engine';
import { dayToIso } from '../../lib/engine/dates';
import type { Book, DayNumber } from '../../lib/engine/types';
import { formatCsv, type CsvCell } from '../../lib/import/canonical';
import { dateOption, parseCommandArgs } from '../args';
import { READ_OPTIONS, READ_OPTIONS_USAGE, readBookDir, readOptions } from '../book-files';
import { InputError, type CliCommand } from '../command';
import { loadModel } from '../model-file';

const TREND_DAYS = 30;

const usage = `Usage: npm run -s cli -- score DIR [--model FILE] [--as-of YYYY-MM-DD] [--out FILE]
                               [--decimal comma|point] [--date-order dmy|mdy]

Scores every account in the canonical CSVs of DIR and writes CSV with the columns
account_id,score,band,trend_30d,coverage,explanation (to stdout without --out). The files are
read as the Import page reads them (any encoding, delimiter and line end it reads).

  --model FILE   model JSON (canary-model/1); default: the built-in five-dimension model
  --as-of DATE   score with data dated on or before DATE; default: the latest signal,
                 pulse or override date in the data (outcomes do not count)
  --out FILE     write the CSV to FILE instead of stdout
${READ_OPTIONS_USAGE}

score is 0–100, band red|amber|green, trend_30d the score change over 30 days (empty when
unknown), coverage the share of model weight that had data (0–1).
`;

/** The latest day of any signal, pulse or override; null for a book without dated inputs. */
export function latestDataDay(book: Book): DayNumber | null {
  let latest = -Infinity;
  for (const s of book.series)
    if (s.days.length > 0) latest = Math.max(latest, s.days[s.days.length - 1]);
  for (const p of book.pulses) latest = Math.max(latest, p.day);
  for (const o of book.overrides) latest = Math.max(latest, o.day);
  return Number.isFinite(latest) ? latest : null;
}

/** The score CSV rows (header first) for a book as of a day. */
export function scoreRows(book: Book, model: ModelDocument, asOf: DayNumber): CsvCell[][] {
  const prepared = prepareBook(book);
  const scores = scoreBook(prepared, model, asOf);
  // The column is 30 days by name; a model with another trend window gets a second pass.
  const before =
    model.trend.windowDays === TREND_DAYS ? null : scoreBook(prepared, model, asOf - TREND_DAYS);
  const rows: CsvCell[][] = [
    ['account_id', 'score', 'band', 'trend_30d', 'coverage', 'explanation'],
  ];
  scores.forEach((s, i) => {
    const previous = before ? before[i].score : null;
    const trend = before
      ? s.score !== null && previous !== null
        ? s.score - previous
        : null
      : s.trend.change;
    rows.push([
      s.accountId,
      s.score,
      s.band,
      trend,
      Math.round(s.coverage * 1000) / 1000,
      s.explanation,
    ]);
  });
  return rows;
}

const command: CliCommand = {
  name: 'score',
  summary: 'score every account of a folder of canonical CSVs',
  usage,
  run(args, io) {
    const { positionals, options } = parseCommandArgs(
      args,
      {
        model: { type: 'string' },
        'as-of': { type: 'string' },
        out: { type: 'string' },
        ...READ_OPTIONS,
      },
      ['DIR'],
    );
    const asOfOption = dateOption(options['as-of'], 'as-of');
    const model = loadModel(options.model as string | undefined);
    const book = readBookDir(positionals[0], readOptions(options));
    const asOf = asOfOption ?? latestDataDay(book);
    if (asOf === null) {
      throw new InputError(
        `${positionals[0]}: no dated signals, pulses or overrides; pass --as-of`,
      );
    }
    const csv = formatCsv(scoreRows(book, model, asOf));
    const out = options.out as string | undefined;
    if (out === undefined) {
      io.stdout(csv);
      return;
    }
    writeFileSync(out, csv, 'utf8');
    io.stdout(
      `Scored ${book.accounts.length} accounts as of ${dayToIso(asOf)} with model "${model.name}"; wrote ${out}\n`,
    );
  },
};

export default command;
