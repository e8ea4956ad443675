// User actions of the changes page and the digest: build the list and the digest in the worker
// for a period, and download the digest as a self-contained HTML or Markdown file.
import { todayDay } from '$lib/engine/dates';
import type { Digest } from '$lib/engine/changes';
import { callWorker } from '$lib/worker/client';
import { changesState } from '$lib/state/changes.svelte';
import { digestFile, type ChangesQuery } from '$lib/state/changes-view';
import { toasts } from '$lib/state/toasts.svelte';

/** Builds the change list and digest for `query` in the worker (reads only) into changesState. */
export async function loadChanges(query: ChangesQuery): Promise<void> {
  const ticket = changesState.begin();
  try {
    const data = await callWorker('changes', [
      { today: todayDay(), period: query.period, minPoints: query.minPoints },
    ]);
    changesState.settle(ticket, { data });
  } catch (e) {
    changesState.settle(ticket, { error: e instanceof Error ? e.message : String(e) });
  }
}

/** Saves the digest as a file (HTML opens in any browser and prints; Markdown pastes into notes). */
export function downloadDigest(digest: Digest, kind: 'html' | 'md'): void {
  const file = digestFile(digest, kind);
  const url = URL.createObjectURL(
    new Blob([file.text], { type: `${file.mimeType};charset=utf-8` }),
  );
  const a = document.createElement('a');
  a.href = url;
  a.download = file.name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  toasts.show('success', `Saved ${file.name}.`);
}
