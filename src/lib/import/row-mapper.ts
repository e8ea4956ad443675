// Turns one CSV row into account, observation and outcome contributions according to a
// mapping. Rows of long signal files go straight into the columnar accumulator.
import { isoToDay } from '../engine/dates';
import type { Account, AttributeValue, DayNumber, Outcome, OutcomeKind } from '../engine/types';
import {
  readAttribute,
  readBoolean,
  readDate,
  readNumber,
  readOptionalDate,
  readText,
  RowIssues,
} from './cell-readers';
import type { ColumnRole, ImportMapping } from './mapping';
import type { ResolvedColumn } from './resolve-columns';
import type { ImportContext } from './prepared-import';
import type { SeriesAccumulator } from './series-accumulator';
import { snapshotOutcomeDay } from './snapshot-outcome';
import { addTerm, readSubscriptionCells } from './subscriptions-import';
import type { SubscriptionTerm } from './subscription-terms';

/** What the mapper writes into while rows stream past. */
export interface MappedSink {
  accounts: Map<string, Account>;
  accountRows: Map<string, number>;
  observations: SeriesAccumulator;
  outcomes: Map<string, { outcome: Outcome; row: number }>;
  createdAccounts: Map<string, Account>;
  /** Subscriptions files: each account's paid terms, and the newest date read (null: none). */
  subscriptions: Map<string, SubscriptionTerm[]>;
  newestDay: DayNumber | null;
}

function blankAccount(id: string): Account {
  return {
    id,
    name: id,
    segment: null,
    arr: null,
    seats: null,
    contractStart: null,
    renewalDate: null,
    owner: null,
    attributes: {},
  };
}

/** Maps rows of one file; holds the resolved columns and the per-row issue collector. */
export class RowMapper {
  readonly issues = new RowIssues();
  readonly #cols: ResolvedColumn[];
  readonly #find: (role: ColumnRole['role']) => ResolvedColumn | undefined;
  readonly #snapshotDay: DayNumber | null;
  readonly #outcomeCol: ResolvedColumn | undefined;
  /** Rows skipped quietly because their outcome value maps to 'skip'. */
  quietlySkipped = 0;

  constructor(
    readonly mapping: ImportMapping,
    columns: ResolvedColumn[],
    readonly context: ImportContext,
    readonly sink: MappedSink,
  ) {
    this.#cols = columns;
    this.#find = (role) => columns.find((c) => c.role.role === role);
    this.#snapshotDay = mapping.snapshotDate ? isoToDay(mapping.snapshotDate) : null;
    this.#outcomeCol = this.#find('outcome');
  }

