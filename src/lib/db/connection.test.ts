import { describe, expect, it } from 'vitest';
import { databaseExists } from './connection';
import { freshDb, freshDbName } from './testing/factories';
import { CanaryDb } from './canary-db';

describe('databaseExists', () => {
  it('is false before a database is first opened, true after, without opening it', async () => {
    const name = freshDbName('exists');
    expect(await databaseExists(name)).toBe(false);
    // Asking did not create it.
    expect(await databaseExists(name)).toBe(false);
    const db = new CanaryDb(name);
    await db.open();
    expect(await databaseExists(name)).toBe(true);
    db.close();
    expect(await databaseExists(freshDb().name)).toBe(false);
  });
});
