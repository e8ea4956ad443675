// Reads signals.csv into columnar series: long form (account_id,date,metric,value) or wide form
// (account_id,date,<metric>,…). Observations are grouped per account × metric into typed arrays,
// sorted by day; a repeated (account, date, metric) is an error naming both rows.
import type { SignalSeries } from '../engine/types';
import { readDate, readNumber } from './canonical-cells';
import { fail, readRequired, requireColumn, type CsvTable } from './canonical-csv';

interface Pending {
  accountId: string;
  metric: string;
  days: number[];
  values: number[];
  rows: number[];
  column: string;
  sorted: boolean;
}

function checkAccount(t: CsvTable, r: number, col: number, known: ReadonlySet<string>): string {
  const id = readRequired(t, r, col);
  if (!known.has(id)) {
    fail(t.file, t.rowNumbers[r], t.header[col], `account_id "${id}" is not in accounts.csv`);
  }
  return id;
}

function toSeries(file: string, pending: Pending): SignalSeries {
  const n = pending.days.length;
  let order: number[] | null = null;
  if (!pending.sorted) {
    order = Array.from({ length: n }, (_, i) => i);
    order.sort((a, b) => pending.days[a] - pending.days[b] || pending.rows[a] - pending.rows[b]);
  }
  const days = new Int32Array(n);
  const values = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const i = order ? order[k] : k;
    days[k] = pending.days[i];
    values[k] = pending.values[i];
    if (k > 0 && days[k] === days[k - 1]) {
      const prev = order ? order[k - 1] : k - 1;
      const [a, b] = [pending.rows[prev], pending.rows[i]].sort((x, y) => x - y);
      fail(
        file,
        b,
        pending.column,
        `duplicate observation: account "${pending.accountId}", metric "${pending.metric}" on the same date as row ${a}`,
      );
    }
  }
  return { accountId: pending.accountId, metric: pending.metric, days, values };
}

/** Reads signals in long or wide form; unknown accounts and non-numeric values are errors. */
export function readSignals(t: CsvTable, accountIds: ReadonlySet<string>): SignalSeries[] {
  const idCol = requireColumn(t, 'account_id');
  const dateCol = requireColumn(t, 'date');
  const long = t.columns.has('metric') || t.columns.has('value');
  const metricCol = long ? requireColumn(t, 'metric') : -1;
  const valueCol = long ? requireColumn(t, 'value') : -1;
  const wideCols = long
    ? []
    : t.header.map((_, i) => i).filter((i) => i !== idCol && i !== dateCol);
  if (!long && wideCols.length === 0) {
    fail(
      t.file,
      1,
      'metric',
      'needs metric and value columns (long form) or metric columns (wide form)',
    );
  }
  // Few distinct dates and accounts: cache parsed dates and group by account then metric.
  const dateCache = new Map<string, number>();
  const groups = new Map<string, Map<string, Pending>>();
  const order: Pending[] = [];
  const add = (
    accountId: string,
    metric: string,
    day: number,
    value: number,
    r: number,
    column: string,
  ) => {
    let perAccount = groups.get(accountId);
    if (!perAccount) groups.set(accountId, (perAccount = new Map()));
    let g = perAccount.get(metric);
    if (!g) {
      g = { accountId, metric, days: [], values: [], rows: [], column, sorted: true };
      perAccount.set(metric, g);
      order.push(g);
    }
    const last = g.days.length - 1;
    if (last >= 0 && day < g.days[last]) g.sorted = false;
    g.days.push(day);
    g.values.push(value);
    g.rows.push(t.rowNumbers[r]);
  };
  for (let r = 0; r < t.rows.length; r++) {
    const accountId = checkAccount(t, r, idCol, accountIds);
    const rawDate = t.rows[r][dateCol];
    let day = dateCache.get(rawDate) ?? null;
    if (day === null) {
      day = readDate(t, r, dateCol);
      if (day !== null) dateCache.set(rawDate, day);
    }
    if (day === null)
      fail(t.file, t.rowNumbers[r], t.header[dateCol], 'date is empty but required');
    if (long) {
      const metric = readRequired(t, r, metricCol);
      const value = readNumber(t, r, valueCol);
      // An empty value is a missing observation (NaN until dropMissing), never stored as 0.
      add(accountId, metric, day, value ?? NaN, r, t.header[metricCol]);
    } else {
      for (const c of wideCols) {
        const value = readNumber(t, r, c);
        add(accountId, t.header[c], day, value ?? NaN, r, t.header[c]);
      }
    }
  }
  const series: SignalSeries[] = [];
  for (const g of order) series.push(dropMissing(toSeries(t.file, g)));
  return series.filter((s) => s.days.length > 0);
}

/** Removes missing (NaN) observations after duplicate checks saw them. */
function dropMissing(s: SignalSeries): SignalSeries {
  let keep = 0;
  for (let i = 0; i < s.values.length; i++) if (!Number.isNaN(s.values[i])) keep++;
  if (keep === s.values.length) return s;
  const days = new Int32Array(keep);
  const values = new Float64Array(keep);
  let k = 0;
  for (let i = 0; i < s.values.length; i++) {
    if (Number.isNaN(s.values[i])) continue;
    days[k] = s.days[i];
    values[k++] = s.values[i];
  }
  return { ...s, days, values };
}
