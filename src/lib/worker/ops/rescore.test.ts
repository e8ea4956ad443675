// The rescore op on real books in fake-indexeddb: RavenStack imported through the Import page's
// ops into an erased book (data ending 2024-12-31, scored on a pinned 2026 "today"), and the
// demo book. Checks the scoring day, that nothing is green on missing data, that tiles and
// filters count the same accounts, and that churn outcomes archive (and un-archive) accounts.
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RAVENSTACK_DIR } from '../../../../tests/datasets';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import {
  deleteOutcome,
  eraseAllData,
  getDb,
  getSetting,
  recordOutcome,
  SCORING_DAY_SETTING,
  type ScoringDayRecord,
} from '../../db';
import { MIN_COVERAGE } from '../../engine';
import { renewalRollFor } from '../../engine/book-state';
import { isoToDay, ymdToDay } from '../../engine/dates';
import { buildRows, HEALTH_GROUPS, type PortfolioRow } from '../../state/portfolio-row';
import { applyView, DEFAULT_VIEW, summarise } from '../../state/portfolio-view';
import exportCsv from './export-csv';
import importApply from './import-apply';
import importOpen from './import-open';
import type { ImportSource } from './import-source';
import loadDemo from './load-demo';
import rescore from './rescore';

const TODAY = isoToDay(FIXED_TODAY_ISO)!;
const DATA_END = ymdToDay(2024, 12, 31);

function source(name: string): ImportSource {
  const bytes = readFileSync(`${RAVENSTACK_DIR}${name}`);
  return { file: new File([bytes], name, { lastModified: 1 }), fileName: name };
}

/** Imports one RavenStack table with the preset the Import page recognises. */
async function importTable(name: string, lookups: { name: string; file: string }[] = []) {
  const s = source(name);
  const opened = await importOpen(s);
  if (opened.kind !== 'csv') throw new Error('expected a CSV');
  expect(opened.preset, name).not.toBeNull();
  const needs = opened.preset!.lookups;
  await importApply({
    source: s,
    mapping: opened.mapping,
    unknownAccounts: 'error',
    mappingName: null,
    lookups: lookups.map((l) => ({
      need: needs.find((n) => n.name === l.name)!,
      source: source(l.file),
    })),
  });
}

async function storedRows(): Promise<PortfolioRow[]> {
  const db = getDb();
  return buildRows(await db.accounts.toArray(), await db.currentScores.toArray());
}

/** Tiles (summarise) and filters (applyView) count the same accounts, and ARR, per group. */
function expectTilesMatchFilters(rows: PortfolioRow[]) {
  const s = summarise(rows);
  for (const g of HEALTH_GROUPS) {
    const shown = applyView(rows, { ...DEFAULT_VIEW, bands: [g] });
    expect(s.bands[g].accounts, g).toBe(shown.length);
    expect(s.bands[g].arr, g).toBeCloseTo(
      shown.reduce((n, r) => n + (r.arr ?? 0), 0),
      6,
    );
    expect(
      shown.every(
        (r) => r.group === g && (r.band === null) === (g === 'stale' || g === 'unscored'),
      ),
    ).toBe(true);
  }
  const archived = applyView(rows, { ...DEFAULT_VIEW, archived: true });
  expect(s.archived.accounts).toBe(archived.length);
  expect(archived.every((r) => r.archivedDay !== null)).toBe(true);
  return s;
}

describe('rescore: RavenStack imported into an empty book, two years before today', () => {
  beforeAll(async () => {
    await eraseAllData(getDb());
    await importTable('ravenstack_accounts.csv');
    await importTable('ravenstack_subscriptions.csv');
    await importTable('ravenstack_feature_usage.csv', [
      { name: 'subscriptions', file: 'ravenstack_subscriptions.csv' },
    ]);
    await importTable('ravenstack_support_tickets.csv');
    await importTable('ravenstack_churn_events.csv');
  }, 60_000);

  it('scores as of the newest data, and stores that decision with the scores', async () => {
    const summary = await rescore({ today: TODAY });
    const expected: ScoringDayRecord = {
      day: DATA_END,
      today: TODAY,
      basis: 'newest-data',
      newestDataDay: DATA_END,
      lookbackDays: 365,
    };
    expect(summary.scoring).toEqual(expected);
    expect(await getSetting(getDb(), SCORING_DAY_SETTING)).toEqual(expected);
    const current = await getDb().currentScores.toArray();
    expect(current).toHaveLength(500);
    expect(current.every((c) => c.asOfDay === DATA_END)).toBe(true);
  });

  it('shows no account green (or any band) on too little data, churned ones included', async () => {
    const current = await getDb().currentScores.toArray();
    for (const c of current) {
      if (c.band !== null) expect(c.coverage).toBeGreaterThanOrEqual(MIN_COVERAGE);
      else expect(c.score).toBeNull();
    }
    // The default model reads only RavenStack's tickets and escalations (13% of its weight):
    // every account is stale or not scored, and says why.
    expect(current.filter((c) => c.band === 'green')).toEqual([]);
    const rows = await storedRows();
    const s = expectTilesMatchFilters(rows);
    expect(s.bands.red.accounts + s.bands.amber.accounts + s.bands.green.accounts).toBe(0);
    expect(s.bands.stale.accounts + s.bands.unscored.accounts + s.archived.accounts).toBe(500);
    // Every account has data within the year before 2024-12-31 (monthly subscriptions), so
    // none is stale: each is not scored, and says why.
    expect(current.every((c) => c.summary.status === 'unscored')).toBe(true);
    expect(current[0].explanation).toMatch(
      /^Not scored: only \d+% of the model's weight had data as of 2024-12-31 \(a score needs at least 30%\)/,
    );
  });

  it('archives the accounts whose latest outcome is a churn, and ranks only the live ones', async () => {
    const db = getDb();
    const outcomes = await db.outcomes.toArray();
    const latest = new Map<string, { day: number; outcome: string }>();
    for (const o of outcomes) {
      const seen = latest.get(o.accountId);
      if (!seen || o.day > seen.day) latest.set(o.accountId, o);
    }
    const churned = [...latest].filter(([, o]) => o.outcome === 'churned').map(([id]) => id);
    const rows = await storedRows();
    const archived = rows.filter((r) => r.archivedDay !== null).map((r) => r.id);
    expect(archived.sort()).toEqual(churned.sort());
    expect(archived.length).toBeGreaterThan(0);
    const live = applyView(rows, DEFAULT_VIEW);
    expect(live.map((r) => r.rank).sort((a, b) => a - b)).toEqual(
      Array.from({ length: live.length }, (_, i) => i + 1),
    );
  });

  it('exports the scores with the day, its basis and each status', async () => {
    const file = await exportCsv({ kind: 'scores', todayIso: FIXED_TODAY_ISO });
    const lines = new TextDecoder().decode(file.bytes).trim().split(/\r?\n/);
    expect(lines[0]).toBe(
      'account_id,name,as_of,as_of_basis,model,status,score,band,coverage,trend_change,priority_rank,priority_reason,archived_on,explanation',
    );
    expect(lines).toHaveLength(501);
    expect(lines[1]).toMatch(/^[^,]+,[^,]+,2024-12-31,newest data,[^,]+,(stale|unscored),,,/);
  });
});

