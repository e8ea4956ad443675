// Whether this page may still use the database: a newer Canary in another tab, a database
// newer than this page, or an upgrade held up by an older tab (see src/lib/db/canary-db.ts).
import { getDb, onVersionChange, type VersionChangeNotice } from '$lib/db';

class DatabaseState {
  /** Why this page must reload, or null while all is well. */
  notice = $state<VersionChangeNotice['kind'] | null>(null);

  /** Listens for version changes; returns a stop function. */
  connect(): () => void {
    return onVersionChange((n) => (this.notice = n.kind));
  }

  /** Builds the database's schema (~10 ms) ahead of the first read; opens nothing. */
  warm(): void {
    void getDb();
  }
}

/** The database connection's standing, for the app shell. */
export const database = new DatabaseState();
