// Editing the playbooks from the Playbooks page: save one (edited or new), delete one, restore
// the shipped ones, download them all, and load a file of them. Every document is validated
// with the engine's schema (parsePlaybooks) before anything is stored; a problem comes back
// with its path ("trigger.hysteresis", "[2].action.title") and nothing is written. A playbook
// whose trigger, conditions or "for N days" changed forgets its per-account state, so it is
// evaluated afresh; after every change the playbooks are evaluated as of today and the result
// says how many tasks that created. Existing tasks are never deleted or changed.
import {
  DEFAULT_PLAYBOOKS,
  parsePlaybooks,
  type Playbook,
  type PlaybookError,
} from '../../engine/plays';
import type { DayNumber } from '../../engine/types';
import { deletePlaybook, getDb, getPlaybookRecord, storePlaybooks, type CanaryDb } from '../../db';
import { InputError } from '../errors';
import evaluatePlaybooks, { activePlaybooks } from './evaluate-playbooks';

/** What an evaluation after a change created. */
export interface PlaybookEvaluated {
  /** Tasks the changed playbooks created today. */
  created: number;
  /** Tasks every playbook created in the evaluation (others may have been due too). */
  createdAll: number;
}

export type PlaybookSaveResult =
  | ({ ok: true; id: string; name: string; added: boolean; forgotten: boolean } & PlaybookEvaluated)
  | { ok: false; errors: PlaybookError[] };

export interface PlaybookSaveRequest {
  /** "add": a new playbook (its id must be free); "edit": replaces the playbook `playbook.id`. */
  mode: 'add' | 'edit';
  /** The document as the form built it (validated here). */
  playbook: unknown;
  today: DayNumber;
}

/** The fields that decide when a playbook holds: a change to any of them restarts its state. */
function evaluationKey(p: Playbook): string {
  return canonicalJson({ trigger: p.trigger, conditions: p.conditions, forDays: p.forDays });
}

/** JSON with object keys sorted, so two equal documents give the same text. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b)),
        )
      : v,
  );
}

/** One document through the schema; paths without the list's "[0]." prefix. */
function parseOne(
  input: unknown,
): { ok: true; playbook: Playbook } | { ok: false; errors: PlaybookError[] } {
  const r = parsePlaybooks([input]);
  if (r.ok) return { ok: true, playbook: r.playbooks[0] };
  return {
    ok: false,
    errors: r.errors.map((e) => ({
      path: e.path.replace(/^\[0\]\.?/, '') || '(top)',
      message: e.message,
    })),
  };
}

/** The stored document of a playbook, parsed (undefined when missing or invalid). */
async function storedPlaybook(db: CanaryDb, id: string): Promise<Playbook | undefined> {
  const record = await getPlaybookRecord(db, id);
  if (!record) return undefined;
  const r = parsePlaybooks([record.definition]);
  return r.ok ? { ...r.playbooks[0], enabled: record.enabled } : undefined;
}

async function evaluateFor(ids: readonly string[], today: DayNumber): Promise<PlaybookEvaluated> {
  const summary = await evaluatePlaybooks({ today });
  return {
    created: ids.reduce((n, id) => n + (summary.createdBy[id] ?? 0), 0),
    createdAll: summary.created,
  };
}

/** Saves one playbook (validated; nothing stored on a problem) and evaluates as of today. */
export async function savePlaybook(request: PlaybookSaveRequest): Promise<PlaybookSaveResult> {
  const db = getDb();
  await activePlaybooks(db); // seeds the defaults on a first use
  const parsed = parseOne(request.playbook);
  if (!parsed.ok) return parsed;
  const next = parsed.playbook;
  const before = await storedPlaybook(db, next.id);
  const exists = (await getPlaybookRecord(db, next.id)) !== undefined;
  if (request.mode === 'add' && exists)
    return {
      ok: false,
      errors: [{ path: 'id', message: `a playbook with the id "${next.id}" exists already` }],
    };
  if (request.mode === 'edit' && !exists)
    throw new InputError(`There is no playbook "${next.id}" (it may have been deleted)`);
  // An edit keeps the playbook's on/off switch; a new one follows its document (on by default).
  const stored: Playbook = before ? { ...next, enabled: before.enabled } : next;
  const forgotten = before !== undefined && evaluationKey(before) !== evaluationKey(stored);
  try {
    await storePlaybooks(
      db,
      {
        definitions: [stored],
        forget: forgotten || !before ? [stored.id] : [],
        onlyIfAbsent: request.mode === 'add',
      },
      Date.now(),
    );
  } catch (e) {
    if (e instanceof RangeError) return { ok: false, errors: [{ path: 'id', message: e.message }] };
    throw e;
  }
  const evaluated = stored.enabled
    ? await evaluateFor([stored.id], request.today)
    : { created: 0, createdAll: 0 };
  return {
    ok: true,
    id: stored.id,
    name: stored.name,
    added: request.mode === 'add',
    forgotten,
    ...evaluated,
  };
}

/** Deletes a playbook and its per-account state; its tasks stay. */
export async function deletePlaybookOp(request: {
  id: string;
}): Promise<{ id: string; name: string }> {
  const db = getDb();
  const before = await getPlaybookRecord(db, request.id);
  if (!before || !(await deletePlaybook(db, request.id)))
    throw new InputError(`There is no playbook "${request.id}"`);
  const name = (before.definition as { name?: unknown }).name;
  return { id: request.id, name: typeof name === 'string' ? name : request.id };
}

