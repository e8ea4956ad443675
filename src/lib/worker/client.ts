// The one bridge to the engine worker (main thread side). Starts the worker lazily on the first
// call, runs calls one at a time, reports progress through a Comlink proxy, cancels by
// terminating the worker (the only way to stop CPU-bound work), and stops it when idle.
import * as Comlink from 'comlink';
import type { WorkerApi } from './engine.worker';
import { toWorkerError, WorkerError } from './errors';

/** Progress of a long operation: a fraction 0–1 and a short label. */
export interface Progress {
  fraction: number;
  label: string;
}

/** Options accepted by every bridged call. */
export interface CallOptions {
  signal?: AbortSignal;
  onProgress?: (p: Progress) => void;
}

type ApiMethod = {
  [K in keyof WorkerApi]: WorkerApi[K] extends (...args: infer _A) => unknown ? K : never;
}[keyof WorkerApi];

type ProgressFn = (p: Progress) => void;
type ArgsOf<K extends ApiMethod> = WorkerApi[K] extends (...a: infer A) => unknown ? A : never;
type DropProgress<A> = A extends [...infer Head, ProgressFn | undefined] ? Head : A;
type ResultOf<K extends ApiMethod> = Awaited<ReturnType<WorkerApi[K]>>;

const IDLE_MS = 60_000;

let worker: Worker | null = null;
let remote: Comlink.Remote<WorkerApi> | null = null;
let idleTimer: ReturnType<typeof setTimeout> | null = null;
let queue: Promise<unknown> = Promise.resolve();
let pending = 0;

function start(): Comlink.Remote<WorkerApi> {
  if (!remote) {
    worker = new Worker(new URL('./engine.worker.ts', import.meta.url), {
      type: 'module',
      name: 'canary-engine',
    });
    remote = Comlink.wrap<WorkerApi>(worker);
  }
  return remote;
}

/**
 * Starts the worker ahead of a call that is about to come (it loads and compiles its code in
 * the meantime); it stops again when idle like after any call.
 */
export function warmWorker(): void {
  start();
  scheduleIdleStop();
}

/** Terminates the worker now; the next call starts a fresh one. */
export function stopWorker(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = null;
  remote?.[Comlink.releaseProxy]();
  worker?.terminate();
  worker = null;
  remote = null;
}

function scheduleIdleStop(): void {
  if (idleTimer) clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (pending === 0) stopWorker();
  }, IDLE_MS);
}

/**
 * Calls a worker operation. The last parameter of every operation is its progress callback;
 * pass it in `options.onProgress` instead. Aborting rejects with an AbortError and kills the worker.
 */
export function callWorker<K extends ApiMethod>(
  method: K,
  args: DropProgress<ArgsOf<K>>,
  options: CallOptions = {},
): Promise<ResultOf<K>> {
  const { signal, onProgress } = options;
  pending++;
  const run = async (): Promise<ResultOf<K>> => {
    signal?.throwIfAborted();
    const api = start();
    const progress = onProgress ? Comlink.proxy(onProgress) : undefined;
    const fn = api[method] as unknown as (...a: unknown[]) => Promise<ResultOf<K>>;
    const call: Promise<ResultOf<K>> = fn(...(args as unknown[]), progress);
    if (!signal) return call;
    return new Promise<ResultOf<K>>((resolve, reject) => {
      const onAbort = () => {
        stopWorker();
        reject(new DOMException('The operation was cancelled.', 'AbortError'));
      };
      signal.addEventListener('abort', onAbort, { once: true });
      call.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
    });
  };
  const result = queue.then(run, run);
  queue = result.catch(() => undefined);
  return result
    .catch((e: unknown) => {
      if (e instanceof DOMException && e.name === 'AbortError') throw e;
      throw toWorkerError(e);
    })
    .finally(() => {
      pending--;
      scheduleIdleStop();
    });
}

export { WorkerError };
