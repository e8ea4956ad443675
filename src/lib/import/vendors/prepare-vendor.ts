// A recognised export end to end: collect its customer keys, resolve them through the
// crosswalk, and — once the user has decided every open key — map its rows through the import
// core into one PreparedImport that applyImport writes like any other.
import type { Account, DayNumber } from '../../engine/types';
import type { CsvTable } from '../csv-table';
import { createMapping } from '../mapping';
import { describeCsvSummary, prepareImportFromTable } from '../prepare';
import {
  outcomeBalanceNotes,
  reconcileInferredRenewals,
  renewalsToWithdraw,
  yieldedRenewalsNote,
  type StoredOutcomeFacts,
} from '../outcome-balance';
import type { ErrorPolicy, PreparedImport, RowIssue } from '../prepared-import';
import type { CrosswalkPlan } from './decisions';
import { ACCOUNT_COLUMN } from './derive';
import { customerDomain } from './domains';
import type { AmountUnit, BuildInput, DerivedImport } from './preset';
import { MatchedCells, type VendorMatch } from './recognize';
import {
  resolveAccounts,
  type CrosswalkEntry,
  type CrosswalkResolution,
  type MatchableAccount,
} from './resolve';
import { SourceKeyCollector, type SourceKey } from './source-keys';

// The logged mapping of an export none of whose rows reached a derived table.
const NO_ROWS_MAPPING = createMapping({
  kind: 'accounts',
  columns: { [ACCOUNT_COLUMN]: { role: 'account-id' } },
});

/** A parsed export with its customer keys collected. */
export interface VendorFile {
  table: CsvTable;
  match: VendorMatch;
  keys: SourceKey[];
  /** For each data row, the index of its key in `keys` (-1 = the row names no customer). */
  rowKeys: Int32Array;
}

/** The crosswalk resolution of a file, plus the rows that name no customer at all. */
export interface VendorResolution extends CrosswalkResolution {
  /** Row numbers of rows without any id, usable email domain or name (they will be skipped). */
  keylessRows: number[];
}

/** Reads each row's customer key (the match must be complete). */
export function readVendorFile(table: CsvTable, match: VendorMatch): VendorFile {
  if (!match.complete) {
    const names = match.missing.map((m) => m.labels[0]).join(', ');
    throw new RangeError(`${match.preset.name}: map these columns first: ${names}`);
  }
  const collector = new SourceKeyCollector(match.preset.source);
  const cells = new MatchedCells(match, table.headers);
  const rowKeys = new Int32Array(table.rows.length);
  for (let i = 0; i < table.rows.length; i++) {
    cells.row = table.rows[i];
    rowKeys[i] = collector.add(match.preset.rowKey(cells), table.rowNumbers[i], customerDomain);
  }
  return { table, match, keys: collector.keys, rowKeys };
}

/** Resolves a file's keys against the stored accounts and crosswalk. */
export function resolveVendorFile(
  file: VendorFile,
  accounts: readonly MatchableAccount[],
  crosswalk: readonly CrosswalkEntry[],
): VendorResolution {
  const keylessRows: number[] = [];
  file.rowKeys.forEach((k, i) => {
    if (k < 0) keylessRows.push(file.table.rowNumbers[i]);
  });
  return { ...resolveAccounts(file.keys, accounts, crosswalk), keylessRows };
}

/** What preparing an export needs besides the file and the crosswalk plan. */
export interface VendorContext {
  fileName: string;
  today: DayNumber;
  /** The day snapshot facts (balances, open invoices) are recorded on; default today. */
  snapshotDay?: DayNumber;
  /** Stored accounts (so fields an export does not carry are kept). */
  accounts: readonly Account[];
  errorPolicy?: ErrorPolicy;
  amountUnit?: AmountUnit;
  /** What the book already records about outcomes (renewals are never inferred after a churn). */
  outcomeFacts?: StoredOutcomeFacts;
}

/** A prepared export: the import to apply and the crosswalk entries to store with it. */
export interface VendorImport {
  presetId: string;
  prepared: PreparedImport;
  crosswalk: CrosswalkEntry[];
}

/** An incoming account merged over the stored one: empty incoming fields keep stored values. */
export function mergeAccount(stored: Account | undefined, incoming: Account): Account {
  if (!stored) return incoming;
  const pick = <T>(a: T | null, b: T | null) => (a === null ? b : a);
  return {
    id: incoming.id,
    name: incoming.name === incoming.id ? stored.name : incoming.name,
    segment: pick(incoming.segment, stored.segment),
    arr: pick(incoming.arr, stored.arr),
    seats: pick(incoming.seats, stored.seats),
    contractStart: pick(incoming.contractStart, stored.contractStart),
    renewalDate: pick(incoming.renewalDate, stored.renewalDate),
    owner: pick(incoming.owner, stored.owner),
    attributes: {
      ...stored.attributes,
      ...Object.fromEntries(Object.entries(incoming.attributes).filter(([, v]) => v !== null)),
    },
  };
}

function runDerived(
  d: DerivedImport,
  file: VendorFile,
  context: VendorContext,
  known: ReadonlySet<string>,
): PreparedImport {
  const table: CsvTable = {
    headers: d.headers,
    rows: d.rows,
    rowNumbers: Int32Array.from(d.rowNumbers),
    // File-level notes (footers, blank lines) are reported once, for the user's file.
    summary: {
      ...file.table.summary,
      header: { ...file.table.summary.header, renamed: [] },
      warnings: [],
      blankRows: 0,
      footerRows: 0,
    },
  };
  return prepareImportFromTable(table, d.mapping, {
    fileName: context.fileName,
    today: context.today,
    knownAccountIds: known,
    unknownAccounts: 'error',
    errorPolicy: context.errorPolicy,
    outcomeFacts: context.outcomeFacts,
  });
}

