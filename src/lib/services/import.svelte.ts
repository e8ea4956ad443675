// The import wizard: the files picked, the step shown (choose → zip entry → mapping → summary),
// the mapping being edited, and the live import history. The work itself runs in the worker
// through import.service.ts; this class only holds what the page shows.
import { getDb, listImports, watchQuery, type ImportRecord } from '$lib/db';
import type { ImportKind, ImportMapping } from '$lib/import/mapping';
import type { LookupNeed, MappingPreset } from '$lib/import/presets';
import {
  applyImportRequest,
  loadSavedPresets,
  openImportSource,
  saveMappingPreset,
  validateImport,
  type StepFailure,
} from './import.service';
import type { OpenedCsv } from '$lib/worker/ops/import-open';
import type { ImportRequest } from '$lib/worker/ops/import-plan';
import type { ImportSource } from '$lib/worker/ops/import-source';
import type { ImportValidation } from '$lib/worker/ops/import-validate';
import { recognizeVendorHeaders } from './vendor-import.service';
import { vendorImport } from './vendor-import.svelte';
import {
  changeKind,
  mappingProblems,
  openQuestions,
  snapshotOutcomeQuestion,
} from '$lib/state/import-mapping';

/** The wizard's steps ('vendor': a recognised vendor file on the crosswalk path). */
export type ImportStep = 'choose' | 'zip' | 'map' | 'summary' | 'vendor';

/** A file the user picked, with the zip entry chosen from it (if any). */
export interface PickedFile {
  file: File;
  entry: string | null;
}

const SPREADSHEET = /\.(xlsx|xlsm|xls|ods)$/i;

class ImportWizard {
  step = $state<ImportStep>('choose');
  files = $state.raw<File[]>([]);
  current = $state.raw<PickedFile | null>(null);
  zipEntries = $state.raw<{ name: string; size: number }[]>([]);
  opened = $state.raw<OpenedCsv | null>(null);
  mapping = $state<ImportMapping | null>(null);
  mappingName = $state<string | null>(null);
  lookupNeeds = $state.raw<LookupNeed[]>([]);
  /** Chosen lookup file per need name (index into `files`). */
  lookupFiles = $state<Record<string, number>>({});
  unknownAccounts = $state<'error' | 'create'>('error');
  validation = $state.raw<ImportValidation | null>(null);
  /** The message of the last failed step (shown beside it), or a cancel notice. */
  problem = $state<string | null>(null);
  working = $state(false);
  history = $state.raw<ImportRecord[]>([]);
  savedPresets = $state.raw<MappingPreset[]>([]);
  /** Import id → the last result of an import done in this visit (for the summary). */
  lastImport = $state.raw<ImportRecord | null>(null);
  /** What the check said about the last import's outcomes (renewals inferred, or why none). */
  lastOutcomeNotes = $state.raw<string[]>([]);

  questions = $derived(
    this.opened && this.mapping
      ? openQuestions(this.opened.questions, this.mapping, this.opened.profiles)
      : [],
  );
  /** A snapshot's outcome column: what it means and when it was observed (asked, never guessed). */
  outcomeQuestion = $derived(
    this.mapping ? snapshotOutcomeQuestion(this.mapping, this.opened?.profiles ?? []) : null,
  );
  problems = $derived(this.mapping ? mappingProblems(this.mapping) : []);
  #stopHistory: (() => void) | null = null;

  /** Starts the live import history; returns the stop function. */
  connect(): () => void {
    const sub = watchQuery(() => listImports(getDb())).subscribe({
      next: (records) => (this.history = records),
      error: (e) => console.error('Import history query failed', e),
    });
    this.#stopHistory = () => sub.unsubscribe();
    void loadSavedPresets().then((p) => (this.savedPresets = p));
    return () => this.#stopHistory?.();
  }

