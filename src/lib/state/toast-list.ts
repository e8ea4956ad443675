// The toast list's rules, pure so they are tested in Node.

/** One notice. */
export interface Toast {
  id: number;
  kind: 'info' | 'success' | 'error';
  message: string;
  action?: { label: string; run: () => void };
}

/** At most this many notices at once, so a quick run of imports cannot bury the page. */
export const MAX_TOASTS = 3;

/** The list with `next` added, dropping the oldest notices beyond MAX_TOASTS (errors last). */
export function pushToast(items: readonly Toast[], next: Toast): Toast[] {
  const out = [...items, next];
  while (out.length > MAX_TOASTS) {
    const oldest = out.findIndex((t) => t.kind !== 'error');
    out.splice(oldest >= 0 && oldest < out.length - 1 ? oldest : 0, 1);
  }
  return out;
}
