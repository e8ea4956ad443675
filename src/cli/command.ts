// What every CLI command module exports, and the errors that end a command with exit status 2.

/** Where a command writes; in-process tests pass their own. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * One command: its name, a one-line summary, its usage text and its body. The body either
 * returns nothing (exit 0) and throws UsageError/InputError, or returns its own exit status
 * after printing its own messages.
 */
export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  run(args: string[], io: CliIo): Promise<void | number> | void | number;
}

/** The command line was wrong: exit 2 and show the command's usage. */
export class UsageError extends Error {}

/** The input (a file, a folder, a value) was bad: exit 2 with this one message. */
export class InputError extends Error {}
