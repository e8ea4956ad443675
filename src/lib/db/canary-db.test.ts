import { Dexie } from 'dexie';
import { afterEach, describe, expect, it } from 'vitest';
import { CanaryDb, DB_NAME, type VersionChangeNotice } from './canary-db';
import { DatabaseOutdatedError } from './errors';
import { closeDb, getDb, onVersionChange } from './connection';
import { declareSchema, SCHEMA_VERSION } from './schema';

/** The version a newer Canary (another tab, or a later release) would open. */
const NEXT = SCHEMA_VERSION + 1;

/** Declares every shipped version plus a newer one that adds a table. */
function declareNewer(db: Dexie): void {
  declareSchema(db);
  db.version(NEXT).stores({ later: '++id' });
}
import { freshDbName } from './testing/factories';

afterEach(() => closeDb());

describe('connection', () => {
  it('getDb constructs lazily without opening, and returns one instance', () => {
    const db = getDb();
    expect(db).toBeInstanceOf(CanaryDb);
    expect(db.isOpen()).toBe(false);
    expect(getDb()).toBe(db);
    const unsubscribe = onVersionChange(() => undefined);
    expect(typeof unsubscribe).toBe('function');
    expect(db.isOpen()).toBe(false);
  });

  it('delivers notices to listeners subscribed before the instance exists, across closeDb', async () => {
    closeDb();
    const notices: VersionChangeNotice[] = [];
    const unsubscribe = onVersionChange((n) => notices.push(n));
    const stale = (): Promise<void> => {
      const other = new Dexie(DB_NAME);
      declareNewer(other);
      return other.open().then(() => other.close());
    };
    try {
      await getDb().open();
      await stale();
      expect(notices).toEqual([{ kind: 'upgrade-elsewhere', newVersion: NEXT }]);
      // A new instance (after closeDb) keeps telling the same listener.
      closeDb();
      await expect(getDb().open()).rejects.toThrow(DatabaseOutdatedError);
      expect(notices.at(-1)).toEqual({ kind: 'outdated' });
      unsubscribe();
      closeDb();
      await expect(getDb().open()).rejects.toThrow(DatabaseOutdatedError);
      expect(notices).toHaveLength(2);
    } finally {
      unsubscribe();
      closeDb();
      await Dexie.delete(DB_NAME);
    }
  });
});

describe('version changes across tabs', () => {
  it('closes an old connection and tells it to reload when another tab upgrades', async () => {
    const name = freshDbName('vc');
    const oldTab = new CanaryDb(name);
    const notices: VersionChangeNotice[] = [];
    oldTab.onVersionChange((n) => notices.push(n));
    await oldTab.accounts.put({
      id: 'a',
      name: 'A',
      segment: null,
      arr: null,
      seats: null,
      contractStart: null,
      renewalDate: null,
      owner: null,
      attributes: {},
    });

    const newTab = new Dexie(name);
    declareNewer(newTab);
    await newTab.open(); // would hang (blocked) if the old tab kept its connection
    expect(notices).toEqual([{ kind: 'upgrade-elsewhere', newVersion: NEXT }]);
    expect(oldTab.isOpen()).toBe(false);
    await expect(oldTab.accounts.count()).rejects.toThrow();
    expect(await newTab.table('accounts').count()).toBe(1);
    newTab.close();
  });

  it('reports an outdated page when the database on disk is newer', async () => {
    const name = freshDbName('outdated');
    const newer = new Dexie(name);
    declareNewer(newer);
    await newer.open();
    newer.close();

    const page = new CanaryDb(name);
    const notices: VersionChangeNotice[] = [];
    page.onVersionChange((n) => notices.push(n));
    const error = await page.openChecked().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseOutdatedError);
    expect(error).toMatchObject({ installedVersion: NEXT, pageVersion: SCHEMA_VERSION });
    expect(notices).toEqual([{ kind: 'outdated' }]);
    // A query through the auto-open path fails the same way instead of writing stale records.
    await expect(page.accounts.count()).rejects.toThrow(/out of date/);
    expect(await newer.open().then((d) => d.table('later').count())).toBe(0);
    newer.close();
  });

  it('reports blocked when an old connection does not let go', async () => {
    const name = freshDbName('blocked');
    // A raw connection (like an old tab without our handler) that ignores versionchange.
    const raw = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(name, 1);
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const page = new CanaryDb(name);
    const notices: VersionChangeNotice[] = [];
    const blocked = new Promise<void>((resolve) =>
      page.onVersionChange((n) => {
        notices.push(n);
        resolve();
      }),
    );
    const opening = page.open();
    await blocked;
    expect(notices).toEqual([{ kind: 'blocked' }]);
    expect(page.isOpen()).toBe(false);
    raw.close();
    await opening;
    expect(page.isOpen()).toBe(true);
    page.close();
  });

  it('stops notifying after unsubscribe', async () => {
    const name = freshDbName('unsub');
    const oldTab = new CanaryDb(name);
    const notices: VersionChangeNotice[] = [];
    const unsubscribe = oldTab.onVersionChange((n) => notices.push(n));
    await oldTab.open();
    unsubscribe();
    const newTab = new Dexie(name);
    declareNewer(newTab);
    await newTab.open();
    expect(notices).toEqual([]);
    expect(oldTab.isOpen()).toBe(false);
    newTab.close();
  });
});
