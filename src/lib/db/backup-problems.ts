// The problems found in a backup, each named by table and record the way a person can find it
// in the file: "series record 17 (account 'ACC-9999', metric 'nps'): account ACC-9999 is not
// in the backup". Records are numbered from 1 in the order the file lists them.
import type { z } from 'zod';
import { BackupInvalidError } from './errors';
import type { TableName } from './schema';

/** How many problems a refusal lists before it only counts the rest. */
const SHOWN = 5;

function quoted(v: unknown): string | null {
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 40)}…` : v}'`;
  if (typeof v === 'number' && Number.isFinite(v)) return String(v);
  return null;
}

type Part = [label: string, field: string];
const ID: Part = ['id', 'id'];
const ACCOUNT: Part = ['account', 'accountId'];

const LABELS: Record<TableName, readonly Part[]> = {
  accounts: [ID],
  series: [ACCOUNT, ['metric', 'metric']],
  outcomes: [ID, ACCOUNT],
  pulses: [ID, ACCOUNT],
  overrides: [ID, ACCOUNT],
  notes: [ID, ACCOUNT],
  models: [
    ['id', 'modelId'],
    ['version', 'version'],
  ],
  currentScores: [ACCOUNT],
  scoreDetails: [ACCOUNT],
  scoreHistory: [ACCOUNT, ['model', 'modelKey']],
  settings: [['key', 'key']],
  imports: [ID, ['file', 'fileName']],
  importUndo: [['import', 'importId']],
  crosswalk: [
    ['source', 'source'],
    ['id', 'sourceId'],
  ],
  tasks: [ID, ACCOUNT, ['playbook', 'playbookId']],
  playbooks: [ID],
  playbookState: [['playbook', 'playbookId'], ACCOUNT],
  renewalCalls: [ACCOUNT, ['renewal day', 'renewalDay']],
};

/** "series record 17 (account 'ACC-9999', metric 'nps')" for row `index` (0-based) of a table. */
export function recordName(table: string, index: number, row: unknown): string {
  const parts = (LABELS as Record<string, readonly Part[] | undefined>)[table] ?? [];
  const fields = typeof row === 'object' && row !== null ? (row as Record<string, unknown>) : {};
  const shown = parts
    .map(([label, field]) => {
      const value = quoted(fields[field]);
      return value === null ? null : `${label} ${value}`;
    })
    .filter((p) => p !== null);
  return `${table} record ${index + 1}${shown.length > 0 ? ` (${shown.join(', ')})` : ''}`;
}

/** Formats a path inside a record as `summary.sparkDays[3]`. */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

function shownValue(value: unknown): string {
  if (typeof value === 'string')
    return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

/** A zod issue as a short sentence ("is required", "must be a number, got \"x\""). */
export function issueMessage(issue: z.core.$ZodIssue): string {
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'invalid_type':
      if (input === undefined) return 'is required';
      return `must be ${issue.expected === 'int' ? 'a whole number' : `${/^[aeiou]/.test(issue.expected) ? 'an' : 'a'} ${issue.expected}`}, got ${shownValue(input)}`;
    case 'invalid_value':
      return `must be ${issue.values.map((v) => JSON.stringify(v)).join(' or ')}, got ${shownValue(input)}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return issue.message;
    default:
      return input === undefined || typeof input === 'object'
        ? issue.message
        : `${issue.message}, got ${shownValue(input)}`;
  }
}

/**
 * Collects problems and refuses the backup with them: the first few written out (a record's
 * problems together, "where: first; second"), then how many more.
 */
export class BackupProblems {
  readonly #shown: { where: string; messages: string[] }[] = [];
  #listed = 0;
  #count = 0;

  /** Records a problem; `where` names the table and record, or the part of the document. */
  add(where: string, message: string): void {
    this.#count++;
    if (this.#listed >= SHOWN) return;
    this.#listed++;
    const last = this.#shown.at(-1);
    if (last?.where === where) last.messages.push(message);
    else this.#shown.push({ where, messages: [message] });
  }

  /** Records a problem of row `index` of `table`. */
  addRecord(table: string, index: number, row: unknown, message: string): void {
    if (this.#listed >= SHOWN) this.#count++;
    else this.add(recordName(table, index, row), message);
  }

  /** Records a zod issue of the whole document, named by table and record when inside one. */
  addIssue(issue: z.core.$ZodIssue, tables: Record<string, unknown> | undefined): void {
    const [top, table, index, ...rest] = issue.path;
    const message = issueMessage(issue);
    if (top !== 'tables' || typeof table !== 'string') {
      this.add(issue.path.length > 0 ? fieldPath(issue.path) : 'the document', message);
    } else if (typeof index !== 'number') {
      if (message === 'is required') this.add(`the ${table} table`, 'is missing');
      else this.add(`the ${table} table`, message);
    } else {
      const rows = tables?.[table];
      const row = Array.isArray(rows) ? rows[index] : undefined;
      this.addRecord(
        table,
        index,
        row,
        rest.length > 0 ? `${fieldPath(rest)}: ${message}` : message,
      );
    }
  }

  /** The problems as sentences: the first few in full, then how many more. */
  describe(): string {
    const text = this.#shown
      .map(({ where, messages }) =>
        messages[0] === 'is missing' ? `${where} is missing` : `${where}: ${messages.join('; ')}`,
      )
      .join('. ');
    const more = this.#count - this.#listed;
    return `${text}${more > 0 ? ` (and ${more} more problem${more > 1 ? 's' : ''})` : ''}.`;
  }

  /** Throws BackupInvalidError listing the problems, when there are any. */
  throwIfAny(): void {
    if (this.#count > 0) throw new BackupInvalidError(`Invalid backup: ${this.describe()}`);
  }
}
