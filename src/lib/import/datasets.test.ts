// The real data sets of tests/datasets through the shipped presets.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DATASETS_DIR } from '../../../tests/datasets';
import { FIXED_TODAY_ISO } from '../../../tests/setup';
import { isoToDay } from '../engine/dates';
import { parseCsv } from './csv-table';
import { decodeBytes } from './decode';
import { prepareImport } from './prepare';
import type { ImportContext, PreparedImport } from './prepared-import';
import { buildLookup, matchPreset } from './presets';
import { BUILTIN_PRESETS } from './presets-builtin';

const today = isoToDay(FIXED_TODAY_ISO)!;
const read = (path: string) => decodeBytes(new Uint8Array(readFileSync(DATASETS_DIR + path))).text;

async function viaPreset(
  path: string,
  context: Omit<ImportContext, 'fileName' | 'today'>,
  snapshotDate?: string,
  snapshotOutcomeDays?: number,
) {
  const text = read(path);
  const table = await parseCsv(text);
  const preset = matchPreset(table.headers, BUILTIN_PRESETS);
  expect(preset, path).not.toBeNull();
  const mapping = snapshotDate
    ? { ...preset!.mapping, snapshotDate, snapshotOutcomeDays }
    : preset!.mapping;
  const plan = await prepareImport(text, mapping, { fileName: path, today, ...context });
  return { preset: preset!, plan, table };
}

function pointsByMetric(plan: PreparedImport): Record<string, number> {
  const out: Record<string, number> = {};
  for (const s of plan.series) out[s.metric] = (out[s.metric] ?? 0) + s.days.length;
  return out;
}

describe('real data sets via presets', () => {
  it('RavenStack: 500 accounts, signals from subscriptions, usage and tickets, 599 churn outcomes', async () => {
    const accounts = await viaPreset('ravenstack/ravenstack_accounts.csv', {
      knownAccountIds: new Set(),
    });
    expect(accounts.preset.id).toBe('ravenstack-accounts');
    expect(accounts.plan.status).toBe('ready');
    expect(accounts.plan.accounts).toHaveLength(500);
    expect(accounts.plan.errors).toEqual([]);
    const known = new Set(accounts.plan.accounts.map((a) => a.id));

    const subs = await viaPreset('ravenstack/ravenstack_subscriptions.csv', {
      knownAccountIds: known,
    });
    expect(subs.preset.id).toBe('ravenstack-subscriptions');
    expect(subs.plan.errors).toEqual([]);
    expect(subs.plan.rows).toBe(5000);
    const lookups = { subscriptions: buildLookup(subs.table, 'subscription_id', 'account_id') };
    expect(lookups.subscriptions.size).toBe(5000);
    // Subscriptions starting on the same day are summed (the preset's policy), and reported.
    const subPoints = pointsByMetric(subs.plan);
    expect(subPoints.arr).toBe(subPoints.seats);
    expect(subPoints.arr + subs.plan.notices.length / 2).toBe(5000);

    const usage = await viaPreset('ravenstack/ravenstack_feature_usage.csv', {
      knownAccountIds: known,
      lookups,
    });
    expect(usage.preset.id).toBe('ravenstack-feature-usage');
    expect(usage.plan.errors).toEqual([]);
    const usageCounts = usage.plan.series.filter((s) => s.metric === 'feature_events');
    expect(usageCounts.reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0)).toBe(25000);

    const tickets = await viaPreset('ravenstack/ravenstack_support_tickets.csv', {
      knownAccountIds: known,
    });
    expect(tickets.plan.errors).toEqual([]);
    const ticketCounts = tickets.plan.series.filter((s) => s.metric === 'tickets');
    expect(ticketCounts.reduce((n, s) => n + s.values.reduce((a, b) => a + b, 0), 0)).toBe(2000);
    expect(Object.keys(pointsByMetric(tickets.plan)).sort()).toEqual([
      'escalations',
      'first_response_minutes',
      'resolution_time_hours',
      'satisfaction',
      'tickets',
    ]);

    const churn = await viaPreset('ravenstack/ravenstack_churn_events.csv', {
      knownAccountIds: known,
    });
    expect(churn.plan.rows).toBe(600);
    expect(churn.plan.errors).toEqual([]);
    // 600 churn events; two are the same account on the same day, which is one outcome.
    expect(churn.plan.outcomes).toHaveLength(599);
    expect(churn.plan.notices.map((n) => n.code)).toEqual(['duplicate']);
    expect(churn.plan.outcomes.every((o) => o.outcome === 'churned')).toBe(true);
    expect(new Set(churn.plan.outcomes.map((o) => o.accountId)).size).toBe(352);
  });

  it('Telco via the snapshot preset: 7,043 accounts, 1,869 churned, blanks are missing', async () => {
    const { preset, plan } = await viaPreset(
      'telco/Telco-Customer-Churn.csv',
      { knownAccountIds: new Set() },
      '2024-01-31',
      0,
    );
    expect(preset.id).toBe('telco-customer-churn');
    expect(plan.status).toBe('ready');
    expect(plan.errors).toEqual([]);
    expect(plan.accounts).toHaveLength(7043);
    expect(plan.outcomes).toHaveLength(7043);
    // "Churn by the snapshot date": every outcome on the snapshot day (a same-day test only).
    expect(new Set(plan.outcomes.map((o) => o.day))).toEqual(new Set([isoToDay('2024-01-31')]));
    expect(plan.outcomes.filter((o) => o.outcome === 'churned')).toHaveLength(1869);
    const points = pointsByMetric(plan);
    expect(points.tenure_months).toBe(7043);
    expect(points.total_charges).toBe(7043 - 11);
  });

  it('Telco churn observed within 90 days after the snapshot: outcomes dated 90 days later', async () => {
    const { plan } = await viaPreset(
      'telco/Telco-Customer-Churn.csv',
      { knownAccountIds: new Set() },
      '2024-01-31',
      90,
    );
    expect(plan.status).toBe('ready');
    expect(new Set(plan.outcomes.map((o) => o.day))).toEqual(new Set([isoToDay('2024-04-30')]));
    expect(new Set(plan.series.flatMap((s) => [...s.days]))).toEqual(
      new Set([isoToDay('2024-01-31')]),
    );
  });

  it('the Telco preset asks when Churn was observed before it can be applied', async () => {
    const { plan } = await viaPreset(
      'telco/Telco-Customer-Churn.csv',
      { knownAccountIds: new Set() },
      '2024-01-31',
    );
    expect(plan.status).toBe('rejected');
    expect(plan.errors.map((e) => [e.code, e.column])).toEqual([
      ['missing-outcome-timing', 'Churn'],
    ]);
  });

  it('the Telco preset cannot be applied before a snapshot date is chosen', async () => {
    const { plan } = await viaPreset('telco/Telco-Customer-Churn.csv', {
      knownAccountIds: new Set(),
    });
    expect(plan.status).toBe('rejected');
    expect(plan.errors.map((e) => e.code)).toEqual(['missing-snapshot-date']);
  });
});
