// Pure helpers of the fit panel: a fitted model's weights and points per bin as readable rows
// ("38%–51% of seats active → 27 points"), and the weight changes against the current model.
import { effectiveShares, type ModelDocument } from '../engine';
import type { Measure, ScoringFunction } from '../engine/model/schema';
import { formatValue } from '../engine/score/format';

/** One measure of a model in readable form. */
export interface ReadableMeasure {
  id: string;
  name: string;
  group: string;
  /** Share of the score, 0–1. */
  share: number;
  /** Share under the model it is compared with (null when that model lacks the measure). */
  previousShare: number | null;
  /** "value range → points" lines. */
  tiers: string[];
  missing: string;
}

function scoringLines(s: ScoringFunction, m: Measure): string[] {
  const v = (x: number) => formatValue(x, m.format);
  switch (s.type) {
    case 'tiers': {
      const steps = [...s.steps].sort((a, b) => a.atLeast - b.atLeast);
      const lines = [`below ${v(steps[0].atLeast)} → ${s.base} points`];
      steps.forEach((st, i) => {
        const next = steps[i + 1];
        lines.push(
          next
            ? `${v(st.atLeast)} to under ${v(next.atLeast)} → ${st.points} points`
            : `${v(st.atLeast)} or more → ${st.points} points`,
        );
      });
      return lines;
    }
    case 'categorical':
      return [
        ...Object.entries(s.points).map(([k, p]) => `${k} → ${p} points`),
        `anything else → ${s.otherwise} points`,
      ];
    case 'linear':
      return [`${v(s.red)} → 0 points, rising evenly to ${v(s.green)} → 100 points`];
    case 'target':
      return [`${v(s.low)} to ${v(s.high)} → 100 points, falling off outside`];
    case 'boolean':
      return [`yes → ${s.whenTrue} points`, `no → ${s.whenFalse} points`];
    case 'percentile':
      return [`ranked against the book, ${s.higherIsBetter ? 'higher' : 'lower'} is better`];
  }
}

const MISSING: Record<string, string> = {
  skip: 'no data: left out of the score',
  neutral: 'no data: 50 points',
  worst: 'no data: 0 points',
};

/** The measures of `model` with weight, in readable form, largest share first. */
export function readableMeasures(
  model: ModelDocument,
  previous: ModelDocument | null,
): ReadableMeasure[] {
  const shares = new Map(effectiveShares(model).measures.map((m) => [m.id, m.share]));
  const before = previous
    ? new Map(effectiveShares(previous).measures.map((m) => [m.id, m.share]))
    : new Map<string, number>();
  const out: ReadableMeasure[] = [];
  for (const g of model.groups) {
    for (const m of g.measures) {
      const share = shares.get(m.id) ?? 0;
      if (share <= 0) continue;
      out.push({
        id: m.id,
        name: m.name,
        group: g.name,
        share,
        previousShare: before.get(m.id) ?? null,
        tiers: scoringLines(m.scoring, m),
        missing: MISSING[m.missing] ?? m.missing,
      });
    }
  }
  return out.sort((a, b) => b.share - a.share);
}

/** Pattern rules of a fitted model that subtract points or cap the band, in words. */
export function readablePatterns(model: ModelDocument): string[] {
  return model.patterns.map((p) => {
    const effects = [
      p.subtractPoints ? `subtracts ${p.subtractPoints} points` : '',
      p.capBand ? `caps the band at ${p.capBand}` : '',
    ].filter(Boolean);
    return `${p.name}: ${effects.length ? effects.join(' and ') : 'shown in explanations only'}`;
  });
}