  #account(row: string[], ownsAccounts: boolean): string | undefined {
    const issues = this.issues;
    const idCol = this.#find('account-id');
    const col = idCol ?? this.#find('account-lookup');
    if (!col) return undefined;
    const raw = row[col.index] ?? '';
    const key = raw.trim();
    if (key === '') {
      issues.add(col.name, raw, 'the account id is empty', 'missing-value');
      return undefined;
    }
    let id = key;
    if (col.role.role === 'account-lookup') {
      const table = this.context.lookups?.[col.role.lookup];
      const found = table?.get(key);
      if (found === undefined) {
        const why = table
          ? `${key} is not found in the ${col.role.lookup} table`
          : `the ${col.role.lookup} table is not loaded, so ${key} cannot be matched to an account`;
        issues.add(col.name, raw, why, 'unknown-account');
        return undefined;
      }
      id = found;
    }
    if (ownsAccounts || this.context.knownAccountIds.has(id) || this.sink.accounts.has(id))
      return id;
    if (this.context.unknownAccounts === 'create') {
      if (!this.sink.createdAccounts.has(id)) this.sink.createdAccounts.set(id, blankAccount(id));
      return id;
    }
    issues.add(
      col.name,
      raw,
      `unknown account ${id}: import it in an accounts file first`,
      'unknown-account',
    );
    return undefined;
  }

  #date(row: string[]): DayNumber | undefined {
    const col = this.#find('date');
    if (!col || col.role.role !== 'date') return undefined;
    return readDate(
      row[col.index] ?? '',
      col.role.format ?? 'ymd',
      col.name,
      this.context.today,
      this.issues,
    );
  }

  #accountFields(id: string, row: string[]): Account | undefined {
    const account = blankAccount(id);
    account.name = id;
    const attributes: Record<string, AttributeValue> = {};
    let ok = true;
    for (const c of this.#cols) {
      const raw = row[c.index] ?? '';
      const r = c.role;
      if (r.role === 'attribute') {
        const v = readAttribute(raw, r.type, r.decimal ?? '.', c.name, this.issues);
        if (v === undefined) ok = false;
        else attributes[r.name] = v;
      } else if (r.role === 'field') {
        if (r.field === 'arr' || r.field === 'seats') {
          const v = readNumber(raw, r.decimal ?? '.', c.name, this.issues);
          if (v === undefined) ok = false;
          else account[r.field] = v;
        } else if (r.field === 'contractStart' || r.field === 'renewalDate') {
          const v = readOptionalDate(raw, r.format ?? 'ymd', c.name, this.issues);
          if (v === undefined) ok = false;
          else account[r.field] = v;
        } else if (r.field === 'name') account.name = readText(raw) ?? id;
        else account[r.field] = readText(raw);
      }
    }
    account.attributes = attributes;
    return ok ? account : undefined;
  }

  #metrics(
    row: string[],
    accountId: string,
    day: DayNumber,
    rowNo: number,
    pending: [string, number][],
  ): boolean {
    let ok = true;
    for (const c of this.#cols) {
      if (c.role.role !== 'metric') continue;
      const v = readNumber(row[c.index] ?? '', c.role.decimal ?? '.', c.name, this.issues, true);
      if (v === undefined) ok = false;
      else if (v !== null) pending.push([c.role.metric, v]);
    }
    if (this.mapping.eventCountMetric) pending.push([this.mapping.eventCountMetric, 1]);
    if (ok) for (const [m, v] of pending) this.sink.observations.add(accountId, m, day, v, rowNo);
    return ok;
  }

  #outcome(row: string[], accountId: string, day: DayNumber): Outcome | 'skip' | undefined {
    let kind: OutcomeKind | 'skip' | undefined = this.mapping.constantOutcome ?? undefined;
    const col = this.#outcomeCol;
    if (col && col.role.role === 'outcome') {
      const raw = row[col.index] ?? '';
      kind = col.role.values[raw.trim().toLowerCase()];
      if (kind === undefined) {
        const known = Object.keys(col.role.values).join(', ');
        this.issues.add(
          col.name,
          raw,
          `unknown outcome (expected one of: ${known})`,
          'unknown-outcome',
        );
        return undefined;
      }
    }
    if (kind === undefined) return undefined;
    if (kind === 'skip') return 'skip';
    const reasonCol = this.#find('reason');
    const avoidCol = this.#find('avoidable');
    const avoidable = avoidCol
      ? readBoolean(row[avoidCol.index] ?? '', avoidCol.name, this.issues)
      : null;
    if (avoidable === undefined) return undefined;
    const reason = reasonCol ? readText(row[reasonCol.index] ?? '') : null;
    return { accountId, day, outcome: kind, reason, avoidable };
  }

  #keepOutcome(
    o: Outcome,
    rowNo: number,
    notices: (kept: number, dropped: number, o: Outcome) => void,
  ): void {
    const key = `${o.accountId}\u0000${o.day}`;
    const before = this.sink.outcomes.get(key);
    if (before) notices(rowNo, before.row, o);
    this.sink.outcomes.set(key, { outcome: o, row: rowNo });
  }

  /**
   * Maps one row; returns false when it was skipped for errors (recorded in `issues`).
   * `onDuplicate` hears of accounts and outcomes a later row replaced.
   */
  mapRow(
    row: string[],
    rowNo: number,
    onDuplicate: (kept: number, dropped: number, what: string) => void,
  ): boolean {
    const before = this.issues.list.length;
    this.issues.row = rowNo;
    const kind = this.mapping.kind;
    const ownsAccounts = kind === 'accounts' || kind === 'snapshot';
    const accountId = this.#account(row, ownsAccounts);
    if (accountId === undefined) return false;
    if (ownsAccounts) {
      const account = this.#accountFields(accountId, row);
      const day = this.#snapshotDay;
      let outcome: Outcome | 'skip' | undefined;
      const pending: [string, number][] = [];
      if (kind === 'snapshot' && day !== null) {
        // Dated when it was observed: the snapshot day, or N days after it (the user's answer).
        const observed = snapshotOutcomeDay(day, this.mapping.snapshotOutcomeDays ?? 0);
        if (this.#outcomeCol || this.mapping.constantOutcome)
          outcome = this.#outcome(row, accountId, observed);
        this.#metricsChecked(row, pending);
      }
      if (!account || this.issues.list.length > before) return false;
      if (this.sink.accounts.has(accountId))
        onDuplicate(rowNo, this.sink.accountRows.get(accountId) ?? 0, `account ${accountId}`);
      this.sink.accounts.set(accountId, account);
      this.sink.accountRows.set(accountId, rowNo);
      if (day !== null)
        for (const [m, v] of pending) this.sink.observations.add(accountId, m, day, v, rowNo);
      if (outcome && outcome !== 'skip')
        this.#keepOutcome(outcome, rowNo, (k, d, o) =>
          onDuplicate(k, d, `outcome of ${o.accountId}`),
        );
      return true;
    }
    const day = this.#date(row);
    if (day === undefined) return false;
    if (kind === 'outcomes') {
      const outcome = this.#outcome(row, accountId, day);
      if (outcome === 'skip') {
        this.quietlySkipped++;
        return true;
      }
      if (!outcome) return false;
      this.#keepOutcome(outcome, rowNo, (k, d, o) =>
        onDuplicate(k, d, `outcome of ${o.accountId} on that date`),
      );
      return true;
    }
    if (kind === 'signals-long') return this.#longValue(row, accountId, day, rowNo);
    if (kind === 'subscriptions') return this.#subscription(row, accountId, day, rowNo);
    return this.#metrics(row, accountId, day, rowNo, []);
  }

  /** A subscription row: its term (start, end, annual amount) and any metrics on its start day. */
  #subscription(row: string[], accountId: string, start: DayNumber, rowNo: number): boolean {
    const term = readSubscriptionCells(
      row,
      start,
      this.#find('end-date'),
      this.#find('amount'),
      this.issues,
    );
    if (!term || !this.#metrics(row, accountId, start, rowNo, [])) return false;
    addTerm(this.sink, accountId, { start, ...term, row: rowNo }, this.context.today);
    return true;
  }

  #metricsChecked(row: string[], pending: [string, number][]): void {
    for (const c of this.#cols) {
      if (c.role.role !== 'metric') continue;
      const v = readNumber(row[c.index] ?? '', c.role.decimal ?? '.', c.name, this.issues, true);
      if (v !== undefined && v !== null) pending.push([c.role.metric, v]);
    }
  }

  #longValue(row: string[], accountId: string, day: DayNumber, rowNo: number): boolean {
    const nameCol = this.#find('metric-name');
    const valueCol = this.#find('value');
    if (!nameCol || !valueCol || valueCol.role.role !== 'value') return false;
    const metric = (row[nameCol.index] ?? '').trim();
    if (metric === '')
      this.issues.add(nameCol.name, '', 'the metric name is empty', 'missing-value');
    const raw = row[valueCol.index] ?? '';
    const v = readNumber(raw, valueCol.role.decimal ?? '.', valueCol.name, this.issues, true);
    if (v === null) this.issues.add(valueCol.name, raw, 'the value is empty', 'missing-value');
    if (metric === '' || v === undefined || v === null) return false;
    this.sink.observations.add(accountId, metric, day, v, rowNo);
    return true;
  }
}
