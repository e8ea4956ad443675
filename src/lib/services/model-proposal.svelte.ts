// "Build a model from your data" in the model builder: the one proposal task (progress,
// Cancel), its result, and whether it went into the builder's draft. A proposal that does not
// beat the current model out of sample stays out of the draft unless the user asks for it.
import type { Progress } from '$lib/worker/client';
import type { DataProposal } from '$lib/worker/ops/propose-model';
import { failureMessage, isCancelled } from './backtest.service';
import { proposeInWorker } from './model.service';
import { modelBuilder } from './model-builder.svelte';
import { loadsIntoDraft } from '$lib/state/model-proposal';

class ModelProposalState {
  running = $state(false);
  progress = $state<Progress>({ fraction: 0, label: '' });
  result = $state.raw<DataProposal | null>(null);
  /** True once the result is in the draft. */
  inDraft = $state(false);
  /** A cancelled or failed run, in words. */
  notice = $state<{ kind: 'info' | 'error'; text: string } | null>(null);
  #controller: AbortController | null = null;

  /** Proposes (fits and tests when it can) in the worker; puts it in the draft unless worse. */
  async run(): Promise<void> {
    if (this.running) return;
    this.#controller = new AbortController();
    this.running = true;
    this.notice = null;
    this.progress = { fraction: 0, label: 'Reading the book' };
    try {
      const result = await proposeInWorker({}, this.#controller.signal, (p) => (this.progress = p));
      this.result = result;
      this.inDraft = false;
      if (loadsIntoDraft(result)) this.loadIntoDraft();
    } catch (e) {
      this.notice = isCancelled(e)
        ? { kind: 'info', text: 'Cancelled. Nothing was proposed and the draft is unchanged.' }
        : { kind: 'error', text: `No model could be proposed: ${failureMessage(e)}` };
    } finally {
      this.running = false;
      this.#controller = null;
    }
  }

  /** Puts the proposal in the draft (keeping the active model's id: Save makes a new version). */
  loadIntoDraft(): void {
    if (!this.result) return;
    modelBuilder.replaceDraft(this.result.model, true);
    this.inDraft = true;
  }

  /** Stops a running proposal (the worker is stopped; nothing changes). */
  cancel(): void {
    this.#controller?.abort();
  }

  /** Hides the summary. */
  dismiss(): void {
    this.result = null;
    this.inDraft = false;
    this.notice = null;
  }
}

/** The builder's one proposal state. */
export const modelProposal = new ModelProposalState();
