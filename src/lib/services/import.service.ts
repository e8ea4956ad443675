// User actions of the import page: open a file, validate a mapping, apply it, undo an import,
// save a mapping preset. Parsing and writing run in the worker (the File itself is handed over,
// never read on this thread); long steps go through bookStatus for progress and Cancel.
import type { OutcomeKind } from '$lib/engine/types';
import { getDb, getSetting, latestImport, setSetting, type ImportRecord } from '$lib/db';
import { createPreset, presetSchema, type MappingPreset } from '$lib/import/presets';
import type { ImportMapping } from '$lib/import/mapping';
import type { LookupNeed } from '$lib/import/presets';
import { callWorker, WorkerError } from '$lib/worker/client';
import type { ImportSource } from '$lib/worker/ops/import-source';
import type { ImportRequest } from '$lib/worker/ops/import-plan';
import type { OpenedCsv, OpenedZip } from '$lib/worker/ops/import-open';
import type { ImportValidation } from '$lib/worker/ops/import-validate';
import { bookStatus } from '$lib/state/book-status.svelte';
import { toasts } from '$lib/state/toasts.svelte';
import { rescoreBook, runChange } from './book.service';
import type { Changed } from '$lib/worker/ops/then-rescore';
import { todayDay } from '$lib/engine/dates';
import { formatInteger } from '$lib/format';

/** Settings key of the user's saved mapping presets (the worker's import-presets.ts reads the same key). */
export const IMPORT_PRESETS_SETTING = 'importPresets';

/** A failed step, as the page shows it: cancelled (nothing changed) or a message. */
export type StepFailure = { cancelled: true } | { cancelled: false; message: string };

/** The result of a step: its value, or why it failed. */
export type StepResult<T> = { ok: true; value: T } | { ok: false; failure: StepFailure };

function failureOf(e: unknown): StepFailure {
  if (e instanceof DOMException && e.name === 'AbortError') return { cancelled: true };
  if (e instanceof WorkerError && e.type === 'InputError') {
    return { cancelled: false, message: e.message };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { cancelled: false, message: `Something went wrong: ${message}` };
}

/** A worker call, given the step's Cancel signal and its progress callback. */
type WorkerCall<R> = (
  signal: AbortSignal,
  onProgress: (p: { fraction: number; label: string }) => void,
) => Promise<R>;

/** Runs `run` (the worker call, as a book operation) and reports how it ended. */
async function settle<T>(run: () => Promise<T>): Promise<StepResult<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    return { ok: false, failure: failureOf(e) };
  }
}

/** Runs one worker step through bookStatus (progress, Cancel) and reports how it ended. */
export function step<T>(label: string, work: WorkerCall<T>): Promise<StepResult<T>> {
  return settle(() => bookStatus.run(label, work));
}

/**
 * A step that changes the book: the worker writes and rescores in one call (`runChange`); the
 * value is the write's result.
 */
export function changeStep<T>(label: string, work: WorkerCall<Changed<T>>): Promise<StepResult<T>> {
  return settle(async () => (await runChange(label, work)).result);
}

/**
 * A cancelled import may have committed just before the worker was stopped (so its rescore did
 * not run): when the import log has an import started since `startedAt` and not undone, it is
 * rescored and announced with Undo; otherwise null (nothing was written).
 */
export async function finishedBeforeCancel(
  startedAt: number,
): Promise<StepResult<ImportRecord> | null> {
  const latest = await latestImport(getDb());
  if (latest && latest.at >= startedAt && latest.undoneAt === null) {
    return afterApply(latest, ' (it had finished before Cancel)');
  }
  return null;
}

/** Opens a picked file (or one CSV of a zip) in the worker for the mapping step. */
export function openImportSource(source: ImportSource): Promise<StepResult<OpenedCsv | OpenedZip>> {
  return step(`Reading ${source.entry ?? source.fileName}`, (signal, onProgress) =>
    callWorker('importOpen', [source], { signal, onProgress }),
  );
}

/** Checks every row against the mapping; writes nothing. */
export function validateImport(request: ImportRequest): Promise<StepResult<ImportValidation>> {
  return step('Checking every row', (signal, onProgress) =>
    callWorker('importValidate', [request], { signal, onProgress }),
  );
}

/**
 * The outcomes an import writes, by kind: renewals and churns always (so a one-sided import
 * shows "0 renewals"), expansions and contractions when there are any.
 */
export function describeOutcomes(counts: Partial<Record<OutcomeKind, number>>): string {
  const n = (k: OutcomeKind) => counts[k] ?? 0;
  const word = (v: number, one: string, many: string) =>
    `${formatInteger(v)} ${v === 1 ? one : many}`;
  const parts = [word(n('renewed'), 'renewal', 'renewals'), word(n('churned'), 'churn', 'churns')];
  if (n('expanded') > 0) parts.push(word(n('expanded'), 'expansion', 'expansions'));
  if (n('contracted') > 0) parts.push(word(n('contracted'), 'contraction', 'contractions'));
  return parts.join(', ');
}

