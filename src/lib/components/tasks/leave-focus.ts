// When a task leaves its list (completed, snoozed), keyboard and screen-reader users land on
// the next task of the page — or the one before, or a fallback — instead of the page's top.

const CARD = '[data-task-list] [data-task-id]';

function cardsOf(container: HTMLElement): { list: string; id: string }[] {
  return [...container.querySelectorAll<HTMLElement>(CARD)].map((el) => ({
    list: el.closest<HTMLElement>('[data-task-list]')!.dataset.taskList!,
    id: el.dataset.taskId!,
  }));
}

/**
 * Remembers where task `taskId` sits in `container` (cards inside `[data-task-list]` lists);
 * the returned function, called with the action's success, waits until the card has left its
 * list (the live query re-renders it) and focuses the title of the task after it, else before
 * it, else `fallback()`.
 */
export function focusAfterLeaving(
  container: HTMLElement,
  taskId: number,
  fallback: () => HTMLElement | null,
): (ok: boolean) => void {
  const id = String(taskId);
  const before = cardsOf(container);
  const at = before.findIndex((c) => c.id === id);
  const list = at >= 0 ? before[at].list : null;
  return (ok) => {
    if (!ok || list === null) return;
    const started = performance.now();
    const check = () => {
      const still = container.querySelector(`[data-task-list="${list}"] [data-task-id="${id}"]`);
      if (still && performance.now() - started < 5000) {
        requestAnimationFrame(check);
        return;
      }
      if (still) return;
      const present = new Set(cardsOf(container).map((c) => c.id));
      const candidates = [...before.slice(at + 1), ...before.slice(0, at).reverse()];
      const next = candidates.find((c) => c.id !== id && present.has(c.id));
      const target = next ? container.querySelector<HTMLElement>(`#task-${next.id}-h`) : fallback();
      target?.focus();
    };
    requestAnimationFrame(check);
  };
}
