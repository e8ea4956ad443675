// Short human descriptions of a model's parts (sources, scoring functions, conditions), used by
// the version diff and the builder's collapsed summaries.
import type {
  ContextOverride,
  MeasureSource,
  PatternCondition,
  ScoringFunction,
} from '$lib/engine';

function n(v: unknown): string {
  return typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toFixed(4))) : '?';
}

/** "mean of active_users over 28 days", "days since last non-zero champion_replies". */
export function describeSource(s: MeasureSource): string {
  switch (s.kind) {
    case 'aggregate':
      return `${s.agg} of ${s.metric} over ${n(s.windowDays)} days`;
    case 'change':
      return `% change in ${s.agg} of ${s.metric} over ${n(s.windowDays)} days`;
    case 'slope':
      return `${s.relative ? 'relative ' : ''}weekly slope of ${s.metric} over ${n(s.windowDays)} days`;
    case 'daysSince':
      return `days since the last ${s.event === 'nonZero' ? 'non-zero ' : ''}${s.metric}`;
    case 'ratio':
      return `${s.numerator.agg} ${s.numerator.metric} ÷ ${s.denominator.agg} ${s.denominator.metric} over ${n(s.windowDays)} days`;
    case 'attribute':
      return `attribute ${s.attribute}`;
    case 'pulse':
      return 'CSM pulse';
  }
}

/** "linear red 0.3 → green 0.8", "tiers base 0; ≥ 2: 50; ≥ 5: 100". */
export function describeScoring(f: ScoringFunction): string {
  switch (f.type) {
    case 'linear':
      return `linear, red ${n(f.red)} → green ${n(f.green)}`;
    case 'target':
      return `target ${n(f.low)}–${n(f.high)} (falloff ${n(f.falloff)})`;
    case 'tiers':
      return `tiers, base ${n(f.base)}; ${f.steps.map((s) => `≥ ${n(s.atLeast)}: ${n(s.points)}`).join('; ')}`;
    case 'categorical':
      return `categories ${Object.entries(f.points)
        .map(([k, v]) => `${k}: ${n(v)}`)
        .join(', ')}; otherwise ${n(f.otherwise)}`;
    case 'boolean':
      return `yes ${n(f.whenTrue)} / no ${n(f.whenFalse)}`;
    case 'percentile':
      return `percentile in the book (${f.higherIsBetter ? 'higher' : 'lower'} is better)`;
  }
}

/** "usage_change_28d ≤ -30", "stage is renewal". */
export function describeCondition(c: PatternCondition): string {
  const op = (o: string) => ({ '<=': '≤', '>=': '≥', '!=': '≠' })[o] ?? o;
  if ('stage' in c) return `stage is ${c.stage.join(' or ')}`;
  if ('measure' in c) return `${c.measure} ${op(c.op)} ${n(c.value)}`;
  if ('measureScore' in c) return `score of ${c.measureScore} ${op(c.op)} ${n(c.value)}`;
  return `${c.attribute} ${op(c.op)} ${typeof c.value === 'string' ? `"${c.value}"` : String(c.value)}`;
}

/** "segment Enterprise, stage renewal" or "every account". */
export function describeWhen(c: Pick<ContextOverride, 'when'>): string {
  const parts: string[] = [];
  if (c.when.segments?.length) parts.push(`segment ${c.when.segments.join(' or ')}`);
  if (c.when.stages?.length) parts.push(`stage ${c.when.stages.join(' or ')}`);
  return parts.length ? parts.join(', ') : 'every account';
}
