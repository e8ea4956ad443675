// Lifecycle stages and context overrides: which weights and scoring functions apply to an
// account with a given segment at a given stage. Pure functions of the model, no book needed.
import type { ModelDocument, ScoringFunction } from './schema';

/**
 * Whether a tenure (days since contract start; NaN when unknown) falls in onboarding — the
 * onboarding stage's own rule, whether or not a renewal window also covers the day.
 */
export function isOnboarding(model: ModelDocument, tenureDays: number): boolean {
  return tenureDays >= 0 && tenureDays < model.lifecycle.onboardingDays;
}

/** The lifecycle stage of an account on a day: renewal window, onboarding, a user stage, or none. */
export function lifecycleStage(
  model: ModelDocument,
  tenureDays: number,
  daysToRenewal: number,
): string | null {
  const lc = model.lifecycle;
  if (daysToRenewal >= 0 && daysToRenewal <= lc.renewalWindowDays) return 'renewal';
  if (isOnboarding(model, tenureDays)) return 'onboarding';
  if (tenureDays >= 0) {
    for (const s of lc.stages) {
      if (
        tenureDays >= s.minTenureDays &&
        (s.maxTenureDays === null || tenureDays < s.maxTenureDays)
      ) {
        return s.id;
      }
    }
  }
  return null;
}

/** Display name of a stage id. */
export function stageName(model: ModelDocument, stage: string | null): string {
  if (stage === null) return 'no stage';
  if (stage === 'renewal') return 'renewal window';
  if (stage === 'onboarding') return 'onboarding';
  return model.lifecycle.stages.find((s) => s.id === stage)?.name ?? stage;
}

/** Effective weights and scoring functions for one context. */
export interface ResolvedContext {
  /** Ids of the context overrides that applied, in order. */
  applied: string[];
  /** Share of the total score per measure (flat, group order), summing to 1 (0 when all weights are 0). */
  measureShares: Float64Array;
  /** Share per group, summing to 1. */
  groupShares: Float64Array;
  /** Scoring function per measure (flat, group order). */
  scoring: ScoringFunction[];
}

/** Resolves overrides for a segment and stage (later overrides win) and normalises the weights. */
export function resolveContext(
  model: ModelDocument,
  segment: string | null,
  stage: string | null,
): ResolvedContext {
  const seg = segment?.toLowerCase() ?? null;
  const groupWeights = new Map<string, number>();
  const measureWeights = new Map<string, number>();
  const scoringOverrides = new Map<string, ScoringFunction>();
  const applied: string[] = [];
  for (const c of model.contexts) {
    if (
      c.when.segments &&
      (seg === null || !c.when.segments.some((s) => s.toLowerCase() === seg))
    ) {
      continue;
    }
    if (c.when.stages && (stage === null || !c.when.stages.includes(stage))) continue;
    applied.push(c.id);
    for (const [k, v] of Object.entries(c.groupWeights)) groupWeights.set(k, v);
    for (const [k, v] of Object.entries(c.measureWeights)) measureWeights.set(k, v);
    for (const [k, v] of Object.entries(c.scoring)) scoringOverrides.set(k, v);
  }
  const count = model.groups.reduce((n, g) => n + g.measures.length, 0);
  const measureShares = new Float64Array(count);
  const groupShares = new Float64Array(model.groups.length);
  const scoring: ScoringFunction[] = [];
  let i = 0;
  let total = 0;
  model.groups.forEach((g, gi) => {
    const gw = groupWeights.get(g.id) ?? g.weight;
    let inGroup = 0;
    for (const m of g.measures) inGroup += measureWeights.get(m.id) ?? m.weight;
    for (const m of g.measures) {
      const mw = measureWeights.get(m.id) ?? m.weight;
      const w = inGroup > 0 ? (gw * mw) / inGroup : 0;
      measureShares[i++] = w;
      groupShares[gi] += w;
      total += w;
      scoring.push(scoringOverrides.get(m.id) ?? m.scoring);
    }
  });
  if (total > 0) {
    for (let k = 0; k < count; k++) measureShares[k] /= total;
    for (let k = 0; k < groupShares.length; k++) groupShares[k] /= total;
  }
  return { applied, measureShares, groupShares, scoring };
}

/** Effective share (0–1) of every group and measure for display, optionally in a context. */
export function effectiveShares(
  model: ModelDocument,
  context: { segment?: string | null; stage?: string | null } = {},
): {
  groups: { id: string; share: number }[];
  measures: { id: string; groupId: string; share: number }[];
} {
  const r = resolveContext(model, context.segment ?? null, context.stage ?? null);
  const measures: { id: string; groupId: string; share: number }[] = [];
  let i = 0;
  for (const g of model.groups) {
    for (const m of g.measures)
      measures.push({ id: m.id, groupId: g.id, share: r.measureShares[i++] });
  }
  return {
    groups: model.groups.map((g, gi) => ({ id: g.id, share: r.groupShares[gi] })),
    measures,
  };
}
