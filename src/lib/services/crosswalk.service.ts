// User actions of the linked-ids (crosswalk) editor: link a source id to an account by hand,
// point a link at another account, delete a link — each confirmed with a toast that can undo
// it. Links only steer later imports; nothing already imported moves, so nothing is rescored.
import {
  deleteCrosswalkEntry,
  getDb,
  linkSourceId,
  repointSourceId,
  type CrosswalkRecord,
  type CrosswalkWriteResult,
} from '$lib/db';
import { crosswalkEditor } from '$lib/state/crosswalk-editor.svelte';
import { sourceLabel } from '$lib/state/crosswalk-view';
import { toasts } from '$lib/state/toasts.svelte';

/** The result of an editor action: done, or a message for the field it concerns. */
export type LinkActionResult = { ok: true } | LinkActionFailure;

/** Why an editor action was not done, and the field the message belongs beside (null = none). */
export interface LinkActionFailure {
  ok: false;
  field: 'sourceId' | 'account' | null;
  message: string;
}

function idText(entry: Pick<CrosswalkRecord, 'source' | 'sourceId'>): string {
  return `${sourceLabel(entry.source)} id ${entry.sourceId}`;
}

function failureMessage(e: unknown, action: string): string {
  return `${action} failed: ${e instanceof Error ? e.message : String(e)}`;
}

function failure(e: unknown, action: string): LinkActionFailure {
  return { ok: false, field: null, message: failureMessage(e, action) };
}

function refused(
  result: Extract<CrosswalkWriteResult, { ok: false }>,
  entry: CrosswalkRecord,
): LinkActionFailure {
  if (result.reason === 'no-account') {
    return {
      ok: false,
      field: 'account',
      message: 'That account no longer exists. Pick another one.',
    };
  }
  if (result.reason === 'taken') {
    const to = crosswalkEditor.accountName(result.accountId ?? '');
    return {
      ok: false,
      field: 'sourceId',
      message: `${idText(entry)} is already linked to ${to}. Change that link instead.`,
    };
  }
  return {
    ok: false,
    field: null,
    message: `${idText(entry)} is no longer linked (deleted in another tab?).`,
  };
}

/** Links a source id to an account by hand; the toast offers Undo. */
export async function addLink(entry: CrosswalkRecord): Promise<LinkActionResult> {
  let result: CrosswalkWriteResult;
  try {
    result = await linkSourceId(getDb(), entry);
  } catch (e) {
    return failure(e, 'Adding the link');
  }
  if (!result.ok) return refused(result, entry);
  toasts.show(
    'success',
    `${idText(entry)} linked to ${crosswalkEditor.accountName(entry.accountId)}. Later imports use it.`,
    { label: 'Undo', run: () => void undoAdd(entry) },
    10_000,
  );
  return { ok: true };
}

async function undoAdd(entry: CrosswalkRecord): Promise<void> {
  try {
    await deleteCrosswalkEntry(getDb(), entry.source, entry.sourceId);
    toasts.show('success', `Link of ${idText(entry)} removed.`);
  } catch (e) {
    toasts.show('error', failureMessage(e, 'Undoing the link'));
  }
}

/** Points a link at another account; the toast offers Undo (back to the previous account). */
export async function repointLink(
  entry: CrosswalkRecord,
  accountId: string,
): Promise<LinkActionResult> {
  if (accountId === entry.accountId) return { ok: true };
  let result: CrosswalkWriteResult;
  try {
    result = await repointSourceId(getDb(), entry.source, entry.sourceId, accountId);
  } catch (e) {
    return failure(e, 'Changing the link');
  }
  if (!result.ok) return refused(result, { ...entry, accountId });
  toasts.show(
    'success',
    `${idText(entry)} now points to ${crosswalkEditor.accountName(accountId)}. Later imports use it.`,
    { label: 'Undo', run: () => void undoRepoint(entry) },
    10_000,
  );
  return { ok: true };
}

async function undoRepoint(before: CrosswalkRecord): Promise<void> {
  try {
    const result = await repointSourceId(getDb(), before.source, before.sourceId, before.accountId);
    if (result.ok) {
      toasts.show(
        'success',
        `${idText(before)} points to ${crosswalkEditor.accountName(before.accountId)} again.`,
      );
    } else {
      toasts.show('error', `Could not undo: ${refused(result, before).message}`);
    }
  } catch (e) {
    toasts.show('error', failureMessage(e, 'Undoing the change'));
  }
}

/** Deletes a link; the toast offers Undo (the link is added back). */
export async function deleteLink(entry: CrosswalkRecord): Promise<LinkActionResult> {
  try {
    await deleteCrosswalkEntry(getDb(), entry.source, entry.sourceId);
  } catch (e) {
    return failure(e, 'Deleting the link');
  }
  toasts.show(
    'success',
    `Link deleted: ${idText(entry)} → ${crosswalkEditor.accountName(entry.accountId)}.`,
    { label: 'Undo', run: () => void undoDelete(entry) },
    12_000,
  );
  return { ok: true };
}

async function undoDelete(entry: CrosswalkRecord): Promise<void> {
  try {
    const result = await linkSourceId(getDb(), entry);
    if (result.ok) {
      toasts.show(
        'success',
        `${idText(entry)} linked to ${crosswalkEditor.accountName(entry.accountId)} again.`,
      );
    } else {
      toasts.show('error', `Could not undo: ${refused(result, entry).message}`);
    }
  } catch (e) {
    toasts.show('error', failureMessage(e, 'Undoing the delete'));
  }
}
