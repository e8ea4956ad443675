// `sql [--model FILE] [--dialect duckdb|postgres] [--as-of YYYY-MM-DD] [--dbt] …`: prints the
// model as one SQL query over the warehouse's accounts and signals tables.
import { MAX_HORIZON_DAYS } from '../../lib/engine/backtest';
import { dayToIso } from '../../lib/engine/dates';
import { DBT_AS_OF, dbtModel } from '../../lib/warehouse/dbt';
import {
  inferAttributeType,
  referencedAttributes,
  SqlUnsupportedError,
} from '../../lib/warehouse/plan';
import { backtestQuery, CURRENT_DAY, scoreQuery, type AsOf } from '../../lib/warehouse/query';
import { dateOption, intOption, parseCommandArgs } from '../args';
import { InputError, UsageError, type CliCommand } from '../command';
import { loadModel } from '../model-file';
import {
  attributeTypesOption,
  dialectOption,
  TABLE_OPTIONS,
  TABLE_USAGE,
  tablesOption,
} from '../warehouse/options';

const usage = `Usage: npm run -s cli -- sql [--model FILE] [--dialect duckdb|postgres] [--as-of YYYY-MM-DD]
                             [--dbt] [--backtest --horizon DAYS] [--attributes NAME=TYPE,…]
                             [--fast-sums] [tables]

Prints one SQL query that scores every account of the warehouse tables
accounts(account_id, name, segment, arr, seats, contract_start, renewal_date, owner, …) and
signals(account_id, date, metric, value) with the model, as the engine does: one row per
account with score, band, scored_band, score_exact, coverage, status (scored, stale or
unscored: score and scored band are empty unless scored), last_data_day, stage, trend, the
override in force, a column per pattern rule (p_<id>) and per measure m_<id>_value, _score,
_share, _max_points and _points.

  --model FILE     model JSON (canary-model/1); default: the built-in five-dimension model
  --dialect D      duckdb (default) or postgres
  --as-of DATE     score with data dated on or before DATE; default: the warehouse's CURRENT_DATE,
                   or the book's newest data day when that is the model's lookback or more
                   before it (as the app chooses its scoring day)
  --dbt            print a dbt model file (tables as ref()s; as of var('canary_as_of') or, without
                   it, today as --as-of's default)
  --backtest       print the backtest query instead: every outcome's score at outcome − horizon
  --horizon DAYS   the backtest horizon (default 60; 0 = same day, no lead-time samples)
  --attributes NAME=number|text|boolean,…
                   the column types of custom account attributes the model reads (default:
                   guessed from what the model does with them, and said in the query)
  --fast-sums      window sums in any order (faster; non-whole sums agree to ~1e-12, not the bit)
${TABLE_USAGE}

A model feature SQL cannot express is refused by name (exit status 2).
`;

const command: CliCommand = {
  name: 'sql',
  summary: 'print the model as one SQL query (DuckDB or PostgreSQL), or a dbt model',
  usage,
  run(args, io) {
    const { options } = parseCommandArgs(
      args,
      {
        model: { type: 'string' },
        dialect: { type: 'string' },
        'as-of': { type: 'string' },
        dbt: { type: 'boolean' },
        backtest: { type: 'boolean' },
        horizon: { type: 'string' },
        attributes: { type: 'string' },
        'fast-sums': { type: 'boolean' },
        ...TABLE_OPTIONS,
      },
      [],
    );
    const dialect = dialectOption(options.dialect, 'dialect');
    const asOfDay = dateOption(options['as-of'], 'as-of');
    const backtest = options.backtest === true;
    if (options.horizon !== undefined && !backtest)
      throw new UsageError('--horizon only applies with --backtest');
    if (backtest && (options.dbt || asOfDay !== null)) {
      throw new UsageError('--backtest scores at each outcome; it takes neither --dbt nor --as-of');
    }
    const horizon = intOption(options.horizon, 'horizon', 60, 0, MAX_HORIZON_DAYS);
    const model = loadModel(options.model as string | undefined);
    const given = attributeTypesOption(options.attributes);
    const attributeTypes = new Map(given);
    const guessed: string[] = [];
    for (const name of referencedAttributes(model)) {
      if (attributeTypes.has(name)) continue;
      const t = inferAttributeType(model, name);
      attributeTypes.set(name, t);
      guessed.push(`${name}=${t}`);
    }
    const tables = tablesOption(options);
    const o = { dialect, tables, attributeTypes, orderedSums: options['fast-sums'] !== true };
    const asOf: AsOf =
      asOfDay !== null
        ? asOfDay
        : options.dbt
          ? { sql: DBT_AS_OF, today: CURRENT_DAY }
          : 'current_date';
    let sql: string;
    try {
      sql = backtest ? backtestQuery(model, o, horizon).sql : scoreQuery(model, o, asOf).sql;
    } catch (e) {
      if (e instanceof SqlUnsupportedError)
        throw new InputError(`${options.model ?? 'the default model'}: ${e.message}`);
      throw e;
    }
    const notes = [
      `-- Dialect: ${dialect}. As of: ${asOfDay !== null ? dayToIso(asOfDay) : backtest ? 'each outcome − ' + horizon + ' days' : options.dbt ? "var('canary_as_of'), else the scoring day of CURRENT_DATE" : 'the scoring day of CURRENT_DATE (CURRENT_DATE, or the newest data day when the data ends a model lookback or more before it)'}.`,
      ...(guessed.length
        ? [
            `-- Attribute column types assumed (pass --attributes to say otherwise): ${guessed.join(', ')}.`,
          ]
        : []),
    ].join('\n');
    io.stdout(options.dbt ? dbtModel(`${notes}\n${sql}`, tables) : `${notes}\n${sql}`);
  },
};

export default command;
