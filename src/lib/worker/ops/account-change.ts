// One change to one account made on its page — a pulse (add, delete), a band override (set,
// end, delete), an outcome (record, delete) — written in the worker; wrapped in `thenRescore`,
// the same queued call rescores the book and returns what moved.
import { archivedAccounts, renewalRollFor } from '../../engine/book-state';
import type { BandOverride, DayNumber, Outcome, Pulse, RenewalRoll } from '../../engine/types';
import {
  addOverride,
  addPulse,
  deleteOutcome,
  deleteOverride,
  deletePulse,
  endOverride,
  getDb,
  listOutcomes,
  recordOutcome,
  type CanaryDb,
} from '../../db';
import type { ProgressFn } from '../progress';

/** The change, by kind. */
export type AccountChange =
  | { kind: 'addPulse'; pulse: Pulse }
  | { kind: 'addOverride'; override: BandOverride }
  | { kind: 'endOverride'; accountId: string; overrideId: number; day: DayNumber }
  | { kind: 'deletePulse'; accountId: string; id: number }
  | { kind: 'deleteOverride'; accountId: string; id: number }
  | { kind: 'recordOutcome'; outcome: Outcome }
  | { kind: 'deleteOutcome'; accountId: string; id: number };

export interface AccountChangeRequest {
  /** Today's day (the app passes todayDay()): the rescore that follows scores from it. */
  today: DayNumber;
  change: AccountChange;
}

/** What the write did, for the page's message. */
export interface AccountChangeFacts {
  /** How recording a renewal moved the renewal date. */
  renewalRoll: RenewalRoll | null;
  /** The renewal date a deleted outcome put back (`to` null: cleared). */
  restoredRenewalDate: { from: number; to: number | null } | null;
  /** The change archived the account (a churn) or brought it back (its churn deleted). */
  archived: boolean;
  unarchived: boolean;
}

export interface AccountChangeResult {
  accountId: string;
  facts: AccountChangeFacts;
}

function accountOf(change: AccountChange): string {
  switch (change.kind) {
    case 'addPulse':
      return change.pulse.accountId;
    case 'addOverride':
      return change.override.accountId;
    case 'recordOutcome':
      return change.outcome.accountId;
    default:
      return change.accountId;
  }
}

async function isArchived(db: CanaryDb, accountId: string): Promise<boolean> {
  return archivedAccounts(await listOutcomes(db, accountId)).has(accountId);
}

/** Writes the change; throws (nothing written) when it cannot be made. */
async function write(db: CanaryDb, change: AccountChange): Promise<AccountChangeFacts> {
  const facts: AccountChangeFacts = {
    renewalRoll: null,
    restoredRenewalDate: null,
    archived: false,
    unarchived: false,
  };
  const accountId = accountOf(change);
  switch (change.kind) {
    case 'addPulse':
      await addPulse(db, change.pulse);
      break;
    case 'addOverride':
      await addOverride(db, change.override);
      break;
    case 'endOverride':
      if (!(await endOverride(db, change.overrideId, change.day))) {
        throw new Error('the override no longer exists');
      }
      break;
    case 'deletePulse':
      await deletePulse(db, change.id);
      break;
    case 'deleteOverride':
      await deleteOverride(db, change.id);
      break;
    case 'recordOutcome': {
      const was = await isArchived(db, accountId);
      facts.renewalRoll = (await recordOutcome(db, change.outcome, renewalRollFor)).renewalRoll;
      facts.archived = !was && (await isArchived(db, accountId));
      break;
    }
    case 'deleteOutcome': {
      const was = await isArchived(db, accountId);
      facts.restoredRenewalDate = (await deleteOutcome(db, change.id)).restoredRenewalDate;
      facts.unarchived = was && !(await isArchived(db, accountId));
      break;
    }
  }
  return facts;
}

/**
 * Writes one account change (nothing when it throws). Registered in the worker wrapped in
 * `thenRescore`, so the page's one call also rescores and learns what moved.
 */
export default async function accountChange(
  request: AccountChangeRequest,
  onProgress?: ProgressFn,
): Promise<AccountChangeResult> {
  onProgress?.({ fraction: 0, label: 'Saving' });
  const facts = await write(getDb(), request.change);
  onProgress?.({ fraction: 1, label: 'Saved' });
  return { accountId: accountOf(request.change), facts };
}
