// Errors crossing the worker boundary are normalised to two kinds the UI can show.

/** Kind of a worker failure: bad user input, or a bug / environment failure. */
export type WorkerErrorType = 'InputError' | 'InternalError';

/** A normalised error from the worker, safe to show to the user. */
export class WorkerError extends Error {
  constructor(
    readonly type: WorkerErrorType,
    message: string,
  ) {
    super(message);
    this.name = 'WorkerError';
  }
}

/** Thrown inside the worker for problems with the user's input (shown as-is). */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Normalises anything thrown across Comlink into a WorkerError. */
export function toWorkerError(e: unknown): WorkerError {
  if (e instanceof WorkerError) return e;
  const err = e as { name?: string; message?: string } | null;
  const message = err?.message ?? String(e);
  if (err?.name === 'InputError') return new WorkerError('InputError', message);
  if (err?.name === 'QuotaExceededError') {
    return new WorkerError(
      'InputError',
      'The browser ran out of storage space for Canary. Nothing was changed. Free some space (Settings shows usage) and try again.',
    );
  }
  return new WorkerError('InternalError', message);
}
