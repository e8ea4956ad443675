// The command line's entry point: `npm run -s cli -- <command> …` (run from a bundle of bin.ts,
// see scripts/cli.mjs; `npx tsx src/cli/main.ts` runs it from source). Adding a command is one line
// in COMMANDS; the command itself lives in its own file under commands/ (see README.md).
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runCli, type CommandLoader } from './run';

/** Every command, loaded only when run (so `demo` never loads the scoring engine). */
export const COMMANDS: Record<string, CommandLoader> = {
  demo: () => import('./commands/demo'),
  score: () => import('./commands/score'),
  snapshot: () => import('./commands/snapshot'),
  backtest: () => import('./commands/backtest'),
  fit: () => import('./commands/fit'),
  sql: () => import('./commands/sql'),
  warehouse: () => import('./commands/warehouse'),
  plays: () => import('./commands/plays'),
};

const invokedDirectly =
  process.argv[1] !== undefined &&
  realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));

/** Runs the command line on `argv` (without node and the script) with this process's streams. */
export function runMain(argv: string[]): Promise<number> {
  return runCli(argv, COMMANDS, {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  });
}

if (invokedDirectly) process.exitCode = await runMain(process.argv.slice(2));
