import { describe, expect, it } from 'vitest';
import type { ModelVersionRecord, ScoreHistoryRecord } from '../db';
import { isoToDay } from '../engine/dates';
import {
  chartMarkers,
  historyLines,
  historySummary,
  metricLabel,
  pulseLabel,
  rangeStartDay,
  signalSummary,
} from './account-history';

const D = isoToDay('2026-11-23')!;

function history(
  modelKey: string,
  days: number[],
  scores: number[],
  bands: number[],
): ScoreHistoryRecord {
  return {
    accountId: 'a',
    modelKey,
    days: Int32Array.from(days),
    scores: Float32Array.from(scores),
    bands: Uint8Array.from(bands),
    coverage: new Float32Array(days.length).fill(1),
  };
}

function model(key: string, version: number, createdIso: string): ModelVersionRecord {
  return {
    key,
    modelId: 'm',
    version,
    name: 'Default',
    createdAt: Date.parse(`${createdIso}T10:00:00Z`),
    document: {},
  };
}

describe('rangeStartDay', () => {
  it('counts back from the last day, or shows everything', () => {
    expect(rangeStartDay('90d', D)).toBe(D - 90);
    expect(rangeStartDay('1y', D)).toBe(D - 365);
    expect(rangeStartDay('all', D)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('historyLines', () => {
  it('puts the active version first, rounds scores and keeps points in range', () => {
    const models = [model('m@1', 1, '2025-01-01'), model('m@2', 2, '2026-10-01')];
    const lines = historyLines(
      [
        history('m@1', [D - 200, D - 14, D - 7], [40.4, 55.6, 60], [1, 1, 1]),
        history('m@2', [D - 14, D - 7, D], [20, 25.5, 80], [0, 0, 2]),
      ],
      'm@2',
      models,
      D - 30,
    );
    expect(lines.map((l) => [l.modelKey, l.label, l.active])).toEqual([
      ['m@2', 'Default v2', true],
      ['m@1', 'Default v1', false],
    ]);
    expect(lines[0]).toMatchObject({ days: [D - 14, D - 7, D], scores: [20, 26, 80] });
    expect(lines[0].bands).toEqual(['red', 'red', 'green']);
    expect(lines[1].scores).toEqual([56, 60]);
    expect(historySummary(lines[0])).toBe(
      'From 20 (red) on Nov 9, 2026 to 80 (green) on Nov 23, 2026; lowest 20 (red) on Nov 9, 2026, highest 80 (green) on Nov 23, 2026.',
    );
    expect(historySummary(undefined)).toBe('No score history in this range.');
  });
});

describe('chartMarkers', () => {
  it('marks pulses, outcomes, overrides and later model versions in range, oldest first', () => {
    const markers = chartMarkers(
      {
        pulses: [{ accountId: 'a', day: D - 3, value: 1, reason: null }],
        outcomes: [
          { accountId: 'a', day: D - 400, outcome: 'renewed', reason: null, avoidable: null },
        ],
        overrides: [{ accountId: 'a', day: D, band: 'green', reason: 'r', expiresDay: D + 10 }],
        models: [model('m@2', 2, '2026-11-10'), model('m@1', 1, '2024-01-01')],
      },
      D - 90,
      D,
    );
    expect(markers).toEqual([
      {
        day: isoToDay('2026-11-10'),
        kind: 'model',
        glyph: 'M',
        label: 'Model changed to Default v2',
      },
      { day: D - 3, kind: 'pulse', glyph: 'P', label: 'CSM pulse 1 of 5 (red)' },
      { day: D, kind: 'override', glyph: 'B', label: 'Band set to green' },
    ]);
  });
});

describe('labels', () => {
  it('reads metric names and pulse values for people', () => {
    expect(metricLabel('champion_replies')).toBe('Champion replies');
    expect(metricLabel('nps')).toBe('NPS');
    expect(metricLabel('days_since_qbr')).toBe('Days since QBR');
    expect(pulseLabel(3)).toBe('3 of 5 (amber)');
    expect(pulseLabel(4)).toBe('4 of 5');
  });
});

describe('signalSummary', () => {
  it('states the latest value and the change over the range', () => {
    const s = signalSummary(
      {
        accountId: 'a',
        metric: 'active_users',
        days: Int32Array.of(D - 100, D - 14, D - 7, D),
        values: Float64Array.of(5, 40, 35, 30),
      },
      D - 90,
    );
    expect(s).toMatchObject({ latest: 30, latestDay: D, change: -10, changeShare: -0.25 });
    expect(s.days).toEqual([D - 14, D - 7, D]);
    expect(s.text).toBe(
      'Active users: latest 30 on Nov 23, 2026, down 10 (25%) since Nov 9, 2026.',
    );
    const empty = signalSummary(
      { accountId: 'a', metric: 'nps', days: Int32Array.of(D - 200), values: Float64Array.of(9) },
      D - 90,
    );
    expect(empty).toMatchObject({
      latest: null,
      change: null,
      text: 'NPS: no data in this range.',
    });
  });
});
