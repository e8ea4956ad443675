// User actions on one account: pulses, band overrides, notes and outcomes (add, delete, end an
// override early), each written through the database, then the book is rescored so the score,
// band and explanation follow; and the worker's what-if analysis of the current score.
import {
  addNote,
  addOverride,
  addPulse,
  deleteNote,
  deleteOutcome,
  deleteOverride,
  deletePulse,
  getCurrentScore,
  endOverride,
  getDb,
  listOutcomes,
  recordOutcome,
  type NewNote,
} from '$lib/db';
import { archivedAccounts, renewalRollFor } from '$lib/engine/book-state';
import type { BandOverride, DayNumber, Outcome, Pulse } from '$lib/engine/types';
import { formatDay } from '$lib/format';
import { callWorker } from '$lib/worker/client';
import { account } from '$lib/state/account.svelte';
import type { TimelineEntry } from '$lib/state/account-timeline';
import { toasts } from '$lib/state/toasts.svelte';
import { rescoreBook } from './book.service';

const BAND_NAMES = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

function failed(action: string, e: unknown): false {
  const message = e instanceof Error ? e.message : String(e);
  toasts.show('error', `${action} failed: ${message}`);
  return false;
}

/** Rescores, then confirms with the account's new score ("Pulse added. Now Amber 45."). */
async function rescoreAndReport(accountId: string, done: string): Promise<boolean> {
  const ok = await rescoreBook('Updating the score');
  if (!ok) {
    toasts.show(
      'info',
      `${done} The score could not be updated yet; it will be on the next rescore.`,
    );
    return true;
  }
  const current = await getCurrentScore(getDb(), accountId);
  const now =
    current?.band != null
      ? ` Now ${BAND_NAMES[current.band]}${current.score === null ? '' : ` ${Math.round(current.score)}`}.`
      : '';
  toasts.show('success', `${done}${now}`);
  return true;
}

/** Adds a CSM pulse and rescores. */
export async function addAccountPulse(pulse: Pulse): Promise<boolean> {
  try {
    await addPulse(getDb(), pulse);
  } catch (e) {
    return failed('Adding the pulse', e);
  }
  return rescoreAndReport(pulse.accountId, 'Pulse added.');
}

/** Adds a band override (in force from its day until its expiry) and rescores. */
export async function addAccountOverride(override: BandOverride): Promise<boolean> {
  try {
    await addOverride(getDb(), override);
  } catch (e) {
    return failed('Overriding the band', e);
  }
  return rescoreAndReport(override.accountId, `Band set to ${BAND_NAMES[override.band]}.`);
}

/** Ends an override in force today (its expiry becomes today) and rescores. */
export async function endAccountOverride(
  accountId: string,
  overrideId: number,
  today: DayNumber,
): Promise<boolean> {
  try {
    if (!(await endOverride(getDb(), overrideId, today))) {
      throw new Error('the override no longer exists');
    }
  } catch (e) {
    return failed('Ending the override', e);
  }
  return rescoreAndReport(accountId, 'Override ended: the scored band applies again.');
}

/** Adds a note (notes do not change the score, so no rescore). */
export async function addAccountNote(note: NewNote): Promise<boolean> {
  try {
    await addNote(getDb(), note);
    toasts.show('success', 'Note added.');
    return true;
  } catch (e) {
    return failed('Adding the note', e);
  }
}

/** Whether the account is archived by its outcomes (latest one a churn). */
async function isArchived(accountId: string): Promise<boolean> {
  return archivedAccounts(await listOutcomes(getDb(), accountId)).has(accountId);
}

/**
 * Records a renewal outcome and rescores. A renewal (renewed, expanded, contracted) of the
 * current term rolls the renewal date forward by the contract term (engine renewalRollFor), in
 * the same transaction; a churn archives the account.
 */
export async function recordAccountOutcome(outcome: Outcome): Promise<boolean> {
  let done: string;
  try {
    const { renewalRoll } = await recordOutcome(getDb(), outcome, renewalRollFor);
    done = `Outcome recorded: ${outcome.outcome}.`;
    if (renewalRoll) done += ` Next renewal ${formatDay(renewalRoll.to)}.`;
    if (await isArchived(outcome.accountId))
      done += ' The account is archived: it leaves the live portfolio.';
  } catch (e) {
    return failed('Recording the outcome', e);
  }
  return rescoreAndReport(outcome.accountId, done);
}

const DELETE_LABELS: Record<TimelineEntry['kind'], string> = {
  pulse: 'Pulse deleted.',
  override: 'Override deleted.',
  note: 'Note deleted.',
  outcome: 'Outcome deleted.',
  import: '',
  task: '',
};

/** Deletes a pulse, override, note or outcome of the timeline (after the page confirmed). */
export async function deleteTimelineEntry(
  accountId: string,
  entry: TimelineEntry,
): Promise<boolean> {
  const db = getDb();
  let done = DELETE_LABELS[entry.kind];
  try {
    if (entry.kind === 'pulse') await deletePulse(db, entry.id);
    else if (entry.kind === 'override') await deleteOverride(db, entry.id);
    else if (entry.kind === 'note') await deleteNote(db, entry.id);
    else if (entry.kind === 'outcome') {
      const wasArchived = await isArchived(accountId);
      const { restoredRenewalDate } = await deleteOutcome(db, entry.id);
      if (restoredRenewalDate)
        done +=
          restoredRenewalDate.to === null
            ? ' The renewal date it set is cleared.'
            : ` Renewal date back to ${formatDay(restoredRenewalDate.to)}.`;
      if (wasArchived && !(await isArchived(accountId)))
        done += ' The account is back in the live portfolio.';
    } else throw new Error('imports are undone from the import page');
  } catch (e) {
    return failed('Deleting', e);
  }
  if (entry.kind === 'note') {
    toasts.show('success', done);
    return true;
  }
  return rescoreAndReport(accountId, done);
}

let whatIfRequest = 0;

/** Asks the worker what would move the account's score; the newest request wins. */
export async function refreshWhatIf(accountId: string, asOfDay: DayNumber): Promise<void> {
  const request = ++whatIfRequest;
  try {
    const result = await callWorker('whatIf', [{ accountId, asOfDay }]);
    if (request === whatIfRequest && account.accountId === accountId) {
      account.whatIf = result;
      account.whatIfError = null;
    }
  } catch (e) {
    if (request === whatIfRequest) {
      account.whatIf = null;
      account.whatIfError = e instanceof Error ? e.message : String(e);
    }
  }
}
