// User actions of the renewals page: build the view in the worker, and record (or clear) the
// CSM's own call on a renewal. A call steers no score, so nothing is rescored.
import { clearRenewalCall, getDb, setRenewalCall, type RenewalCall } from '$lib/db';
import type { DayNumber } from '$lib/engine/types';
import { callWorker } from '$lib/worker/client';
import type { RenewalsData } from '$lib/worker/ops/renewals';
import { toasts } from '$lib/state/toasts.svelte';

/** The renewals view and ARR at risk, built in the worker (reads only). */
export function loadRenewalsInWorker(today: DayNumber): Promise<RenewalsData> {
  return callWorker('renewals', [{ today }]);
}

const CALL_WORDS: Record<RenewalCall, string> = {
  commit: 'commit',
  'at-risk': 'at risk',
  'will-churn': 'will churn',
};

/**
 * Saves the CSM's call (null clears it) and its note on one renewal; a failure is toasted and
 * returns false, with nothing written.
 */
export async function saveRenewalCall(
  accountId: string,
  name: string,
  renewalDay: DayNumber,
  call: RenewalCall | null,
  note: string | null,
): Promise<boolean> {
  try {
    if (call === null) await clearRenewalCall(getDb(), accountId, renewalDay);
    else await setRenewalCall(getDb(), { accountId, renewalDay, call, note });
    toasts.show(
      'success',
      call === null
        ? `Cleared your call on ${name}.`
        : `Your call on ${name}: ${CALL_WORDS[call]}.`,
    );
    return true;
  } catch (e) {
    toasts.show('error', `Saving your call failed: ${e instanceof Error ? e.message : String(e)}`);
    return false;
  }
}