/**
 * Maps a resolved export into one PreparedImport. Rows of skipped keys and rows naming no
 * customer are listed as notices and counted as skipped; every key must be decided first.
 */
export function prepareVendorFile(
  file: VendorFile,
  plan: CrosswalkPlan,
  context: VendorContext,
): VendorImport {
  if (plan.undecided.length > 0) {
    throw new RangeError(
      `${plan.undecided.length} customer(s) still need a decision (match, create or skip)`,
    );
  }
  const { table, match } = file;
  const stored = new Map<string, Account>(context.accounts.map((a) => [a.id, a]));
  for (const a of plan.newAccounts) if (!stored.has(a.id)) stored.set(a.id, a);
  const notices: RowIssue[] = [];
  const accountOfKey = file.keys.map((k) => plan.accountOf.get(k.key));
  const cells = new MatchedCells(match, table.headers);
  const input: BuildInput = {
    forEachRow(visit) {
      for (let i = 0; i < table.rows.length; i++) {
        const k = file.rowKeys[i];
        const accountId = k < 0 ? undefined : accountOfKey[k];
        if (accountId === undefined) continue;
        cells.row = table.rows[i];
        visit(cells, accountId, table.rowNumbers[i]);
      }
    },
    today: context.today,
    snapshotDay: context.snapshotDay ?? context.today,
    accounts: stored,
    amountUnit: context.amountUnit ?? 'auto',
    columnValues(key) {
      const i = match.columns[key] ?? -1;
      return i < 0 ? [] : table.rows.map((r) => r[i] ?? '');
    },
  };
  let userSkipped = 0;
  for (let i = 0; i < table.rows.length; i++) {
    const k = file.rowKeys[i];
    if (k >= 0 && accountOfKey[k] !== undefined) continue;
    userSkipped++;
    const key = k < 0 ? null : file.keys[k];
    notices.push({
      row: table.rowNumbers[i],
      column: '',
      value: key?.sourceId ?? '',
      reason: key
        ? `skipped: you chose to skip ${key.name ?? key.sourceId}`
        : 'skipped: the row names no customer (no id, company email domain or name)',
      code: 'unknown-account',
    });
  }
  const built = match.preset.build(input);
  const known = new Set(stored.keys());
  const parts = built.imports.map((d) => runDerived(d, file, context, known));
  return {
    presetId: match.preset.id,
    prepared: combine(file, plan, context, parts, built, notices, userSkipped, stored),
    crosswalk: plan.entries,
  };
}

function combine(
  file: VendorFile,
  plan: CrosswalkPlan,
  context: VendorContext,
  parts: PreparedImport[],
  built: { accountUpdates: Account[]; notes: string[]; issues: RowIssue[] },
  notices: RowIssue[],
  userSkipped: number,
  stored: ReadonlyMap<string, Account>,
): PreparedImport {
  const errors = [...built.issues, ...parts.flatMap((p) => p.errors)].sort((a, b) => a.row - b.row);
  const rejected =
    parts.some((p) => p.status === 'rejected') ||
    (errors.length > 0 && (context.errorPolicy ?? 'reject') === 'reject');
  const accounts = new Map<string, Account>();
  for (const a of plan.newAccounts) accounts.set(a.id, a);
  for (const a of [...parts.flatMap((p) => p.accounts), ...built.accountUpdates]) {
    accounts.set(a.id, mergeAccount(accounts.get(a.id) ?? stored.get(a.id), a));
  }
  const errorRows = new Set(errors.map((e) => e.row));
  const first = parts[0];
  const rows = file.table.rows.length;
  // Outcomes of all derived tables together: an inferred renewal yields to a churn or
  // contraction of the same file, and the balance notes speak of the whole file.
  const all = parts.flatMap((p) => p.outcomes);
  const outcomes = reconcileInferredRenewals(all, context.outcomeFacts);
  const dropped = all.length - outcomes.length;
  const withdrawn = renewalsToWithdraw(context.outcomeFacts, outcomes);
  const outcomeNotes = [
    ...parts.filter((p) => p.kind === 'subscriptions').flatMap((p) => p.outcomeNotes),
    ...(dropped > 0 ? [yieldedRenewalsNote(dropped)] : []),
    ...outcomeBalanceNotes(outcomes, withdrawn.length, context.outcomeFacts, false),
  ];
  return {
    status: rejected ? 'rejected' : 'ready',
    fileName: context.fileName,
    kind: first?.kind ?? 'accounts',
    rows,
    skippedRows: rejected ? rows : errorRows.size + userSkipped,
    mapping: first?.mapping ?? NO_ROWS_MAPPING,
    accounts: rejected ? [] : [...accounts.values()],
    series: rejected ? [] : parts.flatMap((p) => p.series),
    outcomes: rejected ? [] : outcomes,
    accountPatches: rejected ? [] : parts.flatMap((p) => p.accountPatches),
    withdrawnOutcomes: rejected ? [] : withdrawn,
    outcomeNotes: rejected ? [] : outcomeNotes,
    duplicatePolicy: 'last',
    errors,
    notices: [...notices, ...parts.flatMap((p) => p.notices)].sort((a, b) => a.row - b.row),
    fileNotes: [...describeCsvSummary(file.table.summary), ...built.notes],
  };
}
