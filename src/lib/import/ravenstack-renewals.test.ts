// RavenStack's subscriptions through the shipped preset: inferred renewals balance the churn
// events whichever file comes first, and every account gets its ARR and renewal date. The
// hand-checked accounts are read off ravenstack_subscriptions.csv / ravenstack_churn_events.csv.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../tests/setup';
import { RAVENSTACK_DIR } from '../../../tests/datasets';
import { dayToIso, isoToDay } from '../engine/dates';
import type { Outcome } from '../engine/types';
import { outcomeFactsOf } from './outcome-balance';
import { prepareImport } from './prepare';
import type { PreparedImport } from './prepared-import';
import { matchPreset } from './presets';
import { BUILTIN_PRESETS } from './presets-builtin';
import { parseCsv } from './csv-table';

const today = isoToDay(FIXED_TODAY_ISO)!;
const DATA_END = isoToDay('2024-12-31')!;
const text = (name: string) => readFileSync(`${RAVENSTACK_DIR}ravenstack_${name}.csv`, 'utf8');

/** The outcomes a book holds, applied as applyImport does (replace by key, withdraw). */
class OutcomeBook {
  readonly byKey = new Map<string, Outcome>();
  apply(p: PreparedImport): void {
    for (const k of p.withdrawnOutcomes) this.byKey.delete(`${k.accountId}|${k.day}`);
    for (const o of p.outcomes) this.byKey.set(`${o.accountId}|${o.day}`, o);
  }
  list(kind?: Outcome['outcome']): Outcome[] {
    return [...this.byKey.values()].filter((o) => kind === undefined || o.outcome === kind);
  }
}

let accountIds: Set<string>;

async function viaPreset(name: string, book: OutcomeBook): Promise<PreparedImport> {
  const csv = text(name);
  const preset = matchPreset((await parseCsv(csv)).headers, BUILTIN_PRESETS);
  expect(preset?.id).toBe(`ravenstack-${name.replace('_', '-')}`);
  const p = await prepareImport(csv, preset!.mapping, {
    fileName: name,
    today,
    knownAccountIds: accountIds,
    outcomeFacts: outcomeFactsOf(book.list()),
  });
  expect(p.status).toBe('ready');
  expect(p.errors).toEqual([]);
  return p;
}

const iso = (outcomes: Outcome[], accountId: string) =>
  outcomes
    .filter((o) => o.accountId === accountId)
    .sort((a, b) => a.day - b.day)
    .map((o) => [dayToIso(o.day), o.outcome]);

beforeAll(async () => {
  const accounts = await parseCsv(text('accounts'));
  accountIds = new Set(accounts.rows.map((r) => r[0]));
  expect(accountIds.size).toBe(500);
});

describe('RavenStack renewals inferred from subscriptions', () => {
  it('subscriptions alone: renewals up to the data end, ARR and renewal date for every account', async () => {
    const p = await viaPreset('subscriptions', new OutcomeBook());
    expect(p.kind).toBe('subscriptions');
    expect(p.outcomes).toHaveLength(580);
    expect(p.outcomes.every((o) => o.outcome === 'renewed')).toBe(true);
    expect(Math.max(...p.outcomes.map((o) => o.day))).toBeLessThanOrEqual(DATA_END);
    expect(p.accountPatches).toHaveLength(500);
    expect(p.accountPatches.filter((a) => (a.arr ?? 0) > 0)).toHaveLength(500);
    expect(p.accountPatches.every((a) => a.renewalDate! > DATA_END)).toBe(true);
    // A-3c1a3f: first paid subscription S-8cec59 on 2023-12-23 (the earlier rows are $0 trials);
    // S-8cec59 ended 2024-04-12 and S-5856ab 2024-11-25 while S-e9737c ran on; on
    // 2024-12-31 seven paid subscriptions are in force: 69,252 + 912 + 4,776 + 7,164 + 48,216 +
    // 2,388 + 1,596.
    expect(iso(p.outcomes, 'A-3c1a3f')).toEqual([
      ['2024-04-12', 'renewed'],
      ['2024-11-25', 'renewed'],
      ['2024-12-23', 'renewed'],
    ]);
    const a = p.accountPatches.find((x) => x.id === 'A-3c1a3f')!;
    expect(a.arr).toBe(134_304);
    expect(dayToIso(a.renewalDate!)).toBe('2025-12-23');
    expect(p.outcomeNotes[0]).toMatch(/^Renewals inferred: 580 \(186 at a contract anniversary/);
    expect(p.outcomeNotes[1]).toMatch(/ARR of 500 of 500 accounts/);
  });

  it('accounts → subscriptions → churn events: the churns withdraw the renewals after them', async () => {
    const book = new OutcomeBook();
    book.apply(await viaPreset('subscriptions', book));
    const churn = await viaPreset('churn_events', book);
    expect(churn.outcomes).toHaveLength(599);
    expect(churn.withdrawnOutcomes).toHaveLength(350);
    expect(churn.outcomeNotes).toEqual([
      '350 renewals inferred from subscriptions are dated on or after a churn this file records and give way to it: replaced by the churn on its own day, removed after it.',
      'This file is a churn log: every row is a churn, so it cannot say which accounts renewed. The renewals that balance these churns come from your other imports (230 renewals in the book).',
    ]);
    book.apply(churn);
    expect(book.list('renewed')).toHaveLength(230);
    expect(book.list('churned')).toHaveLength(599);
    expect(new Set(book.list('renewed').map((o) => o.accountId)).size).toBe(158);
    // No renewal on or after the account's first churn, none after the data's end.
    const firstChurn = outcomeFactsOf(book.list()).firstChurn;
    for (const r of book.list('renewed')) {
      expect(r.day).toBeLessThan(firstChurn.get(r.accountId) ?? Infinity);
      expect(r.day).toBeLessThanOrEqual(DATA_END);
    }
    // A-7f6b86: S-f49e0b ended 2024-03-21 while S-3445f5 ran on (renewed); churned 2024-07-10,
    // so its contract anniversary on 2024-10-15 (first paid subscription 2023-10-15) is not one.
    expect(iso(book.list(), 'A-7f6b86')).toEqual([
      ['2024-03-21', 'renewed'],
      ['2024-07-10', 'churned'],
    ]);
  });

  it('churn events first, then subscriptions: the same balanced outcomes', async () => {
    const forward = new OutcomeBook();
    forward.apply(await viaPreset('subscriptions', forward));
    forward.apply(await viaPreset('churn_events', forward));

    const book = new OutcomeBook();
    const churn = await viaPreset('churn_events', book);
    expect(churn.outcomeNotes).toEqual([
      expect.stringMatching(
        /churn log: .* No renewals have been imported either, so a backtest would see churned accounts only\. Canary infers renewals from a subscriptions file/,
      ),
    ]);
    book.apply(churn);
    const subs = await viaPreset('subscriptions', book);
    expect(subs.outcomes).toHaveLength(230);
    expect(subs.outcomeNotes[2]).toBe(
      '350 renewal point(s) were left out: on or after a churn the book already records for that account.',
    );
    book.apply(subs);
    const keys = (b: OutcomeBook) => [...b.byKey.keys()].sort();
    expect(keys(book)).toEqual(keys(forward));
  });
});
