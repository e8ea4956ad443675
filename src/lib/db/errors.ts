// Errors the repositories throw for problems a caller can explain to the user.

/** A series whose arrays are malformed (length mismatch, unsorted or repeated days). */
export class InvalidSeriesError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidSeriesError';
  }
}

/** An import that cannot be undone (unknown, already undone, or changed by a later import). */
export class ImportUndoError extends Error {
  constructor(
    message: string,
    /** Ids of later imports that must be undone first (empty unless that is the reason). */
    readonly blockingImportIds: readonly number[] = [],
  ) {
    super(message);
    this.name = 'ImportUndoError';
  }
}

/** A backup document that failed validation; nothing was changed. */
export class BackupInvalidError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupInvalidError';
  }
}

/** A model version that already exists (versions are immutable) or does not exist. */
export class ModelVersionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelVersionError';
  }
}

/** The database on disk was written by a newer Canary than this page: reload to update. */
export class DatabaseOutdatedError extends Error {
  constructor(
    readonly installedVersion: number,
    readonly pageVersion: number,
  ) {
    super(
      `This page is out of date (database schema ${installedVersion}, page schema ${pageVersion}). Reload to update.`,
    );
    this.name = 'DatabaseOutdatedError';
  }
}

/** True when `e` is IndexedDB running out of space (Dexie or DOMException). */
export function isQuotaError(e: unknown): boolean {
  const err = e as { name?: string; inner?: { name?: string } } | null;
  return err?.name === 'QuotaExceededError' || err?.inner?.name === 'QuotaExceededError';
}