  #fail(f: StepFailure): void {
    this.problem = f.cancelled ? 'Cancelled. Nothing was changed.' : f.message;
  }

  /** Takes newly picked files and opens the first. */
  async pick(files: File[]): Promise<void> {
    if (files.length === 0) return;
    this.files = files;
    await this.openFile(0);
  }

  /** Starts over with the file at `index` of the picked files. */
  async openFile(index: number): Promise<void> {
    const file = this.files[index];
    if (!file) return;
    this.reset(false);
    this.current = { file, entry: null };
    await this.#open();
  }

  /** Opens one CSV entry of the current zip. */
  async openEntry(entry: string): Promise<void> {
    if (!this.current) return;
    this.current = { ...this.current, entry };
    await this.#open();
  }

  #source(p: PickedFile): ImportSource {
    return { file: p.file, fileName: p.file.name, entry: p.entry };
  }

  async #open(): Promise<void> {
    const current = this.current!;
    this.problem = null;
    this.working = true;
    const result = await openImportSource(this.#source(current));
    this.working = false;
    if (!result.ok) {
      this.#fail(result.failure);
      if (!current.entry) this.step = 'choose';
      return;
    }
    const opened = result.value;
    if (opened.kind === 'zip') {
      this.zipEntries = opened.entries;
      this.step = 'zip';
      return;
    }
    this.opened = opened;
    this.mapping = structuredClone(opened.mapping);
    this.mappingName = opened.preset?.name ?? null;
    this.lookupNeeds = opened.preset?.lookups ?? [];
    this.lookupFiles = this.#guessLookupFiles(this.lookupNeeds);
    // A file of signals for accounts Canary does not know yet is usually a first import.
    this.unknownAccounts =
      opened.mapping.kind === 'accounts' || opened.mapping.kind === 'snapshot' ? 'create' : 'error';
    const offers = await recognizeVendorHeaders(opened.headers);
    if (offers.length === 0) {
      this.step = 'map';
      return;
    }
    this.step = 'vendor';
    await vendorImport.start(this.#source(current), offers, opened.headers);
  }

  /** Leaves the export path for the generic column mapping of the same file. */
  useGenericMapping(): void {
    vendorImport.clear();
    this.step = 'map';
  }

  /** Imports the recognised export; back to the file list when it was written. */
  async applyVendor(): Promise<void> {
    const notes = vendorImport.check?.outcomeNotes ?? [];
    const record = await vendorImport.apply();
    if (!record) return;
    this.lastImport = record;
    this.lastOutcomeNotes = notes;
    this.reset(false);
  }

  #guessLookupFiles(needs: LookupNeed[]): Record<string, number> {
    const chosen: Record<string, number> = {};
    for (const need of needs) {
      const i = this.files.findIndex(
        (f, k) =>
          f !== this.current?.file &&
          f.name.toLowerCase().includes(need.name.toLowerCase()) &&
          k >= 0,
      );
      if (i >= 0) chosen[need.name] = i;
    }
    return chosen;
  }

  /** True when `name` looks like a spreadsheet (the worker says how to save it as CSV). */
  isSpreadsheet(name: string): boolean {
    return SPREADSHEET.test(name);
  }

  /** Switches the file kind, keeping the roles that still apply. */
  setKind(kind: ImportKind): void {
    if (this.mapping) this.mapping = changeKind(this.mapping, kind);
  }

  /** The request the worker validates and applies, or null while something is missing. */
  request(): ImportRequest | null {
    if (!this.current || !this.mapping) return null;
    const lookups = [];
    for (const need of this.lookupNeeds) {
      const index = this.lookupFiles[need.name];
      const file = index === undefined ? undefined : this.files[index];
      if (!file) return null;
      lookups.push({ need, source: { file, fileName: file.name, entry: null } });
    }
    return {
      source: this.#source(this.current),
      mapping: $state.snapshot(this.mapping) as ImportMapping,
      unknownAccounts: this.unknownAccounts,
      lookups,
    };
  }

  /** Lookup needs without a chosen file. */
  missingLookups(): LookupNeed[] {
    return this.lookupNeeds.filter((n) => this.files[this.lookupFiles[n.name] ?? -1] === undefined);
  }

  /** Validates every row in the worker and shows the summary. */
  async validate(): Promise<void> {
    const request = this.request();
    if (!request) return;
    this.problem = null;
    this.working = true;
    const result = await validateImport(request);
    this.working = false;
    if (!result.ok) return this.#fail(result.failure);
    this.validation = result.value;
    this.step = 'summary';
  }

  /** Applies the valid rows (one transaction), then rescores; returns to the file list. */
  async apply(): Promise<boolean> {
    const request = this.request();
    if (!request) return false;
    const notes = this.validation?.outcomeNotes ?? [];
    this.problem = null;
    this.working = true;
    const result = await applyImportRequest(request, this.mappingName);
    this.working = false;
    if (!result.ok) {
      this.#fail(result.failure);
      return false;
    }
    this.lastImport = result.value;
    this.lastOutcomeNotes = notes;
    this.reset(false);
    return true;
  }

  /** Rejects the file: nothing is written. */
  reject(): void {
    this.reset(false);
    this.problem = 'File rejected. Nothing was imported.';
  }

  /** Saves the current mapping as a named preset. */
  async savePreset(name: string): Promise<void> {
    if (!this.opened || !this.mapping) return;
    const preset = await saveMappingPreset(
      name,
      this.opened.headers,
      $state.snapshot(this.mapping) as ImportMapping,
      $state.snapshot(this.lookupNeeds) as LookupNeed[],
    );
    this.mappingName = preset.name;
    this.savedPresets = await loadSavedPresets();
  }

  /** Applies a saved or built-in preset's mapping to the open file. */
  usePreset(preset: MappingPreset): void {
    this.mapping = structuredClone(preset.mapping);
    this.mappingName = preset.name;
    this.lookupNeeds = preset.lookups;
    this.lookupFiles = this.#guessLookupFiles(preset.lookups);
  }

  /** Back to the mapping step from the summary. */
  backToMapping(): void {
    this.validation = null;
    this.step = 'map';
  }

  /** Clears the current file (keeps the picked list unless `all`). */
  reset(all = true): void {
    if (all) this.files = [];
    this.current = null;
    this.zipEntries = [];
    this.opened = null;
    this.mapping = null;
    this.mappingName = null;
    this.lookupNeeds = [];
    this.lookupFiles = {};
    this.validation = null;
    this.problem = null;
    vendorImport.clear();
    this.step = 'choose';
  }
}

/** The app's one import wizard. */
export const importWizard = new ImportWizard();
