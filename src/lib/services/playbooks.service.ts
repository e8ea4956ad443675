// User actions of the Playbooks page: build its data in the worker (reads only), and switch a
// playbook on or off. Switching on evaluates the playbooks as of today at once, so its tasks
// appear now; switching off deletes no task (its tasks stay in the Inbox).
import type { DayNumber } from '$lib/engine/types';
import { todayDay } from '$lib/engine/dates';
import { formatInteger } from '$lib/format';
import { toasts } from '$lib/state/toasts.svelte';
import { callWorker } from '$lib/worker/client';
import type { PlaybooksPageData } from '$lib/worker/ops/playbook-effects';

/** Every playbook with its words, task counts and "Did it work", built in the worker. */
export function loadPlaybooksInWorker(today: DayNumber): Promise<PlaybooksPageData> {
  return callWorker('playbookEffects', [{ today }]);
}

const tasks = (n: number) => (n === 1 ? '1 task' : `${formatInteger(n)} tasks`);

/**
 * Switches a playbook on or off and says what happened in a toast; false (and an error toast)
 * when it could not be saved.
 */
export async function setPlaybookOn(
  playbook: { id: string; name: string; open: number },
  enabled: boolean,
): Promise<boolean> {
  try {
    const r = await callWorker('setPlaybookEnabled', [
      { id: playbook.id, enabled, today: todayDay() },
    ]);
    if (!enabled) {
      toasts.show(
        'success',
        `${r.name} is off: it creates no new tasks. Nothing was deleted${playbook.open > 0 ? `; its ${tasks(playbook.open)} to do stay in the Inbox` : ''}.`,
      );
    } else {
      const others = r.createdAll - r.created;
      toasts.show(
        'success',
        `${r.name} is on: ${r.created === 0 ? 'no account meets it today, so it created no task' : `it created ${tasks(r.created)} today`}${others > 0 ? ` (other playbooks created ${tasks(others)})` : ''}.`,
      );
    }
    return true;
  } catch (e) {
    toasts.show(
      'error',
      `Switching ${playbook.name} ${enabled ? 'on' : 'off'} failed: ${e instanceof Error ? e.message : String(e)}`,
    );
    return false;
  }
}
