import { describe, expect, it } from 'vitest';
import { replaceBook } from './book-repo';
import {
  clearRenewalCall,
  getRenewalCall,
  listRenewalCalls,
  readAtRiskHistory,
  readRenewalsBook,
  setRenewalCall,
} from './renewals-repo';
import { appendScoreHistory } from './scores-repo';
import { freshDb, makeAccount, makeSeries } from './testing/factories';

const book = (accounts = [makeAccount('acme'), makeAccount('globex')]) => ({
  accounts,
  series: [
    makeSeries('acme', 'ARR', [100, 200], [12_000, 15_000]),
    makeSeries('acme', 'logins', [100], [3]),
    makeSeries('globex', 'mrr', [150], [1_000]),
  ],
  outcomes: [],
  pulses: [],
  overrides: [],
});

describe('renewal calls repository', () => {
  it('saves, replaces, reads and clears a call per account and renewal day', async () => {
    const db = freshDb();
    await replaceBook(db, book());
    await setRenewalCall(db, {
      accountId: 'acme',
      renewalDay: 20_500,
      call: 'commit',
      note: '  signed PO  ',
      at: 5,
    });
    await setRenewalCall(db, { accountId: 'acme', renewalDay: 20_865, call: 'will-churn', at: 6 });
    expect(await getRenewalCall(db, 'acme', 20_500)).toEqual({
      accountId: 'acme',
      renewalDay: 20_500,
      call: 'commit',
      note: 'signed PO',
      at: 5,
    });
    await setRenewalCall(db, {
      accountId: 'acme',
      renewalDay: 20_500,
      call: 'at-risk',
      note: '',
      at: 7,
    });
    const all = await listRenewalCalls(db);
    expect(all).toHaveLength(2);
    expect(all.find((c) => c.renewalDay === 20_500)).toMatchObject({
      call: 'at-risk',
      note: null,
      at: 7,
    });
    expect(await clearRenewalCall(db, 'acme', 20_500)).toBe(true);
    expect(await clearRenewalCall(db, 'acme', 20_500)).toBe(false);
    expect((await listRenewalCalls(db)).map((c) => c.renewalDay)).toEqual([20_865]);
    db.close();
  });

  it('refuses an unknown call, a fractional day or a missing account, writing nothing', async () => {
    const db = freshDb();
    await replaceBook(db, book());
    await expect(
      setRenewalCall(db, { accountId: 'acme', renewalDay: 1, call: 'maybe' as never }),
    ).rejects.toThrow('Unknown renewal call');
    await expect(
      setRenewalCall(db, { accountId: 'acme', renewalDay: 1.5, call: 'commit' }),
    ).rejects.toThrow('whole day');
    await expect(
      setRenewalCall(db, { accountId: 'nobody', renewalDay: 1, call: 'commit' }),
    ).rejects.toThrow('does not exist');
    expect(await listRenewalCalls(db)).toEqual([]);
    db.close();
  });

  it('are cleared with the book when a new book replaces it', async () => {
    const db = freshDb();
    await replaceBook(db, book());
    await setRenewalCall(db, { accountId: 'globex', renewalDay: 20_500, call: 'commit' });
    await replaceBook(db, book());
    expect(await listRenewalCalls(db)).toEqual([]);
    db.close();
  });

  it('reads the book and the dated ARR series of one model version’s history', async () => {
    const db = freshDb();
    await replaceBook(db, book());
    const points = (accountId: string) => ({
      accountId,
      days: Int32Array.of(100, 107),
      scores: Float32Array.of(20, 40),
      bands: Uint8Array.of(0, 1),
      coverage: Float32Array.of(1, 1),
    });
    await appendScoreHistory(db, 'm@1', [points('acme'), points('globex')]);
    await appendScoreHistory(db, 'm@2', [points('acme')]);
    const read = await readRenewalsBook(db);
    expect(read.accounts.map((a) => a.id).sort()).toEqual(['acme', 'globex']);
    const h = await readAtRiskHistory(db, 'm@1');
    expect(h.history.map((r) => r.accountId).sort()).toEqual(['acme', 'globex']);
    expect(Array.from(h.history[0].bands)).toEqual([0, 1]);
    expect(h.arrSeries.map((s) => `${s.accountId}:${s.metric}`).sort()).toEqual([
      'acme:ARR',
      'globex:mrr',
    ]);
    expect((await readAtRiskHistory(db, 'm@2')).history).toHaveLength(1);
    db.close();
  });
});
