// `warehouse score|backtest [DIR|DBFILE] --engine duckdb|postgres …`: runs the model's SQL in
// DuckDB embedded or a PostgreSQL server and prints what `score` / `backtest` print.
import { parseArgs } from 'node:util';
import { MAX_HORIZON_DAYS } from '../../lib/engine/backtest';
import { dayToIso } from '../../lib/engine/dates';
import { formatCsv } from '../../lib/import/canonical';
import { csvCell, reportJson, textSummary, writeOutput } from '../backtest';
import { dateOption, intOption } from '../args';
import { UsageError, type CliCommand } from '../command';
import { READ_OPTIONS, READ_OPTIONS_USAGE, readOptions } from '../book-files';
import { loadModel } from '../model-file';
import { dialectOption, TABLE_OPTIONS, TABLE_USAGE, tablesOption } from '../warehouse/options';
import { openInput, type WarehouseInput } from '../warehouse/input';
import { warehouseBacktest, warehouseScore } from '../warehouse/run';

const usage = `Usage: npm run -s cli -- warehouse score    [DIR|DBFILE] [--engine duckdb|postgres] [--url URL]
                                   [--model FILE] [--as-of YYYY-MM-DD] [--out FILE] [--fast-sums] [tables]
       npm run -s cli -- warehouse backtest [DIR|DBFILE] [--engine duckdb|postgres] [--url URL]
                                   [--model FILE] [--horizon DAYS] [--predictions FILE] [--json]
                                   [--fast-sums] [tables]

Runs the model as SQL (the query \`sql\` prints) where the data is, and prints exactly what
\`score\` and \`backtest\` (without --fit) print for the same data.

  --engine duckdb   (default) DuckDB embedded. DIR is a folder of canonical files: signals.csv
                    (UTF-8, comma separated) or signals.parquet is read by DuckDB itself;
                    accounts.csv, outcomes.csv, pulses.csv and overrides.csv — and a signals
                    file in any other encoding, separator or line end, or named .tsv/.txt —
                    are read and checked as \`score\` reads them (as the Import page does).
                    DBFILE is a DuckDB database holding the tables.
  --engine postgres a PostgreSQL server (--url postgres://…, or $CANARY_PG_URL). With DIR the
                    canonical files are checked and copied into temporary tables; without it
                    the query reads the server's own tables.
  --model FILE      model JSON; default: the built-in five-dimension model
  --as-of DATE      (score) default: the latest signal, pulse or override date in the data
  --out FILE        (score) write the CSV to FILE instead of stdout
  --horizon DAYS    (backtest) predict each outcome from the score this many days before (60);
                    0 is the same-day test, weaker evidence, lead time not applicable
  --predictions FILE, --json   (backtest) as for \`backtest\`
  --fast-sums       add up window sums in any order: much faster and leaner in DuckDB on tens
                    of millions of rows, but sums of non-whole numbers then agree with the
                    engine to about 1e-12 instead of to the last bit (default: the engine's order)
${TABLE_USAGE}
${READ_OPTIONS_USAGE}
`;

const SPEC = {
  engine: { type: 'string' },
  url: { type: 'string' },
  model: { type: 'string' },
  'as-of': { type: 'string' },
  out: { type: 'string' },
  horizon: { type: 'string' },
  predictions: { type: 'string' },
  json: { type: 'boolean' },
  'fast-sums': { type: 'boolean' },
  ...TABLE_OPTIONS,
  ...READ_OPTIONS,
} as const;

function parse(args: string[]) {
  try {
    return parseArgs({ args, options: SPEC, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
}

const command: CliCommand = {
  name: 'warehouse',
  summary: 'score or backtest with the model as SQL, in DuckDB or PostgreSQL',
  usage,
  async run(args, io) {
    const { positionals, values } = parse(args);
    const [verb, path, extra] = positionals;
    if (verb !== 'score' && verb !== 'backtest') {
      throw new UsageError(
        verb === undefined ? 'missing score or backtest' : `unknown "${verb}": score or backtest`,
      );
    }
    if (extra !== undefined) throw new UsageError(`unexpected argument "${extra}"`);
    const only = (names: string[], what: string) => {
      for (const n of names)
        if (values[n as keyof typeof values] !== undefined)
          throw new UsageError(`--${n} is for warehouse ${what}`);
    };
    if (verb === 'score') only(['horizon', 'predictions', 'json'], 'backtest');
    else only(['as-of', 'out'], 'score');
    const engine = dialectOption(values.engine, 'engine');
    const asOf = dateOption(values['as-of'], 'as-of');
    const horizon = intOption(values.horizon, 'horizon', 60, 0, MAX_HORIZON_DAYS);
    const model = loadModel(values.model);
    const input: WarehouseInput = await openInput({
      engine,
      path,
      url: values.url,
      tableNames: tablesOption(values),
      read: readOptions(values),
    });
    try {
      if (verb === 'score') {
        const r = await warehouseScore(input, model, asOf, !values['fast-sums']);
        const csv = formatCsv(r.rows);
        if (values.out === undefined) io.stdout(csv);
        else {
          writeOutput(values.out, csv);
          io.stdout(
            `Scored ${r.rows.length - 1} accounts as of ${dayToIso(r.asOf)} with model "${model.name}" in ${engine === 'duckdb' ? 'DuckDB' : 'PostgreSQL'}; wrote ${values.out}\n`,
          );
        }
        return;
      }
      const { report, predictions } = await warehouseBacktest(
        input,
        model,
        horizon,
        !values['fast-sums'],
      );
      if (values.predictions !== undefined) {
        const rows = predictions.map(
          (p) => `${csvCell(p.accountId)},${dayToIso(p.day)},${p.y},${p.p}`,
        );
        writeOutput(values.predictions, ['account_id,date,y,p', ...rows].join('\n') + '\n');
      }
      io.stdout(
        values.json
          ? JSON.stringify(reportJson(report, model.id), null, 2) + '\n'
          : textSummary(report, model.id),
      );
    } finally {
      await input.session.close();
    }
  },
};

export default command;
