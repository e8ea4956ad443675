// User actions of the Playbooks page: build its data in the worker (reads only), switch a
// playbook on or off, edit, add and delete one, restore the shipped ones, download them as JSON
// and load a file of them. Switching on, saving, restoring and loading evaluate the playbooks as
// of today at once, so their tasks appear now; nothing here deletes a task.
import type { DayNumber } from '$lib/engine/types';
import { dayToIso, todayDay } from '$lib/engine/dates';
import { formatInteger } from '$lib/format';
import { toasts } from '$lib/state/toasts.svelte';
import { callWorker } from '$lib/worker/client';
import type { PlaybooksPageData } from '$lib/worker/ops/playbook-effects';
import type { PlaybookSaveResult, PlaybooksFileCheck } from '$lib/worker/ops/playbook-save';
import { DELETED_PLAYBOOK } from '$lib/state/inbox-view';
import { saveBytes } from './export.service';

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

function failure(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

/** "it created 3 tasks today (other playbooks created 1 task)"; `they` for several playbooks. */
function createdWords(created: number, createdAll: number, enabled = true, they = false): string {
  const others = createdAll - created;
  const [it, its] = they ? ['they', 'them'] : ['it', 'it'];
  const mine = !enabled
    ? `${it} ${they ? 'are' : 'is'} off, so ${it} created no task`
    : created === 0
      ? `no account meets ${its} today, so ${it} created no task`
      : `${it} created ${tasks(created)} today`;
  return `${mine}${others > 0 ? ` (other playbooks created ${tasks(others)})` : ''}`;
}

/**
 * Saves an edited or new playbook in the worker (validated with the engine's schema). On a
 * problem returns the errors by path and saves nothing; on success says in a toast how many
 * tasks the evaluation as of today created. Null when the worker call failed (error toast).
 */
export async function savePlaybookDocument(
  mode: 'add' | 'edit',
  playbook: unknown,
): Promise<PlaybookSaveResult | null> {
  try {
    const r = await callWorker('savePlaybook', [{ mode, playbook, today: todayDay() }]);
    if (r.ok) {
      const enabled = (playbook as { enabled?: boolean }).enabled !== false;
      toasts.show(
        'success',
        `${r.name} is ${r.added ? 'added' : 'saved'}${r.forgotten ? ' and evaluated afresh' : ''}: ${createdWords(r.created, r.createdAll, enabled || r.created > 0)}. Its existing tasks stay as they are.`,
      );
    }
    return r;
  } catch (e) {
    toasts.show('error', `Saving the playbook failed: ${failure(e)}`);
    return null;
  }
}

/** Deletes a playbook (its tasks stay in the Inbox); false on failure (error toast). */
export async function deletePlaybookById(playbook: {
  id: string;
  name: string;
  open: number;
}): Promise<boolean> {
  try {
    const r = await callWorker('deletePlaybook', [{ id: playbook.id }]);
    toasts.show(
      'success',
      `${r.name} is deleted${playbook.open > 0 ? `; its ${tasks(playbook.open)} to do stay in the Inbox, shown as from “${DELETED_PLAYBOOK}”` : ''}.`,
    );
    return true;
  } catch (e) {
    toasts.show('error', `Deleting ${playbook.name} failed: ${failure(e)}`);
    return false;
  }
}

/** Puts back the shipped playbooks that were deleted or edited, and says which. */
export async function restoreShippedPlaybooks(): Promise<boolean> {
  try {
    const r = await callWorker('restoreDefaultPlaybooks', [{ today: todayDay() }]);
    toasts.show(
      'success',
      r.restored.length === 0
        ? 'The shipped playbooks are all in place; nothing was changed.'
        : `Restored ${r.restored.map((p) => `${p.name} (${p.was})`).join(', ')}: ${createdWords(r.created, r.createdAll, true, true)}.`,
    );
    return true;
  } catch (e) {
    toasts.show('error', `Restoring the shipped playbooks failed: ${failure(e)}`);
    return false;
  }
}

/** Downloads every playbook as the JSON document the CLI's `--playbooks` reads. */
export async function downloadPlaybooks(): Promise<void> {
  try {
    const doc = await callWorker('exportPlaybooks', []);
    const text = `${JSON.stringify(doc, null, 2)}\n`;
    saveBytes(
      `canary-playbooks-${dayToIso(todayDay())}.json`,
      'application/json',
      new TextEncoder().encode(text),
    );
    toasts.show('success', `Downloaded ${doc.playbooks.length} playbooks as JSON.`);
  } catch (e) {
    toasts.show('error', `Downloading the playbooks failed: ${failure(e)}`);
  }
}

/** Checks a playbooks file in the worker: its problems by path, or what it would add and replace. */
export async function checkPlaybooksFile(file: File): Promise<PlaybooksFileCheck> {
  return callWorker('checkPlaybooksFile', [{ text: await file.text() }]);
}

/** Loads a checked playbooks file (all or nothing) and says what it did. */
export async function loadPlaybooksFile(file: File): Promise<boolean> {
  try {
    const r = await callWorker('loadPlaybooksFile', [
      { text: await file.text(), today: todayDay() },
    ]);
    if (!r.ok) {
      toasts.show(
        'error',
        `Nothing was loaded: ${r.errors
          .slice(0, 3)
          .map((e) => `${e.path}: ${e.message}`)
          .join('; ')}`,
      );
      return false;
    }
    toasts.show(
      'success',
      `Loaded ${file.name}: ${r.adds.length} added, ${r.replaces.filter((p) => !p.same).length} replaced, ${r.replaces.filter((p) => p.same).length} unchanged; ${createdWords(r.created, r.createdAll, true, true)}.`,
    );
    return true;
  } catch (e) {
    toasts.show('error', `Loading ${file.name} failed: ${failure(e)}`);
    return false;
  }
}