/** One line saying what an import changed ("0 new points, 1,000 unchanged" on a re-import). */
export function describeImport(r: ImportRecord): string {
  const s = r.summary;
  const n = (x: number) => formatInteger(x);
  const parts = [`${n(s.pointsAdded)} new points`];
  if (s.pointsChanged > 0) parts.push(`${n(s.pointsChanged)} changed`);
  parts.push(`${n(s.pointsUnchanged)} unchanged`);
  if (s.accountsAdded + s.accountsUpdated > 0) {
    parts.push(`${n(s.accountsAdded)} accounts added, ${n(s.accountsUpdated)} updated`);
  }
  if (s.outcomesAdded + s.outcomesUpdated + s.outcomesUnchanged > 0) {
    const counts = `${n(s.outcomesAdded)} added, ${n(s.outcomesUpdated)} updated, ${n(s.outcomesUnchanged)} unchanged`;
    parts.push(
      s.outcomeKinds
        ? `outcomes ${describeOutcomes(s.outcomeKinds)} (${counts})`
        : `${n(s.outcomesAdded)} outcomes added, ${n(s.outcomesUpdated)} updated, ${n(s.outcomesUnchanged)} unchanged`,
    );
  }
  if (s.outcomesRemoved) {
    parts.push(
      `${n(s.outcomesRemoved)} inferred renewal${s.outcomesRemoved === 1 ? '' : 's'} removed (on or after a churn)`,
    );
  }
  if (r.skippedRows > 0) parts.push(`${n(r.skippedRows)} rows skipped`);
  return parts.join(', ');
}

/**
 * Applies the valid rows in one transaction, rescores, and toasts the counts with Undo. On a
 * cancel it checks the log: the worker may have committed just before it was stopped.
 */
export async function applyImportRequest(
  request: ImportRequest,
  mappingName: string | null,
): Promise<StepResult<ImportRecord>> {
  const startedAt = Date.now();
  const result = await changeStep('Importing', (signal, onProgress) =>
    callWorker('importApply', [{ ...request, mappingName, today: todayDay() }], {
      signal,
      onProgress,
    }),
  );
  if (!result.ok) {
    return (result.failure.cancelled && (await finishedBeforeCancel(startedAt))) || result;
  }
  return announceImport(result.value, '');
}

/**
 * After an import was written but its call was cancelled (it had committed before Cancel, so
 * its rescore did not run): rescores, then toasts its counts with Undo.
 */
export async function afterApply(
  record: ImportRecord,
  note: string,
): Promise<StepResult<ImportRecord>> {
  await rescoreBook('Updating scores');
  return announceImport(record, note);
}

/** Toasts an import's counts with Undo (its rescore has run). */
export function announceImport(record: ImportRecord, note: string): StepResult<ImportRecord> {
  toasts.show(
    'success',
    `Imported ${record.fileName}${note}: ${describeImport(record)}.`,
    { label: 'Undo', run: () => void undoImportById(record.id) },
    12_000,
  );
  return { ok: true, value: record };
}

/** Undoes one import as a whole and rescores; a blocking later import is named. */
export async function undoImportById(importId: number): Promise<StepResult<ImportRecord>> {
  const result = await changeStep('Undoing the import', (signal, onProgress) =>
    callWorker('importUndo', [{ importId, today: todayDay() }], { signal, onProgress }),
  );
  if (result.ok) {
    toasts.show('success', `Import #${importId} (${result.value.fileName}) undone.`);
  } else if (result.failure.cancelled) {
    toasts.show('info', 'Undo cancelled. Nothing was changed.');
  } else {
    toasts.show('error', result.failure.message);
  }
  return result;
}

/** The user's saved mapping presets. */
export async function loadSavedPresets(): Promise<MappingPreset[]> {
  const raw = await getSetting<unknown>(getDb(), IMPORT_PRESETS_SETTING);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((p) => {
    const parsed = presetSchema.safeParse(p);
    return parsed.success ? [parsed.data] : [];
  });
}

/** Saves the mapping as a named preset, offered again for files with these headers. */
export async function saveMappingPreset(
  name: string,
  headers: readonly string[],
  mapping: ImportMapping,
  lookups: LookupNeed[],
): Promise<MappingPreset> {
  const saved = await loadSavedPresets();
  // Random, not time-based: two presets saved in one millisecond (or under a fixed clock) differ.
  const id = `user-${crypto.randomUUID()}`;
  const preset = createPreset(id, name.trim(), headers, mapping, lookups);
  const others = saved.filter(
    (p) => p.name !== preset.name && p.fingerprint !== preset.fingerprint,
  );
  await setSetting(getDb(), IMPORT_PRESETS_SETTING, [preset, ...others]);
  toasts.show(
    'success',
    `Mapping saved as "${preset.name}". It will be offered for files with these columns.`,
  );
  return preset;
}
