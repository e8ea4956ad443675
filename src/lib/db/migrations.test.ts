// Migration tests. Each shipped schema version N > 1 gets a test here that writes a database
// with version N-1's frozen schema and fixture rows, opens it with CanaryDb, and compares.
import { describe, expect, it } from 'vitest';
import { loadBook } from './book-repo';
import { CanaryDb } from './canary-db';
import { getActiveModel } from './models-repo';
import { BAND_CODES } from './records';
import { SCHEMA_V1, SCHEMA_VERSION, SCHEMA_VERSIONS, type SchemaVersion } from './schema';
import { loadScoreHistory } from './scores-repo';
import { freshDbName, makeAccount, makeOutcome } from './testing/factories';
import { createDatabaseAtVersion, dumpTables, openWithVersions } from './testing/migration-harness';

/** Raw v1 rows, written without repositories, as the first release stored them. */
const V1_FIXTURES = {
  accounts: [makeAccount('acme', { segment: 'enterprise' }), makeAccount('zeta')],
  series: [
    {
      accountId: 'acme',
      metric: 'active_users',
      days: Int32Array.of(20_000, 20_007),
      values: Float64Array.of(41, 38.5),
    },
  ],
  outcomes: [
    { id: 1, ...makeOutcome('zeta', 20_100, { outcome: 'churned' as const }) },
    // Written by an early importer that left `avoidable` out.
    { id: 2, accountId: 'acme', day: 20_200, outcome: 'renewed', reason: null },
  ],
  models: [
    {
      key: 'default@1',
      modelId: 'default',
      version: 1,
      name: 'Default',
      createdAt: 5,
      document: {},
    },
  ],
  settings: [{ key: 'activeModelKey', value: 'default@1' }],
  scoreHistory: [
    {
      accountId: 'acme',
      modelKey: 'default@1',
      days: Int32Array.of(20_000),
      scores: Float32Array.of(64),
      bands: Uint8Array.of(BAND_CODES.amber),
      coverage: Float32Array.of(1),
    },
  ],
};

describe('migration harness', () => {
  it('only v1 has shipped so far', () => {
    expect(SCHEMA_VERSION).toBe(1);
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual([1]);
  });

  it('writes v1 fixtures raw and CanaryDb reads them back through the repositories', async () => {
    const name = freshDbName('mig-v1');
    await createDatabaseAtVersion(name, 1, V1_FIXTURES);
    const db = new CanaryDb(name);
    const book = await loadBook(db);
    expect(book.accounts.map((a) => a.id)).toEqual(['acme', 'zeta']);
    expect(book.series[0].values).toEqual(Float64Array.of(41, 38.5));
    expect(book.outcomes).toHaveLength(2);
    expect((await getActiveModel(db))?.key).toBe('default@1');
    const [history] = await loadScoreHistory(db, 'acme', 'default@1');
    expect(history.scores).toEqual(Float32Array.of(64));
    db.close();
  });

  it('refuses a version that never shipped', async () => {
    await expect(createDatabaseAtVersion(freshDbName('mig-bad'), 7, {})).rejects.toThrow(
      /No shipped schema version 7/,
    );
  });
});

describe('example: how a v2 migration is tested', () => {
  // A hypothetical v2, defined only in this test: it indexes outcomes by kind, adds a tasks
  // table, and fills in `avoidable: null` where early importers left it out. A real v2 goes
  // into SCHEMA_VERSIONS and its test compares exactly like this one.
  const V2: SchemaVersion = {
    version: 2,
    stores: {
      outcomes: '++id, accountId, day, [accountId+day], outcome',
      tasks: '++id, accountId',
    },
    upgrade: async (tx) => {
      await tx
        .table('outcomes')
        .toCollection()
        .modify((o: { avoidable?: boolean | null }) => {
          if (o.avoidable === undefined) o.avoidable = null;
        });
    },
  };

  it('upgrades a v1 database and keeps every other row as it was', async () => {
    const name = freshDbName('mig-v2');
    await createDatabaseAtVersion(name, 1, V1_FIXTURES);
    const v1 = await openWithVersions(name, SCHEMA_VERSIONS);
    const before = await dumpTables(v1);
    v1.close();

    const db = await openWithVersions(name, [...SCHEMA_VERSIONS, V2]);
    expect(db.verno).toBe(2);
    const after = await dumpTables(db);
    expect(after.tasks).toEqual([]);
    expect(after.outcomes).toEqual([
      before.outcomes[0],
      { ...(before.outcomes[1] as object), avoidable: null },
    ]);
    for (const table of Object.keys(SCHEMA_V1).filter((t) => t !== 'outcomes')) {
      expect(after[table]).toEqual(before[table]);
    }
    const churned = await db.table('outcomes').where('outcome').equals('churned').toArray();
    expect(churned.map((o: { accountId: string }) => o.accountId)).toEqual(['zeta']);
    db.close();
  });
});
