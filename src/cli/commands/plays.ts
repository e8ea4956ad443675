// `plays DIR [--playbooks FILE] --from DATE --to DATE [--model FILE] [--out FILE]`: replays the
// playbooks over the book day by day, point in time (the engine's replayPlaybooks), and writes
// account_id,playbook,created,due,reason for every task they would have created.
import { prepareBook } from '../../lib/engine';
import { dayToIso } from '../../lib/engine/dates';
import { replayPlaybooks, type Playbook, type PlayTask } from '../../lib/engine/plays';
import type { DayNumber } from '../../lib/engine/types';
import { formatCsv, type CsvCell } from '../../lib/import/canonical';
import { dateOption, parseCommandArgs, requiredOption } from '../args';
import { writeOutput } from '../backtest';
import { READ_OPTIONS, READ_OPTIONS_USAGE, readBookDir, readOptions } from '../book-files';
import { UsageError, type CliCommand } from '../command';
import { loadModel } from '../model-file';
import { loadPlaybooks } from '../playbooks-file';

const usage = `Usage: npm run -s cli -- plays DIR --from YYYY-MM-DD --to YYYY-MM-DD [--playbooks FILE]
                               [--model FILE] [--out FILE]
                               [--decimal comma|point] [--date-order dmy|mdy]

Replays playbooks over the book in DIR day by day from --from to --to (both included): each
day the accounts are scored with data dated on or before that day only, and the playbooks'
triggers, hysteresis, consecutive days, cooldowns and one-open-task rule decide which tasks
would have been created. A replayed task is taken to be done on its due day. Writes CSV with
the columns account_id,playbook,created,due,reason (ISO dates; playbook is the playbook's id),
sorted by created day, then account, then playbook; to stdout without --out. A one-line
summary (tasks per playbook) goes to stderr. The files are read as the Import page reads them.

  --from DATE        the first day replayed
  --to DATE          the last day replayed (not before --from)
  --playbooks FILE   a JSON list of playbooks, or {"playbooks": [...]}; default: the
                     playbooks Canary ships (urgent review, check-in, expansion, journey…)
  --model FILE       model JSON (canary-model/1); default: the built-in five-dimension model
  --out FILE         write the CSV to FILE instead of stdout
${READ_OPTIONS_USAGE}
`;

const HEADER = ['account_id', 'playbook', 'created', 'due', 'reason'];

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Tasks in the CSV's order: created day, then account id, then playbook id. */
export function sortTasks(tasks: readonly PlayTask[]): PlayTask[] {
  return [...tasks].sort(
    (a, b) =>
      a.createdDay - b.createdDay ||
      byCodeUnit(a.accountId, b.accountId) ||
      byCodeUnit(a.playbookId, b.playbookId),
  );
}

/** The CSV rows (header first) of replayed tasks. */
export function taskRows(tasks: readonly PlayTask[]): CsvCell[][] {
  return [
    HEADER,
    ...sortTasks(tasks).map((t) => [
      t.accountId,
      t.playbookId,
      dayToIso(t.createdDay),
      dayToIso(t.dueDay),
      t.reason,
    ]),
  ];
}

/** "12 tasks from 8 playbooks over 365 days (…): urgent-review 3, …" */
function summaryLine(
  tasks: readonly PlayTask[],
  playbooks: readonly Playbook[],
  from: DayNumber,
  to: DayNumber,
): string {
  const counts = new Map<string, number>();
  for (const p of playbooks) if (p.enabled) counts.set(p.id, 0);
  for (const t of tasks) counts.set(t.playbookId, (counts.get(t.playbookId) ?? 0) + 1);
  const disabled = playbooks.length - counts.size;
  const days = to - from + 1;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const perPlaybook = [...counts].map(([id, n]) => `${id} ${n}`).join(', ');
  return (
    `${plural(tasks.length, 'task')} from ${plural(counts.size, 'playbook')}` +
    `${disabled > 0 ? ` (${disabled} disabled, not run)` : ''}` +
    ` over ${plural(days, 'day')} (${dayToIso(from)} to ${dayToIso(to)})` +
    `${perPlaybook ? `: ${perPlaybook}` : ''}`
  );
}

const command: CliCommand = {
  name: 'plays',
  summary: 'replay playbooks over past days and list the tasks they would have created',
  usage,
  run(args, io) {
    const { positionals, options } = parseCommandArgs(
      args,
      {
        playbooks: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        model: { type: 'string' },
        out: { type: 'string' },
        ...READ_OPTIONS,
      },
      ['DIR'],
    );
    const from = dateOption(requiredOption(options.from, 'from'), 'from')!;
    const to = dateOption(requiredOption(options.to, 'to'), 'to')!;
    if (from > to) {
      throw new UsageError(
        `--from ${dayToIso(from)} is after --to ${dayToIso(to)}; the replay must not end before it starts`,
      );
    }
    const read = readOptions(options);
    const playbooks = loadPlaybooks(options.playbooks as string | undefined);
    const model = loadModel(options.model as string | undefined);
    const book = readBookDir(positionals[0], read);
    const tasks = replayPlaybooks({ prepared: prepareBook(book), model, playbooks, from, to });
    const csv = formatCsv(taskRows(tasks));
    const out = options.out as string | undefined;
    if (out === undefined) io.stdout(csv);
    else writeOutput(out, csv);
    io.stderr(
      `${summaryLine(tasks, playbooks, from, to)}${out === undefined ? '' : `; wrote ${out}`}\n`,
    );
  },
};

export default command;
