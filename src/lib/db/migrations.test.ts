// Migration tests. Each shipped schema version N > 1 gets a test here that writes a database
// with version N-1's frozen schema and fixture rows, opens it with CanaryDb, and compares.
import { describe, expect, it } from 'vitest';
import { loadBook } from './book-repo';
import { CanaryDb } from './canary-db';
import { getActiveModel } from './models-repo';
import { BAND_CODES } from './records';
import {
  CURRENT_STORES,
  SCHEMA_V1,
  SCHEMA_VERSION,
  SCHEMA_VERSIONS,
  type SchemaVersion,
} from './schema';
import { getCurrentScore, getScoreDetail, loadScoreHistory } from './scores-repo';
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
  // v1 kept the engine's whole breakdown in `detail`, beside the priority rank.
  currentScores: [
    {
      accountId: 'acme',
      modelKey: 'default@1',
      asOfDay: 20_000,
      score: 64,
      band: 'amber',
      coverage: 1,
      trendDelta: -12,
      explanation: 'Usage is falling.',
      detail: {
        score: {
          accountId: 'acme',
          score: 64,
          band: 'red',
          stage: 'mature',
          daysToRenewal: 24,
          groups: [{ id: 'usage', points: 30 }],
          patterns: [{ id: 'silent', name: 'Gone quiet' }],
          override: { band: 'red', reason: 'Champion left' },
          trend: { direction: 'down', change: -12, windowDays: 30 },
        },
        priority: 71.5,
        rank: 1,
        priorityReason: 'Renews in 24 days · red · down 12',
      },
    },
    // Written before it could be scored: no breakdown at all.
    {
      accountId: 'zeta',
      modelKey: 'default@1',
      asOfDay: 20_000,
      score: null,
      band: null,
      coverage: 0,
      trendDelta: null,
      explanation: 'No data.',
      detail: null,
    },
  ],
};

describe('migration harness', () => {
  it('v1, v2 and v3 have shipped', () => {
    expect(SCHEMA_VERSION).toBe(3);
    expect(SCHEMA_VERSIONS.map((v) => v.version)).toEqual([1, 2, 3]);
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

describe('v2: score breakdowns move to their own table', () => {
  it('splits every v1 current score into a summary and a scoreDetails breakdown', async () => {
    const name = freshDbName('mig-v1-v2');
    await createDatabaseAtVersion(name, 1, V1_FIXTURES);
    const v1 = await openWithVersions(name, SCHEMA_VERSIONS.slice(0, 1));
    const before = await dumpTables(v1);
    v1.close();

    const db = new CanaryDb(name);
    await db.open();
    expect(db.verno).toBe(SCHEMA_VERSION);
    const acme = await getCurrentScore(db, 'acme');
    expect(acme).toEqual({
      accountId: 'acme',
      modelKey: 'default@1',
      asOfDay: 20_000,
      score: 64,
      band: 'amber',
      coverage: 1,
      trendDelta: -12,
      explanation: 'Usage is falling.',
      summary: {
        priority: 71.5,
        rank: 1,
        priorityReason: 'Renews in 24 days · red · down 12',
        overridden: true,
        trendDirection: 'down',
        trendWindowDays: 30,
        daysToRenewal: 24,
        stage: 'mature',
        patterns: ['Gone quiet'],
        // The recent history comes from the account's v1 snapshots of the same model.
        sparkDays: [20_000],
        sparkScores: [64],
        bandLastWeek: null,
      },
    });
    expect(await getScoreDetail(db, 'acme')).toEqual({
      accountId: 'acme',
      modelKey: 'default@1',
      asOfDay: 20_000,
      breakdown: V1_FIXTURES.currentScores[0].detail?.score,
    });
    // The unscored account keeps a neutral summary and gets no breakdown.
    expect((await getCurrentScore(db, 'zeta'))?.summary).toMatchObject({
      rank: Number.MAX_SAFE_INTEGER,
      trendDirection: 'unknown',
      patterns: [],
    });
    expect(await getScoreDetail(db, 'zeta')).toBeUndefined();
    // Every other table is exactly as v1 left it.
    const after = await dumpTables(db);
    for (const table of Object.keys(SCHEMA_V1).filter((t) => t !== 'currentScores')) {
      expect(after[table]).toEqual(before[table]);
    }
    db.close();
  });
});

describe('v3: tables for tasks, playbooks, playbook state and renewal calls', () => {
  it('adds the empty tables and leaves every v2 table as it was', async () => {
    const name = freshDbName('mig-v2-v3');
    await createDatabaseAtVersion(name, 1, V1_FIXTURES);
    const v2 = await openWithVersions(name, SCHEMA_VERSIONS.slice(0, 2));
    const before = await dumpTables(v2);
    v2.close();

    const db = new CanaryDb(name);
    await db.open();
    expect(db.verno).toBe(3);
    const after = await dumpTables(db);
    for (const table of Object.keys(before)) expect(after[table]).toEqual(before[table]);
    for (const table of ['tasks', 'playbooks', 'playbookState', 'renewalCalls']) {
      expect(after[table]).toEqual([]);
    }
    await db.tasks.add({
      id: 1,
      accountId: 'acme',
      playbookId: 'p',
      title: 't',
      checklist: [],
      owner: null,
      priority: 'normal',
      createdDay: 1,
      dueDay: 3,
      reason: 'r',
      status: 'open',
      snoozedUntil: null,
      snoozeReason: null,
      completedDay: null,
      outcomeNote: null,
      history: [],
    });
    expect(await db.tasks.where('[playbookId+accountId]').equals(['p', 'acme']).count()).toBe(1);
    db.close();
  });
});

describe('example: how a later migration is tested', () => {
  // A hypothetical next version, defined only in this test: it indexes outcomes by kind, adds
  // a reminders table, and fills in `avoidable: null` where early importers left it out. A real one
  // goes into SCHEMA_VERSIONS and its test compares exactly like this one.
  const NEXT: SchemaVersion = {
    version: SCHEMA_VERSION + 1,
    stores: {
      outcomes: '++id, accountId, day, [accountId+day], outcome',
      reminders: '++id, accountId',
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

  it('upgrades a database through every version and keeps every other row as it was', async () => {
    const name = freshDbName('mig-next');
    await createDatabaseAtVersion(name, 1, V1_FIXTURES);
    const current = await openWithVersions(name, SCHEMA_VERSIONS);
    const before = await dumpTables(current);
    current.close();

    const db = await openWithVersions(name, [...SCHEMA_VERSIONS, NEXT]);
    expect(db.verno).toBe(SCHEMA_VERSION + 1);
    const after = await dumpTables(db);
    expect(after.reminders).toEqual([]);
    expect(after.outcomes).toEqual([
      before.outcomes[0],
      { ...(before.outcomes[1] as object), avoidable: null },
    ]);
    for (const table of Object.keys(CURRENT_STORES).filter((t) => t !== 'outcomes')) {
      expect(after[table]).toEqual(before[table]);
    }
    const churned = await db.table('outcomes').where('outcome').equals('churned').toArray();
    expect(churned.map((o: { accountId: string }) => o.accountId)).toEqual(['zeta']);
    db.close();
  });
});
