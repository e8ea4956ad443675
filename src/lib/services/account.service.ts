// User actions on one account: pulses, band overrides, notes and outcomes (add, delete, end an
// override early). Each change that can move the score is one worker call (`accountChange`,
// through `runChange`) that writes, rescores the book and returns what moved; notes change no
// score and are written directly. Also the worker's what-if analysis of the current score.
import { addNote, deleteNote, getCurrentScore, getDb, type NewNote } from '$lib/db';
import type { ScoreChange } from '$lib/engine';
import { todayDay } from '$lib/engine/dates';
import type { BandOverride, DayNumber, Outcome, Pulse } from '$lib/engine/types';
import { formatDay } from '$lib/format';
import { callWorker } from '$lib/worker/client';
import type { AccountChange, AccountChangeFacts } from '$lib/worker/ops/account-change';
import { account } from '$lib/state/account.svelte';
import type { TimelineEntry } from '$lib/state/account-timeline';
import { toasts } from '$lib/state/toasts.svelte';
import { runChange } from './book.service';

const BAND_NAMES = { red: 'Red', amber: 'Amber', green: 'Green' } as const;

function failed(action: string, e: unknown): false {
  const message = e instanceof Error ? e.message : String(e);
  toasts.show('error', `${action} failed: ${message}`);
  return false;
}

/** " Now Amber 45 (was Green 72)." from the account's move, or its current score. */
async function nowText(accountId: string, move: ScoreChange | undefined): Promise<string> {
  const current = await getCurrentScore(getDb(), accountId);
  if (current?.band == null) return '';
  const now = `${BAND_NAMES[current.band]}${current.score === null ? '' : ` ${Math.round(current.score)}`}`;
  const was =
    move && move.bandBefore
      ? ` (was ${BAND_NAMES[move.bandBefore]}${move.scoreBefore === null ? '' : ` ${Math.round(move.scoreBefore)}`})`
      : '';
  return ` Now ${now}${was}.`;
}

/**
 * Makes one change in the worker (write + rescore in one call) and confirms with the account's
 * new score ("Pulse added. Now Amber 45 (was Green 72)."). `done` words the write's facts.
 */
async function change(
  action: string,
  accountChange: AccountChange,
  done: (facts: AccountChangeFacts) => string,
): Promise<boolean> {
  let changed;
  try {
    changed = await runChange('Updating the score', (signal, onProgress) =>
      callWorker('accountChange', [{ change: accountChange, today: todayDay() }], {
        signal,
        onProgress,
      }),
    );
  } catch (e) {
    return failed(action, e);
  }
  const { accountId, facts } = changed.result;
  const text = done(facts);
  if (!changed.rescore) {
    toasts.show(
      'info',
      `${text} The score could not be updated yet; it will be on the next rescore.`,
    );
    return true;
  }
  const move = changed.rescore.changes.find((c) => c.accountId === accountId);
  toasts.show('success', `${text}${await nowText(accountId, move)}`);
  return true;
}

/** Adds a CSM pulse and rescores. */
export function addAccountPulse(pulse: Pulse): Promise<boolean> {
  return change('Adding the pulse', { kind: 'addPulse', pulse }, () => 'Pulse added.');
}

/** Adds a band override (in force from its day until its expiry) and rescores. */
export function addAccountOverride(override: BandOverride): Promise<boolean> {
  return change(
    'Overriding the band',
    { kind: 'addOverride', override },
    () => `Band set to ${BAND_NAMES[override.band]}.`,
  );
}

/** Ends an override in force today (its expiry becomes today) and rescores. */
export function endAccountOverride(
  accountId: string,
  overrideId: number,
  today: DayNumber,
): Promise<boolean> {
  return change(
    'Ending the override',
    { kind: 'endOverride', accountId, overrideId, day: today },
    () => 'Override ended: the scored band applies again.',
  );
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

/**
 * Records a renewal outcome and rescores. A renewal (renewed, expanded, contracted) of the
 * current term rolls the renewal date forward by the contract term (engine renewalRollFor), in
 * the same transaction; a churn archives the account.
 */
export function recordAccountOutcome(outcome: Outcome): Promise<boolean> {
  return change('Recording the outcome', { kind: 'recordOutcome', outcome }, (facts) => {
    let done = `Outcome recorded: ${outcome.outcome}.`;
    if (facts.renewalRoll) done += ` Next renewal ${formatDay(facts.renewalRoll.to)}.`;
    if (facts.archived) done += ' The account is archived: it leaves the live portfolio.';
    return done;
  });
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
  const done = DELETE_LABELS[entry.kind];
  if (entry.kind === 'note') {
    try {
      await deleteNote(getDb(), entry.id);
    } catch (e) {
      return failed('Deleting', e);
    }
    toasts.show('success', done);
    return true;
  }
  if (entry.kind === 'import') {
    return failed('Deleting', new Error('imports are undone from the import page'));
  }
  const kind =
    entry.kind === 'pulse'
      ? 'deletePulse'
      : entry.kind === 'override'
        ? 'deleteOverride'
        : 'deleteOutcome';
  return change('Deleting', { kind, accountId, id: entry.id }, (facts) => {
    let text = done;
    const restored = facts.restoredRenewalDate;
    if (restored)
      text +=
        restored.to === null
          ? ' The renewal date it set is cleared.'
          : ` Renewal date back to ${formatDay(restored.to)}.`;
    if (facts.unarchived) text += ' The account is back in the live portfolio.';
    return text;
  });
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
