// `demo DIR [--accounts N] [--seed S] [--end YYYY-MM-DD]`: writes the demo book as canonical CSVs.
import { dayToIso, isoToDay } from '../../lib/engine/dates';
import { DEMO_DEFAULT_ACCOUNTS, generateDemoBook, mondayOnOrBefore } from '../../lib/engine/demo';
import { writeCanonicalBook } from '../../lib/import/canonical';
import { dateOption, intOption, parseCommandArgs } from '../args';
import { writeFiles } from '../book-files';
import type { CliCommand } from '../command';

/** The fixed last day of the demo book, so the command's output is the same on every run. */
export const DEMO_ANCHOR = '2026-11-23';

const usage = `Usage: npm run -s cli -- demo DIR [--accounts N] [--seed S] [--end YYYY-MM-DD]

Writes the built-in demo book (two years of weekly signals, renewal outcomes, CSM pulses and
band overrides) as canonical CSV files into DIR (created when missing).

  --accounts N   number of accounts (default ${DEMO_DEFAULT_ACCOUNTS})
  --seed S       random seed (default 1); the same options always write the same files
  --end DATE     last day of data, snapped back to its Monday (default ${DEMO_ANCHOR})
`;

const command: CliCommand = {
  name: 'demo',
  summary: 'write the demo book as canonical CSV files',
  usage,
  run(args, io) {
    const { positionals, options } = parseCommandArgs(
      args,
      { accounts: { type: 'string' }, seed: { type: 'string' }, end: { type: 'string' } },
      ['DIR'],
    );
    const accounts = intOption(options.accounts, 'accounts', DEMO_DEFAULT_ACCOUNTS, 1, 100_000);
    const seed = intOption(options.seed, 'seed', 1, 0, 2 ** 32 - 1);
    const endDay = dateOption(options.end, 'end') ?? isoToDay(DEMO_ANCHOR)!;
    const book = generateDemoBook({ seed, accounts, endDay });
    const paths = writeFiles(positionals[0], writeCanonicalBook(book));
    const observations = book.series.reduce((n, s) => n + s.days.length, 0);
    const churns = book.outcomes.filter((o) => o.outcome === 'churned').length;
    io.stdout(
      `Demo book (seed ${seed}, ${accounts} accounts, data to ${dayToIso(mondayOnOrBefore(endDay))}): ` +
        `${observations} signal rows, ${book.outcomes.length} outcomes (${churns} churned), ` +
        `${book.pulses.length} pulses, ${book.overrides.length} overrides.\n` +
        paths.map((p) => `wrote ${p}\n`).join(''),
    );
  },
};

export default command;
