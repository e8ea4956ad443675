// One change path: a writing op wrapped in thenRescore writes, rescores and reports what moved.
import { beforeEach, describe, expect, it } from 'vitest';
import { getCurrentScore, getDb } from '../../db';
import { dayToIso, isoToDay } from '../../engine/dates';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import accountChange from './account-change';
import loadDemo from './load-demo';
import { thenRescore } from './then-rescore';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;

describe('thenRescore(accountChange)', () => {
  beforeEach(async () => {
    await loadDemo({ todayDay: TODAY, accounts: 40 });
  }, 60_000);

  it('writes a band override, rescores, and names the account whose band moved and why', async () => {
    const db = getDb();
    const scores = await db.currentScores.toArray();
    const green = scores.find((s) => s.band === 'green')!;
    const changed = await thenRescore(accountChange)({
      today: TODAY,
      change: {
        kind: 'addOverride',
        override: {
          accountId: green.accountId,
          band: 'red',
          reason: 'Champion left',
          day: TODAY,
          expiresDay: TODAY + 30,
        },
      },
    });
    expect(changed.rescoreError).toBeNull();
    expect(changed.result.accountId).toBe(green.accountId);
    const move = changed.rescore!.changes.find((c) => c.accountId === green.accountId)!;
    expect(move).toMatchObject({ bandBefore: 'green', bandAfter: 'red' });
    expect(move.cause).toMatchObject({ kind: 'override' });
    expect(move.cause.text).toBe(
      `Override set on ${dayToIso(TODAY)}: shown red until ${dayToIso(TODAY + 30)} (“Champion left”).`,
    );
    expect((await getCurrentScore(db, green.accountId))!.band).toBe('red');
    // Band changes come first, into red first.
    expect(changed.rescore!.changes[0].bandAfter).toBe('red');
  });

  it('a write that fails writes nothing and does not rescore', async () => {
    await expect(
      thenRescore(accountChange)({
        today: TODAY,
        change: { kind: 'endOverride', accountId: 'nobody', overrideId: 999_999, day: TODAY },
      }),
    ).rejects.toThrow('the override no longer exists');
  });

  it('a second rescore with nothing new reports no change', async () => {
    const first40 = (await getDb().accounts.toCollection().first())!.id;
    const first = await thenRescore(accountChange)({
      today: TODAY,
      change: {
        kind: 'addPulse',
        pulse: { accountId: first40, day: TODAY, value: 1, reason: 'Champion left' },
      },
    });
    expect(first.rescore).not.toBeNull();
    const again = await thenRescore(async () => 'nothing')({ today: TODAY });
    expect(again.rescore!.changes).toEqual([]);
  });
});
