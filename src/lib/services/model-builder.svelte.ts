// The model builder's state: the draft being edited (a copy of the active model), its
// validation, the saved versions, what the book holds (metrics, attributes, segments, accounts
// for the example picker) and the live preview computed in the worker.
import { DEFAULT_MODEL, parseModel, type ModelDocument, type ModelError } from '$lib/engine';
import { BUILT_IN_ATTRIBUTES } from '$lib/engine/model/schema';
import {
  ACTIVE_MODEL_SETTING,
  getDb,
  getSetting,
  watchQuery,
  type ModelVersionRecord,
  listAccounts,
  listMetricNames,
  listModelVersions,
} from '$lib/db';
import type { PreviewExample } from '$lib/worker/ops/preview-examples';
import type { PreviewModelResult } from '$lib/worker/ops/preview-model';
import { previewDraft } from './model.service';
import { checkAgainstBook, indexErrors, type BookVocabulary } from '$lib/state/model-checks';
import { versionEntries } from '$lib/state/model-diff';
import { onActiveModelChange, type ModelDraft } from '$lib/state/model-draft';

const PREVIEW_DELAY_MS = 250;

interface Snapshot {
  activeKey: string | null;
  versions: ModelVersionRecord[];
  metrics: string[];
  accounts: { id: string; name: string; segment: string | null }[];
  attributes: string[];
}

function parsedOrNull(doc: unknown): ModelDocument | null {
  const r = parseModel(doc);
  return r.ok ? r.model : null;
}

type PreviewOk = Extract<PreviewModelResult, { ok: true }>;

class ModelBuilderState {
  loaded = $state(false);
  /** The draft being edited; null until the active model is known. */
  draft = $state<ModelDraft | null>(null);
  /** The saved document the draft started from. */
  base = $state.raw<ModelDocument | null>(null);
  activeKey = $state<string | null>(null);
  /** Set when the active model changed elsewhere while this draft had unsaved changes. */
  activeChangedElsewhere = $state(false);
  records = $state.raw<ModelVersionRecord[]>([]);
  accounts = $state.raw<Snapshot['accounts']>([]);
  vocabulary = $state.raw<BookVocabulary>({ metrics: [], attributes: [], segments: [] });
  saving = $state(false);

  draftJson = $derived(this.draft ? JSON.stringify(this.draft) : '');
  dirty = $derived(
    this.draft !== null && this.base !== null && this.draftJson !== JSON.stringify(this.base),
  );
  parsed = $derived(this.draftJson ? parseModel(JSON.parse(this.draftJson)) : null);
  bookChecks = $derived(
    this.draft ? checkAgainstBook(this.draft, this.vocabulary) : { errors: [], warnings: [] },
  );
  errors = $derived<ModelError[]>([
    ...(this.parsed && !this.parsed.ok ? this.parsed.errors : []),
    ...this.bookChecks.errors,
  ]);
  errorIndex = $derived(indexErrors(this.errors));
  warningIndex = $derived(indexErrors(this.bookChecks.warnings));
  versions = $derived(versionEntries(this.records, parsedOrNull));
  nextVersion = $derived(
    this.records
      .filter((r) => r.modelId === this.draft?.id)
      .reduce((max, r) => Math.max(max, r.version), 0) + 1,
  );

  /** The examples to preview; null = the worker's defaults (healthiest and latest churns). */
  examples = $state.raw<PreviewExample[] | null>(null);
  preview = $state.raw<PreviewOk | null>(null);
  previewPending = $state(false);
  previewError = $state<string | null>(null);
  #previewTimer: ReturnType<typeof setTimeout> | null = null;
  #previewSeq = 0;
  #unsubscribe: (() => void) | null = null;

