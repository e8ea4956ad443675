// Parses a command's arguments strictly (unknown options are usage errors) and checks the
// values of typed options, so commands only see validated input.
import { parseArgs } from 'node:util';
import { isoToDay } from '../lib/engine/dates';
import type { DayNumber } from '../lib/engine/types';
import { UsageError } from './command';

/** The options a command accepts: each takes a value (string) or is a switch (boolean). */
export type OptionSpec = Record<string, { type: 'string' | 'boolean' }>;

/** Parsed arguments: positionals and option values (strings or booleans). */
export interface ParsedArgs {
  positionals: string[];
  options: Record<string, string | boolean | undefined>;
}

/** Parses arguments against a spec with exactly `positionals` positional arguments. */
export function parseCommandArgs(
  args: string[],
  spec: OptionSpec,
  positionals: string[],
): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args, options: spec, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  if (parsed.positionals.length !== positionals.length) {
    const missing = positionals.slice(parsed.positionals.length);
    throw new UsageError(
      missing.length > 0
        ? `missing ${missing.join(' and ')}`
        : `unexpected argument "${parsed.positionals[positionals.length]}"`,
    );
  }
  return { positionals: parsed.positionals, options: parsed.values };
}

/** A whole-number option within [min, max], or the fallback when absent. */
export function intOption(
  value: string | boolean | undefined,
  name: string,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER,
): number {
  if (value === undefined) return fallback;
  const n = typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a whole number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** A positive number option within [min, max] (decimal point, e.g. 0.3 or 1e-2), or undefined when absent. */
export function positiveOption(
  value: string | boolean | undefined,
  name: string,
  min: number,
  max: number,
): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === 'string' && /^\s*[\d.eE+-]+\s*$/.test(value) ? Number(value) : NaN;
  if (!Number.isFinite(n) || n < min || n > max) {
    throw new UsageError(`--${name} must be a number from ${min} to ${max}, got "${value}"`);
  }
  return n;
}

/** A strict ISO date option, or null when absent. */
export function dateOption(value: string | boolean | undefined, name: string): DayNumber | null {
  if (value === undefined) return null;
  const day = typeof value === 'string' ? isoToDay(value) : null;
  if (day === null) throw new UsageError(`--${name} must be a date YYYY-MM-DD, got "${value}"`);
  return day;
}

/** A text option that must be given. */
export function requiredOption(value: string | boolean | undefined, name: string): string {
  if (typeof value !== 'string' || value.trim() === '')
    throw new UsageError(`--${name} is required`);
  return value;
}
