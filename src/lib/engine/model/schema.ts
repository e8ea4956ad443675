// The model document's schema: the single source of truth for what a model file may contain.
// Types are inferred from it so the JSON format, the validator and the engine cannot drift apart.
import { z } from 'zod';

const num = (msg: string) => z.number({ error: msg }).refine(Number.isFinite, { error: msg });
const nonNegative = num('must be a number ≥ 0').refine((v) => v >= 0, {
  error: 'must be a number ≥ 0',
});
const positiveInt = z
  .number({ error: 'must be a whole number ≥ 1' })
  .int({ error: 'must be a whole number ≥ 1' })
  .min(1, { error: 'must be a whole number ≥ 1' });
const points = num('must be a number from 0 to 100').refine((v) => v >= 0 && v <= 100, {
  error: 'must be a number from 0 to 100',
});
const id = z
  .string({ error: 'must be an id (letters, digits, - or _)' })
  .regex(/^[A-Za-z0-9_-]+$/, { error: 'must be an id (letters, digits, - or _)' });
const text = z.string({ error: 'must be text' }).min(1, { error: 'must not be empty' });

/** How a series is summarised over a window. */
export const AggregateSchema = z.enum(['latest', 'mean', 'sum', 'min', 'max', 'count']);

/** Account attributes a measure or condition can read; any other name is a custom attribute. */
export const BUILT_IN_ATTRIBUTES = [
  'segment',
  'arr',
  'seats',
  'owner',
  'tenureDays',
  'daysToRenewal',
] as const;

/** Where a measure's raw value comes from. */
export const MeasureSourceSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('aggregate'),
    metric: text,
    agg: AggregateSchema,
    windowDays: positiveInt,
  }),
  z.strictObject({
    kind: z.literal('change'),
    metric: text,
    agg: AggregateSchema,
    windowDays: positiveInt,
  }),
  z.strictObject({
    kind: z.literal('slope'),
    metric: text,
    windowDays: positiveInt,
    relative: z.boolean({ error: 'must be true or false' }).optional(),
  }),
  z.strictObject({
    kind: z.literal('daysSince'),
    metric: text,
    event: z.enum(['any', 'nonZero']),
  }),
  z.strictObject({
    kind: z.literal('ratio'),
    numerator: z.strictObject({ metric: text, agg: AggregateSchema }),
    denominator: z.strictObject({ metric: text, agg: AggregateSchema }),
    windowDays: positiveInt,
  }),
  z.strictObject({ kind: z.literal('attribute'), attribute: text }),
  z.strictObject({ kind: z.literal('pulse') }),
]);

/** A function from a measure's raw value to a 0–100 measure score. */
export const ScoringFunctionSchema = z.discriminatedUnion('type', [
  z.strictObject({
    type: z.literal('linear'),
    red: num('must be a number'),
    green: num('must be a number'),
  }),
  z.strictObject({
    type: z.literal('target'),
    low: num('must be a number'),
    high: num('must be a number'),
    falloff: nonNegative,
  }),
  z.strictObject({
    type: z.literal('tiers'),
    base: points,
    steps: z.array(z.strictObject({ atLeast: num('must be a number'), points })).min(1, {
      error: 'must have at least one step',
    }),
  }),
  z.strictObject({
    type: z.literal('categorical'),
    points: z.record(z.string(), points),
    otherwise: points,
  }),
  z.strictObject({ type: z.literal('boolean'), whenTrue: points, whenFalse: points }),
  z.strictObject({
    type: z.literal('percentile'),
    higherIsBetter: z.boolean({ error: 'must be true or false' }),
  }),
]);

/** How a value is shown in explanations. */
export const ValueFormatSchema = z.enum(['number', 'percent', 'ratioPercent', 'days', 'currency']);

/** One scored input of the model. */
export const MeasureSchema = z.strictObject({
  id,
  name: text,
  weight: nonNegative,
  source: MeasureSourceSchema,
  scoring: ScoringFunctionSchema,
  horizon: z.enum(['leading', 'lagging']),
  nature: z.enum(['activity', 'value']),
  missing: z.enum(['skip', 'neutral', 'worst']).default('skip'),
  format: ValueFormatSchema.default('number'),
  /**
   * Explanation phrase; placeholders {value} {abs} {change} {window}. Either one template, or
   * `bad` (named as a weakness), `good` (named as a strength) and optional `zero` (value is 0).
   */
  phrase: z
    .union([text, z.strictObject({ bad: text, good: text, zero: text.optional() })], {
      error: 'must be text or { bad, good, zero? }',
    })
    .optional(),
});

/** A dimension of health (usage, support…) holding measures. */
export const GroupSchema = z.strictObject({
  id,
  name: text,
  weight: nonNegative,
  measures: z.array(MeasureSchema).min(1, { error: 'must have at least one measure' }),
});

