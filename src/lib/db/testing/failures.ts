// Failure injection for atomicity tests: a Dexie DBCore middleware that makes every write to
// one table fail, so a repository's transaction fails after its earlier writes went through.
import type { Dexie } from 'dexie';

/** Switch returned by failWritesTo: failures happen only while `armed` is true. */
export interface FailureSwitch {
  armed: boolean;
}

/**
 * Makes mutations of `tableName` on `db` reject with `makeError()` while the returned switch is
 * armed (it starts armed). Call before the database is opened.
 */
export function failWritesTo(db: Dexie, tableName: string, makeError: () => Error): FailureSwitch {
  const control: FailureSwitch = { armed: true };
  db.use({
    stack: 'dbcore',
    name: `fail-writes-to-${tableName}`,
    create: (down) => ({
      ...down,
      table: (name) => {
        const table = down.table(name);
        if (name !== tableName) return table;
        return {
          ...table,
          mutate: (req) => (control.armed ? Promise.reject(makeError()) : table.mutate(req)),
        };
      },
    }),
  });
  return control;
}

/** The DOMException a browser throws when IndexedDB runs out of space. */
export function quotaError(): Error {
  return new DOMException('The quota has been exceeded.', 'QuotaExceededError');
}
