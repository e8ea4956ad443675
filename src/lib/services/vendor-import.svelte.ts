// The vendor-file path of the import wizard: the recognised preset, the columns the user
// points at when the preset only half matches, the crosswalk review, and the checked result.
// The work runs in the worker through vendor-import.service.ts; this class holds what is shown.
import type { ImportRecord } from '$lib/db';
import type { CrosswalkDecision } from '$lib/import/vendors';
import {
  applyVendorImport,
  checkVendorImport,
  matchVendorCustomers,
} from './vendor-import.service';
import type { StepFailure } from './import.service';
import type { VendorFileRequest, VendorMatchInfo } from '$lib/worker/ops/crosswalk-file';
import type { CrosswalkImportResult } from '$lib/worker/ops/crosswalk-import';
import type { CrosswalkResolveResult } from '$lib/worker/ops/crosswalk-resolve';
import type { ImportSource } from '$lib/worker/ops/import-source';
import { columnChoices, missingColumnKeys, type ColumnChoice } from '$lib/state/vendor-columns';

/** The steps of an export import. */
export type VendorStep = 'columns' | 'review' | 'check';

class VendorImport {
  step = $state<VendorStep | null>(null);
  source = $state.raw<ImportSource | null>(null);
  /** Every preset the header row fits, best first. */
  offers = $state.raw<VendorMatchInfo[]>([]);
  /** The preset in use (the best one unless the user chose another). */
  offer = $state.raw<VendorMatchInfo | null>(null);
  /** The file's header row (the column step's choices). */
  headers = $state.raw<string[]>([]);
  resolved = $state.raw<CrosswalkResolveResult | null>(null);
  /** Preset column key → header index the user chose (-1 = not chosen yet). */
  columns = $state<Record<string, number>>({});
  /** The columns the preset could not find on its own (asked once, kept while editing). */
  asked = $state.raw<string[]>([]);
  decisions = $state.raw<[string, CrosswalkDecision][]>([]);
  check = $state.raw<CrosswalkImportResult | null>(null);
  problem = $state<string | null>(null);
  working = $state(false);

  /** One row per asked column: its spellings and the header chosen for it. */
  columnRows = $derived<ColumnChoice[]>(
    this.offer ? columnChoices(this.offer, this.asked, this.columns) : [],
  );
  /** True while an asked column has no header chosen. */
  columnsIncomplete = $derived(this.columnRows.some((c) => c.index < 0));

  #fail(f: StepFailure): void {
    this.problem = f.cancelled ? 'Cancelled. Nothing was changed.' : f.message;
  }

  #request(): VendorFileRequest {
    const columns = Object.fromEntries(Object.entries(this.columns).filter(([, i]) => i >= 0));
    return { source: this.source!, presetId: this.offer?.presetId ?? null, columns };
  }

  /** Starts the export path for a recognised file: resolves its customers (or asks for columns). */
  async start(source: ImportSource, offers: VendorMatchInfo[], headers: string[]): Promise<void> {
    this.clear();
    this.source = source;
    this.offers = offers;
    this.headers = headers;
    if (offers[0]) await this.usePreset(offers[0]);
  }

  /** Reads the file with one of the presets it fits (its columns are asked again). */
  async usePreset(offer: VendorMatchInfo): Promise<void> {
    this.offer = offer;
    this.step = null;
    this.columns = {};
    this.resolved = null;
    this.check = null;
    this.problem = null;
    this.asked = missingColumnKeys(offer);
    if (!offer.complete) {
      this.step = 'columns';
      return;
    }
    await this.#resolve();
  }

  /** Points a preset column at a header (index into the file's headers; -1 clears it). */
  setColumn(key: string, index: number): void {
    this.columns = { ...this.columns, [key]: index };
  }

  /** Re-reads the file with the columns the user mapped. */
  async mapColumns(): Promise<void> {
    if (this.columnsIncomplete) return;
    await this.#resolve();
  }

  async #resolve(): Promise<void> {
    this.problem = null;
    this.working = true;
    const result = await matchVendorCustomers(this.#request());
    this.working = false;
    if (!result.ok) return this.#fail(result.failure);
    this.resolved = result.value;
    const chosen = result.value.chosen;
    if (chosen && !chosen.complete) {
      this.asked = [...new Set([...this.asked, ...missingColumnKeys(chosen)])];
      this.problem = `Still missing: ${chosen.missing.map((m) => m.labels[0]).join(', ')}.`;
      this.step = 'columns';
      return;
    }
    this.step = result.value.resolution ? 'review' : 'columns';
  }

  /** Checks every row with the review's decisions (nothing written) and shows the result. */
  async review(decisions: [string, CrosswalkDecision][]): Promise<void> {
    this.decisions = decisions;
    this.problem = null;
    this.working = true;
    const result = await checkVendorImport(this.#request(), decisions);
    this.working = false;
    if (!result.ok) return this.#fail(result.failure);
    this.check = result.value;
    this.step = 'check';
  }

  /** Imports in one transaction, rescores and toasts Undo; returns the log entry or null. */
  async apply(): Promise<ImportRecord | null> {
    this.problem = null;
    this.working = true;
    const result = await applyVendorImport(this.#request(), this.decisions);
    this.working = false;
    if (!result.ok) {
      this.#fail(result.failure);
      return null;
    }
    return result.value;
  }

  /** Back from the check to the review (the decisions are asked again). */
  backToReview(): void {
    this.check = null;
    this.problem = null;
    this.step = 'review';
  }

  /** Back to the column assignment. */
  backToColumns(): void {
    this.problem = null;
    this.step = 'columns';
  }

  /** Forgets the export path. */
  clear(): void {
    this.step = null;
    this.source = null;
    this.offers = [];
    this.offer = null;
    this.headers = [];
    this.resolved = null;
    this.columns = {};
    this.asked = [];
    this.decisions = [];
    this.check = null;
    this.problem = null;
  }
}

/** The app's one export import. */
export const vendorImport = new VendorImport();