/** Score thresholds for the three bands (inclusive upper bounds). */
export const BandThresholdsSchema = z
  .strictObject({ redMax: points, amberMax: points })
  .refine((b) => b.redMax < b.amberMax, { error: 'redMax must be below amberMax' });

/** A user-defined lifecycle stage by tenure range [minTenureDays, maxTenureDays). */
export const TenureStageSchema = z.strictObject({
  id,
  name: text,
  minTenureDays: nonNegative,
  maxTenureDays: nonNegative.nullable().default(null),
});

/** Lifecycle stage definitions. */
export const LifecycleSchema = z.strictObject({
  onboardingDays: nonNegative,
  renewalWindowDays: nonNegative,
  stages: z.array(TenureStageSchema).default([]),
});

/** Weight and threshold changes applied when an account matches `when`. */
export const ContextOverrideSchema = z.strictObject({
  id,
  name: text,
  when: z.strictObject({
    segments: z.array(text).optional(),
    stages: z.array(text).optional(),
  }),
  groupWeights: z.record(z.string(), nonNegative).default({}),
  measureWeights: z.record(z.string(), nonNegative).default({}),
  scoring: z.record(z.string(), ScoringFunctionSchema).default({}),
});

const ComparisonSchema = z.enum(['<', '<=', '>', '>=', '=', '!=']);

/** One test inside a pattern rule; all of a rule's conditions must hold. */
export const ConditionSchema = z.union([
  z.strictObject({ measure: id, op: ComparisonSchema, value: num('must be a number') }),
  z.strictObject({ measureScore: id, op: ComparisonSchema, value: num('must be a number') }),
  z.strictObject({
    attribute: text,
    op: ComparisonSchema,
    value: z.union([z.number(), z.string(), z.boolean()], {
      error: 'must be a number, text or true/false',
    }),
  }),
  z.strictObject({ stage: z.array(text).min(1, { error: 'must name at least one stage' }) }),
]);

/** A named AND-combination of conditions that caps the band and/or subtracts points. */
export const PatternRuleSchema = z
  .strictObject({
    id,
    name: text,
    description: z.string().default(''),
    conditions: z.array(ConditionSchema).min(1, { error: 'must have at least one condition' }),
    capBand: z.enum(['red', 'amber']).optional(),
    subtractPoints: points.optional(),
  })
  .refine((p) => p.capBand !== undefined || p.subtractPoints !== undefined, {
    error: 'needs capBand or subtractPoints (or both)',
  });

/** The whole model document (version 1 of the format). */
export const ModelDocumentSchema = z.strictObject({
  format: z.literal('canary-model/1', { error: 'must be "canary-model/1"' }),
  id,
  name: text,
  version: positiveInt,
  description: z.string().default(''),
  bands: BandThresholdsSchema.default({ redMax: 30, amberMax: 70 }),
  trend: z
    .strictObject({ windowDays: positiveInt, deadZone: nonNegative })
    .default({ windowDays: 30, deadZone: 5 }),
  pulse: z.strictObject({ halfLifeDays: nonNegative }).default({ halfLifeDays: 30 }),
  lifecycle: LifecycleSchema.default({ onboardingDays: 90, renewalWindowDays: 90, stages: [] }),
  groups: z.array(GroupSchema).min(1, { error: 'must have at least one group' }),
  contexts: z.array(ContextOverrideSchema).default([]),
  patterns: z.array(PatternRuleSchema).default([]),
});

/** A validated model document. */
export type ModelDocument = z.output<typeof ModelDocumentSchema>;
/** A model document as written by hand (defaults may be omitted). */
export type ModelDocumentInput = z.input<typeof ModelDocumentSchema>;
/** One measure of a model. */
export type Measure = ModelDocument['groups'][number]['measures'][number];
/** One group of a model. */
export type MeasureGroup = ModelDocument['groups'][number];
/** Where a measure's value comes from. */
export type MeasureSource = z.output<typeof MeasureSourceSchema>;
/** A value → 0–100 scoring function. */
export type ScoringFunction = z.output<typeof ScoringFunctionSchema>;
/** Band thresholds. */
export type BandThresholds = z.output<typeof BandThresholdsSchema>;
/** A segment/lifecycle override. */
export type ContextOverride = z.output<typeof ContextOverrideSchema>;
/** A pattern rule. */
export type PatternRule = z.output<typeof PatternRuleSchema>;
/** One condition of a pattern rule. */
export type PatternCondition = z.output<typeof ConditionSchema>;
/** Aggregation over a window. */
export type Aggregate = z.output<typeof AggregateSchema>;
/** Display format of a value. */
export type ValueFormat = z.output<typeof ValueFormatSchema>;
