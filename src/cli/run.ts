// Runs one command line: finds the command, shows help, and turns UsageError/InputError into
// exit status 2 with one message on stderr. Kept apart from main.ts so tests run it in-process.
import { InputError, UsageError, type CliCommand, type CliIo } from './command';

/** Loads a command module lazily (so `demo` never loads the scoring engine). */
export type CommandLoader = () => Promise<{ default: CliCommand }>;

/** Exit statuses: 0 done, 1 internal error, 2 bad usage or bad input. */
export const EXIT = { ok: 0, internal: 1, badInput: 2 } as const;

async function overview(commands: Record<string, CommandLoader>): Promise<string> {
  const lines = ['Usage: npm run -s cli -- <command> [arguments]', '', 'Commands:'];
  for (const load of Object.values(commands)) {
    const { default: c } = await load();
    lines.push(`  ${c.name.padEnd(10)} ${c.summary}`);
  }
  lines.push('', 'Run a command with --help for its arguments. Bad input exits with status 2.');
  return lines.join('\n') + '\n';
}

/** Runs the command line `argv` (without node and script) and returns the exit status. */
export async function runCli(
  argv: string[],
  commands: Record<string, CommandLoader>,
  io: CliIo,
): Promise<number> {
  const [name, ...args] = argv;
  if (name === '--help' || name === '-h' || name === 'help') {
    io.stdout(await overview(commands));
    return EXIT.ok;
  }
  const load = name === undefined ? undefined : commands[name];
  if (!load) {
    const what = name === undefined ? 'no command given' : `unknown command "${name}"`;
    io.stderr(`error: ${what}\n\n${await overview(commands)}`);
    return EXIT.badInput;
  }
  const { default: command } = await load();
  if (args.includes('--help') || args.includes('-h')) {
    io.stdout(command.usage);
    return EXIT.ok;
  }
  try {
    const status = await command.run(args, io);
    return typeof status === 'number' ? status : EXIT.ok;
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`error: ${e.message}\n\n${command.usage}`);
      return EXIT.badInput;
    }
    if (e instanceof InputError) {
      io.stderr(`error: ${e.message}\n`);
      return EXIT.badInput;
    }
    io.stderr(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    return EXIT.internal;
  }
}
