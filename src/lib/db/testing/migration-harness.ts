// Migration test harness: writes a database exactly as shipped version N would have (its frozen
// store definitions from SCHEMA_VERSIONS, raw rows, no repositories), so a test can then open
// it with the current CanaryDb (or a candidate next version) and compare.
import { Dexie } from 'dexie';
import { declareSchema, SCHEMA_VERSIONS, type SchemaVersion } from '../schema';

/** Raw rows per table, written as-is. */
export type Fixtures = Readonly<Record<string, readonly unknown[]>>;

/**
 * Creates database `name` at shipped schema `version` holding `fixtures`, then closes it.
 * Upgrades are not run: a fresh database at version N is what version N's code would create.
 */
export async function createDatabaseAtVersion(
  name: string,
  version: number,
  fixtures: Fixtures,
  versions: readonly SchemaVersion[] = SCHEMA_VERSIONS,
): Promise<void> {
  const upTo = versions.filter((v) => v.version <= version);
  if (upTo.length === 0 || upTo[upTo.length - 1].version !== version) {
    throw new RangeError(`No shipped schema version ${version}`);
  }
  const db = new Dexie(name);
  declareSchema(
    db,
    upTo.map(({ version: n, stores }) => ({ version: n, stores })),
  );
  await db.open();
  try {
    await db.transaction('rw', db.tables, async () => {
      for (const [table, rows] of Object.entries(fixtures)) {
        await db.table(table).bulkAdd([...rows]);
      }
    });
  } finally {
    db.close();
  }
}

/** Opens database `name` declaring `versions` (e.g. the shipped ones plus a candidate next). */
export async function openWithVersions(
  name: string,
  versions: readonly SchemaVersion[],
): Promise<Dexie> {
  const db = new Dexie(name);
  declareSchema(db, versions);
  await db.open();
  return db;
}

/** Every row of every table of an open database, for before/after comparisons. */
export async function dumpTables(db: Dexie): Promise<Record<string, unknown[]>> {
  const out: Record<string, unknown[]> = {};
  for (const table of db.tables) out[table.name] = await table.toArray();
  return out;
}
