// Transient notices shown in the corner (an aria-live region), optionally with an action.

import { pushToast, type Toast } from './toast-list';

export type { Toast } from './toast-list';

class ToastState {
  items = $state<Toast[]>([]);
  #nextId = 1;

  /** Shows a notice; errors stay until dismissed, others for `ms`. */
  show(kind: Toast['kind'], message: string, action?: Toast['action'], ms = 6000): number {
    const id = this.#nextId++;
    this.items = pushToast(this.items, { id, kind, message, action });
    if (kind !== 'error') setTimeout(() => this.dismiss(id), ms);
    return id;
  }

  /** Removes a notice. */
  dismiss(id: number): void {
    this.items = this.items.filter((t) => t.id !== id);
  }
}

/** The app's one toast list. */
export const toasts = new ToastState();
