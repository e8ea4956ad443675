// Work for when the main thread has nothing better to do (in Node it falls back to a timer).

/**
 * Runs `fn` when the main thread is idle, or after `timeoutMs` at the latest; returns the
 * cancel function. Browsers without requestIdleCallback (Safari) run it in a macrotask, which
 * still lets the page paint first.
 */
export function onIdle(fn: () => void, timeoutMs = 1000): () => void {
  if (typeof globalThis.requestIdleCallback !== 'function') {
    const handle = setTimeout(fn, 0);
    return () => clearTimeout(handle);
  }
  const handle = globalThis.requestIdleCallback(() => fn(), { timeout: timeoutMs });
  return () => globalThis.cancelIdleCallback(handle);
}