describe('rescore: RavenStack forced to today', () => {
  it('shows every account stale (what used to be "Green 100"), with its last data day', async () => {
    await rescore({ today: TODAY, asOfDay: TODAY });
    const current = await getDb().currentScores.toArray();
    expect(current.every((c) => c.asOfDay === TODAY && c.band === null)).toBe(true);
    expect(current.every((c) => c.summary.status === 'stale')).toBe(true);
    const rows = await storedRows();
    const s = expectTilesMatchFilters(rows);
    expect(s.bands.stale.accounts + s.archived.accounts).toBe(500);
    const one = rows.find((r) => r.group === 'stale' && r.archivedDay === null)!;
    expect(one.lastDataDay).toBeLessThanOrEqual(DATA_END);
    expect(one.explanation).toMatch(
      /^Stale: no data since 2024-\d\d-\d\d, [\d,]+ days before 2026-11-23/,
    );
    expect(one.priorityReason).toMatch(/stale data/);
  });
});

describe('rescore: the demo book', () => {
  beforeAll(async () => {
    await eraseAllData(getDb());
    await loadDemo({ todayDay: TODAY });
  });

  it('is scored as of today, with tiles and filters agreeing and the churned accounts archived', async () => {
    const scoring = await getSetting<ScoringDayRecord>(getDb(), SCORING_DAY_SETTING);
    expect(scoring).toMatchObject({ day: TODAY, basis: 'today' });
    const rows = await storedRows();
    const s = expectTilesMatchFilters(rows);
    const churned = new Set(
      (await getDb().outcomes.toArray())
        .filter((o) => o.outcome === 'churned')
        .map((o) => o.accountId),
    );
    expect(s.archived.accounts).toBe(churned.size);
    // The live book is scored: every live account has a band.
    expect(s.bands.red.accounts + s.bands.amber.accounts + s.bands.green.accounts).toBe(
      rows.length - churned.size,
    );
  });

  it('archives an account when a churn is recorded and brings it back when it is deleted', async () => {
    const db = getDb();
    const live = applyView(await storedRows(), DEFAULT_VIEW);
    const target = live[0];
    const { id } = await recordOutcome(
      db,
      { accountId: target.id, day: TODAY, outcome: 'churned', reason: 'Budget', avoidable: true },
      renewalRollFor,
    );
    await rescore({ today: TODAY });
    let rows = await storedRows();
    expect(rows.find((r) => r.id === target.id)!.archivedDay).toBe(TODAY);
    expect(applyView(rows, DEFAULT_VIEW).map((r) => r.id)).not.toContain(target.id);
    expectTilesMatchFilters(rows);
    await deleteOutcome(db, id);
    await rescore({ today: TODAY });
    rows = await storedRows();
    expect(rows.find((r) => r.id === target.id)!.archivedDay).toBeNull();
    expect(applyView(rows, DEFAULT_VIEW).map((r) => r.id)).toContain(target.id);
  });

  it('takes a renewed account out of "renews in N days" by rolling its renewal date', async () => {
    const db = getDb();
    const soon = applyView(await storedRows(), { ...DEFAULT_VIEW, renewalWithinDays: 30 });
    expect(soon.length).toBeGreaterThan(0);
    const target = soon[0];
    expect(target.priorityReason).toMatch(/^Renews in \d+ days|^Renews today/);
    const before = (await db.accounts.get(target.id))!.renewalDate!;
    const { renewalRoll } = await recordOutcome(
      db,
      { accountId: target.id, day: TODAY, outcome: 'renewed', reason: null, avoidable: null },
      renewalRollFor,
    );
    expect(renewalRoll).toMatchObject({ from: before, termMonths: 12 });
    await rescore({ today: TODAY });
    const rows = await storedRows();
    const after = rows.find((r) => r.id === target.id)!;
    expect(after.renewalDay).toBe(renewalRoll!.to);
    expect(after.daysToRenewal).toBeGreaterThan(300);
    expect(after.priorityReason).not.toMatch(/Renews/);
    expect(
      applyView(rows, { ...DEFAULT_VIEW, renewalWithinDays: 30 }).map((r) => r.id),
    ).not.toContain(target.id);
  });
});
