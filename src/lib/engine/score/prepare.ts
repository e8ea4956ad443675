// Indexes a book once (series by metric and account, pulses and overrides by account) so that
// every score afterwards is a few binary searches over typed arrays, never a scan of the book.
import type { Account, BandOverride, Book, SignalSeries } from '../types';

/** Pulses of one account, sorted by day (ties keep input order). */
export interface AccountPulses {
  days: Int32Array;
  values: Float64Array;
}

/** A book indexed for scoring; build it with prepareBook and reuse it for every score. */
export interface PreparedBook {
  book: Book;
  accounts: Account[];
  accountIndex: Map<string, number>;
  /** metric → series per account index (undefined where the account lacks the metric). */
  seriesByMetric: Map<string, (SignalSeries | undefined)[]>;
  /** Earliest day of any observation or pulse per account; 2^31−1 when none. */
  firstDay: Int32Array;
  /** Every series of each account (for "has this account any data in a window?"). */
  seriesByAccount: SignalSeries[][];
  pulses: (AccountPulses | undefined)[];
  /** Overrides per account, sorted by start day. */
  overrides: (BandOverride[] | undefined)[];
}

/** `firstDay` of an account without any observation or pulse. */
export const NO_DATA_DAY = 2147483647;

/** Indexes a book's series by metric and account, and its pulses and overrides by account. */
export function prepareBook(book: Book): PreparedBook {
  const accountIndex = new Map<string, number>();
  book.accounts.forEach((a, i) => accountIndex.set(a.id, i));
  const n = book.accounts.length;
  const seriesByMetric = new Map<string, (SignalSeries | undefined)[]>();
  const firstDay = new Int32Array(n).fill(NO_DATA_DAY);
  const seriesByAccount: SignalSeries[][] = Array.from({ length: n }, () => []);
  for (const s of book.series) {
    const a = accountIndex.get(s.accountId);
    if (a === undefined || s.days.length === 0) continue;
    seriesByAccount[a].push(s);
    let perAccount = seriesByMetric.get(s.metric);
    if (!perAccount) {
      perAccount = new Array<SignalSeries | undefined>(n);
      seriesByMetric.set(s.metric, perAccount);
    }
    perAccount[a] = s;
    if (s.days[0] < firstDay[a]) firstDay[a] = s.days[0];
  }

  const pulseLists: { day: number; value: number }[][] = new Array(n);
  for (const p of book.pulses) {
    const a = accountIndex.get(p.accountId);
    if (a === undefined || !Number.isFinite(p.value)) continue;
    (pulseLists[a] ??= []).push({ day: p.day, value: p.value });
  }
  const pulses: (AccountPulses | undefined)[] = new Array(n);
  for (let a = 0; a < n; a++) {
    const list = pulseLists[a];
    if (!list) continue;
    list.sort((x, y) => x.day - y.day);
    pulses[a] = {
      days: Int32Array.from(list, (p) => p.day),
      values: Float64Array.from(list, (p) => p.value),
    };
    if (list[0].day < firstDay[a]) firstDay[a] = list[0].day;
  }

  const overrides: (BandOverride[] | undefined)[] = new Array(n);
  for (const o of book.overrides) {
    const a = accountIndex.get(o.accountId);
    if (a === undefined) continue;
    (overrides[a] ??= []).push(o);
  }
  for (const list of overrides) list?.sort((x, y) => x.day - y.day);

  return {
    book,
    accounts: book.accounts,
    accountIndex,
    seriesByMetric,
    firstDay,
    seriesByAccount,
    pulses,
    overrides,
  };
}

/** The override in force for an account on a day: the latest-starting one with day ≤ asOf < expiresDay. */
export function overrideInForce(
  prepared: PreparedBook,
  accountIdx: number,
  day: number,
): BandOverride | null {
  const list = prepared.overrides[accountIdx];
  if (!list) return null;
  let found: BandOverride | null = null;
  for (const o of list) {
    if (o.day > day) break;
    if (day < o.expiresDay) found = o;
  }
  return found;
}
