import { describe, expect, it } from 'vitest';
import { watchQuery } from './live';
import { setSetting } from './settings-repo';
import { freshDb } from './testing/factories';

describe('watchQuery', () => {
  it('emits the current result and again after a committed change', async () => {
    const db = freshDb();
    const seen: number[] = [];
    const waiters: (() => void)[] = [];
    const emitted = (count: number) =>
      new Promise<void>((resolve) => {
        if (seen.length >= count) resolve();
        else waiters.push(resolve);
      });
    const subscription = watchQuery(() => db.settings.count()).subscribe((n) => {
      seen.push(n);
      waiters.splice(0).forEach((w) => w());
    });
    await emitted(1);
    await setSetting(db, 'k', 1);
    while (seen.length < 2) await emitted(seen.length + 1);
    subscription.unsubscribe();
    expect(seen).toEqual([0, 1]);
  });
});
