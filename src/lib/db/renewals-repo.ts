// The CSM's renewal calls (commit / at risk / will churn, keyed by account and renewal day), and
// the reads the renewals view and ARR at risk are built from.
import type { CanaryDb } from './canary-db';
import type {
  AccountRecord,
  CurrentScoreRecord,
  OutcomeRecord,
  RenewalCall,
  RenewalCallRecord,
  ScoreHistoryRecord,
  SeriesRecord,
} from './records';

/** The calls a CSM can make on a renewal. */
export const RENEWAL_CALL_VALUES: readonly RenewalCall[] = ['commit', 'at-risk', 'will-churn'];

/** A call to save; `at` defaults to now. */
export interface NewRenewalCall {
  accountId: string;
  renewalDay: number;
  call: RenewalCall;
  note?: string | null;
  at?: number;
}

/** Every stored renewal call. */
export function listRenewalCalls(db: CanaryDb): Promise<RenewalCallRecord[]> {
  return db.renewalCalls.toArray();
}

/** The call on one renewal, if the CSM made one. */
export function getRenewalCall(
  db: CanaryDb,
  accountId: string,
  renewalDay: number,
): Promise<RenewalCallRecord | undefined> {
  return db.renewalCalls.get([accountId, renewalDay]);
}

/**
 * Saves (or replaces) the call on one renewal. Refused with a RangeError for an unknown call,
 * a renewal day that is not a whole day, or an account that does not exist; nothing is written.
 */
export async function setRenewalCall(
  db: CanaryDb,
  input: NewRenewalCall,
): Promise<RenewalCallRecord> {
  if (!RENEWAL_CALL_VALUES.includes(input.call))
    throw new RangeError(`Unknown renewal call "${input.call}"`);
  if (!Number.isInteger(input.renewalDay))
    throw new RangeError('A renewal day is a whole day number');
  const note = input.note?.trim() ? input.note.trim() : null;
  const record: RenewalCallRecord = {
    accountId: input.accountId,
    renewalDay: input.renewalDay,
    call: input.call,
    note,
    at: input.at ?? Date.now(),
  };
  return db.transaction('rw', [db.accounts, db.renewalCalls], async () => {
    if (!(await db.accounts.get(input.accountId)))
      throw new RangeError(`Account ${input.accountId} does not exist`);
    await db.renewalCalls.put(record);
    return record;
  });
}

/** Removes the call on one renewal; true when there was one. */
export async function clearRenewalCall(
  db: CanaryDb,
  accountId: string,
  renewalDay: number,
): Promise<boolean> {
  return db.transaction('rw', db.renewalCalls, async () => {
    const had = (await db.renewalCalls.get([accountId, renewalDay])) !== undefined;
    if (had) await db.renewalCalls.delete([accountId, renewalDay]);
    return had;
  });
}

/** What the renewals view reads: accounts, their current scores and outcomes, in one snapshot. */
export interface RenewalsRead {
  accounts: AccountRecord[];
  scores: CurrentScoreRecord[];
  outcomes: OutcomeRecord[];
}

/** Reads the accounts, current scores and outcomes in one read transaction. */
export function readRenewalsBook(db: CanaryDb): Promise<RenewalsRead> {
  return db.transaction('r', [db.accounts, db.currentScores, db.outcomes], async () => ({
    accounts: await db.accounts.toArray(),
    scores: await db.currentScores.toArray(),
    outcomes: await db.outcomes.toArray(),
  }));
}

/** Metric names (lower case) of series holding an account's ARR over time, and their factor to annual. */
export const DATED_ARR_METRICS: Readonly<Record<string, number>> = { arr: 1, mrr: 12 };

/** What ARR at risk reads: one model version's score history and the dated ARR series. */
export interface AtRiskRead {
  history: ScoreHistoryRecord[];
  /** Series named arr or mrr (any case). */
  arrSeries: SeriesRecord[];
}

/** Reads `modelKey`'s score history of every account and every arr/mrr series. */
export function readAtRiskHistory(db: CanaryDb, modelKey: string): Promise<AtRiskRead> {
  return db.transaction('r', [db.scoreHistory, db.series], async () => ({
    history: await db.scoreHistory.where('modelKey').equals(modelKey).toArray(),
    arrSeries: await db.series
      .where('metric')
      .anyOfIgnoreCase(Object.keys(DATED_ARR_METRICS))
      .toArray(),
  }));
}
