// Typed errors of the import pipeline, so the worker bridge can tell input problems (shown to
// the user as they are) from bugs.

/** Why a whole file cannot be imported. */
export type FileProblem =
  | 'empty'
  | 'header-only'
  | 'spreadsheet'
  | 'not-text'
  | 'zip-without-csv'
  | 'zip-corrupt'
  | 'missing-columns'
  | 'invalid-mapping'
  | 'rejected';

/** A problem with a whole file, with a message written for the user. */
export class ImportFileError extends Error {
  readonly name = 'ImportFileError';
  constructor(
    readonly problem: FileProblem,
    message: string,
  ) {
    super(message);
  }
}

/** Thrown when an AbortSignal stops long work; carries no partial result. */
export class ImportAbortedError extends Error {
  readonly name = 'ImportAbortedError';
  constructor() {
    super('The import was cancelled.');
  }
}

/** Throws ImportAbortedError when the signal has fired. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ImportAbortedError();
}
