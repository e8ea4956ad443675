// Manual entries on accounts: CSM pulses, band overrides, notes and recorded outcomes (add,
// list, delete). A recorded renewal may move the account's renewal date in the same transaction.
import type { Account, BandOverride, Outcome, Pulse, RenewalRoll } from '../engine/types';
import type { CanaryDb } from './canary-db';
import type { NoteRecord, OutcomeRecord, OverrideRecord, PulseRecord } from './records';

/** Adds a CSM pulse; returns its id. */
export function addPulse(db: CanaryDb, pulse: Pulse): Promise<number> {
  return db.pulses.add(pulse);
}

/** One account's pulses, oldest first. */
export function listPulses(db: CanaryDb, accountId: string): Promise<PulseRecord[]> {
  return db.pulses.where('accountId').equals(accountId).sortBy('day');
}

/** Deletes a pulse by id. */
export function deletePulse(db: CanaryDb, id: number): Promise<void> {
  return db.pulses.delete(id);
}

/** Adds a band override (an addition, never a silent replacement); returns its id. */
export function addOverride(db: CanaryDb, override: BandOverride): Promise<number> {
  return db.overrides.add(override);
}

/** One account's band overrides, oldest first. */
export function listOverrides(db: CanaryDb, accountId: string): Promise<OverrideRecord[]> {
  return db.overrides.where('accountId').equals(accountId).sortBy('day');
}

/** Deletes a band override by id. */
/** Ends an override on `day` (its expiry becomes that day); false when it no longer exists. */
export async function endOverride(db: CanaryDb, id: number, day: number): Promise<boolean> {
  return (await db.overrides.update(id, { expiresDay: day })) > 0;
}

export function deleteOverride(db: CanaryDb, id: number): Promise<void> {
  return db.overrides.delete(id);
}

/** A note to add; `createdAt` defaults to now. */
export type NewNote = Omit<NoteRecord, 'id' | 'createdAt'> & { createdAt?: number };

/** Adds a note to an account; returns its id. */
export function addNote(db: CanaryDb, note: NewNote): Promise<number> {
  return db.notes.add({ ...note, createdAt: note.createdAt ?? Date.now() });
}

/** One account's notes, oldest first. */
export function listNotes(db: CanaryDb, accountId: string): Promise<NoteRecord[]> {
  return db.notes.where('accountId').equals(accountId).sortBy('day');
}

/** Deletes a note by id. */
export function deleteNote(db: CanaryDb, id: number): Promise<void> {
  return db.notes.delete(id);
}

/**
 * Decides how a new outcome moves the account's renewal date, given the account and its other
 * outcomes (the engine's renewalRollFor); null leaves the date alone.
 */
export type RenewalRollRule = (
  account: Account,
  outcome: Outcome,
  others: readonly OutcomeRecord[],
) => RenewalRoll | null;

/** What recording an outcome did. */
export interface RecordedOutcome {
  id: number;
  /** How the renewal date moved (null when it did not). */
  renewalRoll: RenewalRoll | null;
}

/**
 * Records an outcome of an existing account in one transaction; with `rollRule`, a renewal also
 * moves the account's renewal date and the outcome keeps how (so deleting it can undo that).
 * Throws when the account does not exist, writing nothing.
 */
export async function recordOutcome(
  db: CanaryDb,
  outcome: Outcome,
  rollRule?: RenewalRollRule,
): Promise<RecordedOutcome> {
  return db.transaction('rw', [db.accounts, db.outcomes], async () => {
    const account = await db.accounts.get(outcome.accountId);
    if (!account) throw new Error(`there is no account ${outcome.accountId}`);
    const others = await db.outcomes.where('accountId').equals(outcome.accountId).toArray();
    const roll = rollRule ? rollRule(account, outcome, others) : null;
    const record: Omit<OutcomeRecord, 'id'> = roll ? { ...outcome, renewalRoll: roll } : outcome;
    const id = await db.outcomes.add(record as OutcomeRecord);
    if (roll) await db.accounts.update(account.id, { renewalDate: roll.to });
    return { id, renewalRoll: roll };
  });
}

/** One account's outcomes, oldest first. */
export function listOutcomes(db: CanaryDb, accountId: string): Promise<OutcomeRecord[]> {
  return db.outcomes.where('accountId').equals(accountId).sortBy('day');
}

/** What deleting an outcome did. */
export interface DeletedOutcome {
  outcome: OutcomeRecord;
  /** The renewal date put back (the one before the outcome rolled it), if any. */
  restoredRenewalDate: { from: number; to: number | null } | null;
}

/**
 * Deletes an outcome by id in one transaction. If recording it rolled the renewal date and the
 * account still has that date, the date before goes back; a date changed since (by an import or
 * a later renewal) is left alone. Throws when the outcome no longer exists.
 */
export async function deleteOutcome(db: CanaryDb, id: number): Promise<DeletedOutcome> {
  return db.transaction('rw', [db.accounts, db.outcomes], async () => {
    const outcome = await db.outcomes.get(id);
    if (!outcome) throw new Error('the outcome no longer exists');
    await db.outcomes.delete(id);
    const roll = outcome.renewalRoll;
    if (!roll) return { outcome, restoredRenewalDate: null };
    const account = await db.accounts.get(outcome.accountId);
    if (!account || account.renewalDate !== roll.to) return { outcome, restoredRenewalDate: null };
    await db.accounts.update(account.id, { renewalDate: roll.from });
    return { outcome, restoredRenewalDate: { from: roll.to, to: roll.from } };
  });
}