export interface PlaybooksRestoreResult extends PlaybookEvaluated {
  /** Defaults put back because they were deleted, and because they had been edited. */
  restored: { id: string; name: string; was: 'deleted' | 'edited' }[];
}

/**
 * Puts back every shipped playbook that was deleted or edited (compared without its on/off
 * switch). A deleted one comes back on; an edited one keeps its switch. Playbooks the user added
 * stay. Restored ones forget their state when what decides them changed, then today is evaluated.
 */
export async function restoreDefaultPlaybooks(request: {
  today: DayNumber;
}): Promise<PlaybooksRestoreResult> {
  const db = getDb();
  await activePlaybooks(db);
  const restored: PlaybooksRestoreResult['restored'] = [];
  const definitions: Playbook[] = [];
  const forget: string[] = [];
  for (const d of DEFAULT_PLAYBOOKS) {
    const record = await getPlaybookRecord(db, d.id);
    if (!record) {
      restored.push({ id: d.id, name: d.name, was: 'deleted' });
      definitions.push(d);
      forget.push(d.id);
      continue;
    }
    const current = parsePlaybooks([record.definition]);
    const same =
      current.ok &&
      canonicalJson({ ...current.playbooks[0], enabled: d.enabled }) === canonicalJson(d);
    if (same) continue;
    restored.push({ id: d.id, name: d.name, was: 'edited' });
    definitions.push({ ...d, enabled: record.enabled });
    if (!current.ok || evaluationKey(current.playbooks[0]) !== evaluationKey(d)) forget.push(d.id);
  }
  if (definitions.length > 0) await storePlaybooks(db, { definitions, forget }, Date.now());
  const evaluated =
    definitions.length > 0
      ? await evaluateFor(
          definitions.map((d) => d.id),
          request.today,
        )
      : { created: 0, createdAll: 0 };
  return { restored, ...evaluated };
}

/** The playbooks as a document the CLI's --playbooks reads: `{ playbooks: [...] }`. */
export interface PlaybooksDocument {
  playbooks: Playbook[];
}

/** Every valid stored playbook, in the page's order, with its on/off switch. */
export async function exportPlaybooks(): Promise<PlaybooksDocument> {
  const { playbooks } = await activePlaybooks(getDb());
  return { playbooks };
}

export interface PlaybooksFilePlan {
  ok: true;
  /** Playbooks new to the app. */
  adds: { id: string; name: string }[];
  /** Playbooks that replace a stored one (same id); `same`: the document is unchanged. */
  replaces: { id: string; name: string; same: boolean }[];
}

export type PlaybooksFileCheck = PlaybooksFilePlan | { ok: false; errors: PlaybookError[] };

function readFile(
  text: string,
): { ok: true; playbooks: Playbook[] } | { ok: false; errors: PlaybookError[] } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return {
      ok: false,
      errors: [
        { path: '(file)', message: `not JSON: ${e instanceof Error ? e.message : String(e)}` },
      ],
    };
  }
  const r = parsePlaybooks(json);
  if (!r.ok) return r;
  if (r.playbooks.length === 0)
    return { ok: false, errors: [{ path: '(top)', message: 'the file holds no playbook' }] };
  return r;
}

async function planFile(db: CanaryDb, playbooks: readonly Playbook[]): Promise<PlaybooksFilePlan> {
  const plan: PlaybooksFilePlan = { ok: true, adds: [], replaces: [] };
  for (const p of playbooks) {
    const before = await storedPlaybook(db, p.id);
    const exists = before !== undefined || (await getPlaybookRecord(db, p.id)) !== undefined;
    if (!exists) plan.adds.push({ id: p.id, name: p.name });
    else
      plan.replaces.push({
        id: p.id,
        name: p.name,
        same: before !== undefined && canonicalJson(before) === canonicalJson(p),
      });
  }
  return plan;
}

/** Checks a playbooks file (every problem with its path) and says what loading it would do. */
export async function checkPlaybooksFile(request: { text: string }): Promise<PlaybooksFileCheck> {
  const db = getDb();
  await activePlaybooks(db);
  const r = readFile(request.text);
  if (!r.ok) return r;
  return planFile(db, r.playbooks);
}

export type PlaybooksFileLoad =
  (PlaybooksFilePlan & PlaybookEvaluated) | { ok: false; errors: PlaybookError[] };

/**
 * Loads a playbooks file: all of it in one transaction, or nothing when any playbook has a
 * problem. Playbooks not in the file stay. Then today is evaluated.
 */
export async function loadPlaybooksFile(request: {
  text: string;
  today: DayNumber;
}): Promise<PlaybooksFileLoad> {
  const db = getDb();
  await activePlaybooks(db);
  const r = readFile(request.text);
  if (!r.ok) return r;
  const plan = await planFile(db, r.playbooks);
  const forget: string[] = [];
  for (const p of r.playbooks) {
    const before = await storedPlaybook(db, p.id);
    if (!before || evaluationKey(before) !== evaluationKey(p)) forget.push(p.id);
  }
  await storePlaybooks(db, { definitions: r.playbooks, forget }, Date.now());
  const evaluated = await evaluateFor(
    r.playbooks.map((p) => p.id),
    request.today,
  );
  return { ...plan, ...evaluated };
}
