// User actions of the model builder: preview a draft in the worker, save it as a new version
// (activate it and rescore the book), revert to an old version, import and export model JSON.
import { parseModel, type ModelDocument, type ModelError } from '$lib/engine';
import { todayDay } from '$lib/engine/dates';
import { getDb, listModelVersions, type ModelVersionRecord } from '$lib/db';
import { callWorker, type Progress } from '$lib/worker/client';
import type { PreviewExample } from '$lib/worker/ops/preview-examples';
import type { PreviewModelResult } from '$lib/worker/ops/preview-model';
import type { DataProposal, ProposeRequest } from '$lib/worker/ops/propose-model';
import { toasts } from '$lib/state/toasts.svelte';
import { runChange } from './book.service';

/** The version number the next save of `modelId` gets (max saved + 1). */
export async function nextVersionOf(modelId: string): Promise<number> {
  const versions = await listModelVersions(getDb(), modelId);
  return versions.reduce((max, v) => Math.max(max, v.version), 0) + 1;
}

async function saveAsNewVersion(
  document: ModelDocument,
  verb: string,
): Promise<ModelVersionRecord> {
  const { result: record } = await runChange(`Saving ${document.name}`, (signal, onProgress) =>
    callWorker('modelSave', [{ document, today: todayDay() }], { signal, onProgress }),
  );
  toasts.show(
    'success',
    `${verb} ${document.name} as version ${record.version}; it is now active and the book is rescored.`,
  );
  return record;
}

/** Validates a draft and saves it as the next version of its model id, active and rescored. */
export async function saveModelDraft(
  draft: unknown,
): Promise<{ ok: true; record: ModelVersionRecord } | { ok: false; errors: ModelError[] }> {
  const parsed = parseModel(draft);
  if (!parsed.ok) {
    toasts.show('error', `The model has ${parsed.errors.length} problem(s); nothing was saved.`);
    return parsed;
  }
  try {
    return { ok: true, record: await saveAsNewVersion(parsed.model, 'Saved') };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    toasts.show('error', `Saving the model failed: ${message}`);
    return { ok: false, errors: [{ path: '(document)', message }] };
  }
}

/** Saves an old version's document again as the newest version (history is never rewritten). */
export async function revertToVersion(
  record: ModelVersionRecord,
): Promise<ModelVersionRecord | null> {
  const parsed = parseModel(record.document);
  if (!parsed.ok) {
    toasts.show(
      'error',
      `Version ${record.version} is not a valid model any more; nothing was saved.`,
    );
    return null;
  }
  try {
    return await saveAsNewVersion(parsed.model, `Reverted to version ${record.version}: saved`);
  } catch (e) {
    toasts.show('error', `Reverting failed: ${e instanceof Error ? e.message : String(e)}`);
    return null;
  }
}

/** Reads and validates a model JSON file; invalid JSON or documents come back as errors. */
export async function readModelFile(
  file: File,
): Promise<{ ok: true; model: ModelDocument } | { ok: false; errors: ModelError[] }> {
  let json: unknown;
  try {
    json = JSON.parse(await file.text());
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      errors: [{ path: '(file)', message: `${file.name} is not valid JSON: ${detail}` }],
    };
  }
  return parseModel(json);
}

/** A file name for a model export: `acme-health-v3.json`. */
export function exportFileName(model: Pick<ModelDocument, 'id' | 'version'>): string {
  return `${model.id}-v${model.version}.json`;
}

/** Downloads a model document as pretty-printed JSON. */
export function downloadModel(model: ModelDocument): void {
  downloadText(`${JSON.stringify(model, null, 2)}\n`, 'application/json', exportFileName(model));
}

/** Downloads a model as one SQL query (DuckDB or PostgreSQL) that scores as the engine does. */
export async function downloadModelSql(
  model: ModelDocument,
  dialect: 'duckdb' | 'postgres',
): Promise<void> {
  // Loaded on demand: the SQL writer is not part of the builder's first load.
  const { modelSqlFile } = await import('$lib/warehouse/export');
  try {
    const file = modelSqlFile(model, dialect);
    downloadText(file.text, 'application/sql', file.name);
  } catch (e) {
    toasts.show('error', `This model cannot be written as SQL: ${(e as Error).message}`);
  }
}

function downloadText(text: string, type: string, name: string): void {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Scores the book with a draft (and the saved model) in the worker, each as of its scoring day. */
export function previewDraft(
  draft: unknown,
  examples: PreviewExample[] | null,
): Promise<PreviewModelResult> {
  return callWorker('previewModel', [{ draft, today: todayDay(), examples }]);
}

/** Proposes a model from the book's own data in the worker (fitted and tested when it can). */
export function proposeInWorker(
  request: ProposeRequest,
  signal: AbortSignal,
  onProgress: (p: Progress) => void,
): Promise<DataProposal> {
  return callWorker('proposeFromData', [request], { signal, onProgress });
}
