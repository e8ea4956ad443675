// A PostgreSQL server for the warehouse tests: $CANARY_PG_URL when .ci/run started one, else a
// throwaway cluster started here (scripts/postgres.mjs) and stopped after the file's tests.
// Outside CI a machine without PostgreSQL skips those tests with a visible message; under
// CI=true a missing server fails them.
import { startPostgres, stopPostgres } from '../scripts/postgres.mjs';

/** A server URL and how to stop it (a no-op for a server the caller did not start). */
export interface TestPostgres {
  url: string;
  stop(): void;
}

/** Finds or starts a server; null (with a printed reason) when none can be had outside CI. */
export async function postgresForTests(): Promise<TestPostgres | null> {
  const given = process.env.CANARY_PG_URL;
  if (given) return { url: given, stop: () => {} };
  try {
    const { url, dir } = (await startPostgres()) as { url: string; dir: string };
    return { url, stop: () => stopPostgres(dir) };
  } catch (e) {
    if (process.env.CI === 'true') {
      throw new Error(
        `CI=true but no PostgreSQL server could be started: ${(e as Error).message}`,
        {
          cause: e,
        },
      );
    }
    console.warn(
      `\n*** SKIPPING the PostgreSQL parity tests: no server (${(e as Error).message}). ` +
        "Install Debian's postgresql package or set CANARY_PG_URL. ***\n",
    );
    return null;
  }
}