  /** Starts watching models, the active key and the book's vocabulary; returns a stop function. */
  connect(): () => void {
    const db = getDb();
    const sub = watchQuery<Snapshot>(async () => {
      const [activeKey, versions, metrics, accounts] = await Promise.all([
        getSetting<string>(db, ACTIVE_MODEL_SETTING),
        listModelVersions(db),
        listMetricNames(db),
        listAccounts(db),
      ]);
      const custom = [...new Set(accounts.flatMap((a) => Object.keys(a.attributes ?? {})))];
      return {
        activeKey: activeKey ?? null,
        versions,
        metrics,
        accounts: accounts.map((a) => ({ id: a.id, name: a.name || a.id, segment: a.segment })),
        attributes: [...BUILT_IN_ATTRIBUTES, ...custom.sort()],
      };
    }).subscribe({
      next: (s) => this.#apply(s),
      error: (e) => console.error('Model builder query failed', e),
    });
    this.#unsubscribe = () => sub.unsubscribe();
    return () => {
      this.#unsubscribe?.();
      this.#unsubscribe = null;
      if (this.#previewTimer) clearTimeout(this.#previewTimer);
    };
  }

  #apply(s: Snapshot): void {
    this.records = s.versions;
    this.accounts = s.accounts;
    const segments = [...new Set(s.accounts.map((a) => a.segment).filter((x): x is string => !!x))];
    this.vocabulary = { metrics: s.metrics, attributes: s.attributes, segments: segments.sort() };
    const active = s.versions.find((v) => v.key === s.activeKey) ?? null;
    const activeModel = active ? parsedOrNull(active.document) : null;
    if (s.activeKey !== this.activeKey) {
      this.activeKey = s.activeKey;
      // A proposal put in the draft while the default model was being saved as version 1 stays.
      const what = activeModel ? onActiveModelChange(this.draft, this.base, activeModel) : null;
      if (what === 'reset') this.#reset(activeModel!);
      else if (what === 'keep') this.base = activeModel;
      else if (what === 'warn' || (!activeModel && this.dirty)) this.activeChangedElsewhere = true;
    } else if (!this.draft && activeModel) {
      this.#reset(activeModel);
    }
    // After "Erase all data" there is no model at all: start from the default (the first
    // preview or rescore saves it as version 1).
    if (!this.draft && s.activeKey === null && s.versions.length === 0) this.#reset(DEFAULT_MODEL);
    this.loaded = s.activeKey !== null || s.versions.length > 0 || this.loaded;
  }

  #reset(model: ModelDocument): void {
    this.base = model;
    this.draft = structuredClone(model);
    this.activeChangedElsewhere = false;
  }

  /** The saved active model document, if it is valid. */
  get activeModel(): ModelDocument | null {
    const r = this.records.find((v) => v.key === this.activeKey);
    return r ? parsedOrNull(r.document) : null;
  }

  /** Throws the draft away and starts again from the active model. */
  discard(): void {
    const active = this.activeModel;
    if (active) this.#reset(active);
  }

  /** Replaces the draft's content (a preset or an imported file); the save makes it a version. */
  replaceDraft(model: ModelDocument, keepId: boolean): void {
    const next = structuredClone(model);
    if (keepId && this.draft) next.id = this.draft.id;
    this.draft = next;
  }

  /** After a successful save: the saved document becomes the base of a clean draft. */
  markSaved(record: ModelVersionRecord): void {
    const model = parsedOrNull(record.document);
    this.activeKey = record.key;
    if (model) this.#reset(model);
  }

  /** Adds an account to the preview examples (keeping the current ones). */
  addExample(accountId: string): void {
    const current = this.examples ?? this.preview?.examples.map(toExample) ?? [];
    if (current.some((e) => e.accountId === accountId)) return;
    this.examples = [...current, { accountId, role: 'picked', churnDay: null }];
  }

  /** Removes an account from the preview examples. */
  removeExample(accountId: string): void {
    const current = this.examples ?? this.preview?.examples.map(toExample) ?? [];
    this.examples = current.filter((e) => e.accountId !== accountId);
  }

  /** Back to the default examples. */
  resetExamples(): void {
    this.examples = null;
  }

  /** Recomputes the preview ~250 ms after the last edit; stale answers are dropped. */
  schedulePreview(): void {
    if (this.#previewTimer) clearTimeout(this.#previewTimer);
    if (!this.parsed?.ok || this.errors.length > 0) {
      this.previewPending = false;
      return;
    }
    const draft = this.parsed.model;
    const examples = this.examples;
    this.previewPending = true;
    this.#previewTimer = setTimeout(() => void this.#runPreview(draft, examples), PREVIEW_DELAY_MS);
  }

  async #runPreview(draft: ModelDocument, examples: PreviewExample[] | null): Promise<void> {
    const seq = ++this.#previewSeq;
    try {
      const result = await previewDraft(draft, examples);
      if (seq !== this.#previewSeq) return;
      if (result.ok) {
        this.preview = result;
        this.previewError = null;
      } else {
        this.previewError = `The worker rejected the draft: ${result.errors[0]?.path}: ${result.errors[0]?.message}`;
      }
    } catch (e) {
      if (seq === this.#previewSeq) this.previewError = e instanceof Error ? e.message : String(e);
    } finally {
      if (seq === this.#previewSeq) this.previewPending = false;
    }
  }
}

function toExample(e: PreviewExample): PreviewExample {
  return { accountId: e.accountId, role: e.role, churnDay: e.churnDay };
}

/** The one model builder state. */
export const modelBuilder = new ModelBuilderState();
