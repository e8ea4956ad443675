// The playbook document: a trigger, conditions on the account, anti-flap settings and the task
// it creates. Kept as JSON in the database (PlaybookRecord.definition) and in --playbooks files;
// always read through parsePlaybooks, which names the path of every problem.
import { z } from 'zod';

const Band = z.enum(['red', 'amber', 'green']);
const Points = z.number().min(0).max(100);
const Days = z.number().int().min(0).max(3650);

/** What makes a playbook fire. Each kind has an "in" test and a looser "still in" test. */
export const TriggerSchema = z.discriminatedUnion('kind', [
  /** The band shown is `band`. */
  z.object({ kind: z.literal('band'), band: Band }).strict(),
  /**
   * The score is below `below` and/or above `above` (a range when both). It stays in until the
   * score passes the threshold by more than `hysteresis` points: below 30 with hysteresis 5
   * enters under 30 and leaves above 35.
   */
  z
    .object({
      kind: z.literal('score'),
      below: Points.optional(),
      above: Points.optional(),
      hysteresis: Points.default(5),
      /**
       * `points`: the thresholds are the model's own score points. `bands`: they are read on
       * the seeds' scale (red 0–30, amber 31–70, green 71–100) and mapped onto the active
       * model's bands, so "below 50" stays mid-amber when a fitted model's bands are 24/32.
       */
      scale: z.enum(['points', 'bands']).default('points'),
    })
    .strict()
    .refine((t) => t.below !== undefined || t.above !== undefined, {
      message: 'a score trigger needs "below", "above" or both',
    })
    // Both: the score must be above one and below the other, so an empty range never fires.
    .refine((t) => t.below === undefined || t.above === undefined || t.above < t.below, {
      message: '"above" must be less than "below" (the score is between them)',
      path: ['above'],
    }),
  /**
   * The score fell by at least `points` over `days` days. It stays in until the score climbs
   * more than `hysteresis` points above the level it had fallen to when the playbook fired.
   */
  z
    .object({
      kind: z.literal('drop'),
      points: z.number().min(1).max(100),
      days: z.number().int().min(1).max(365),
      hysteresis: Points.default(5),
    })
    .strict(),
  /** A pattern rule of the model (its id) fired. */
  z.object({ kind: z.literal('pattern'), pattern: z.string().min(1) }).strict(),
  /** The account is in a lifecycle stage (onboarding, renewal, or a model stage id). */
  z.object({ kind: z.literal('stage'), stage: z.string().min(1) }).strict(),
  /** Tenure (days since the contract started) is in [fromDay, toDay): journey milestones. */
  z
    .object({ kind: z.literal('tenure'), fromDay: Days, toDay: Days })
    .strict()
    .refine((t) => t.toDay > t.fromDay, { message: '"toDay" must be after "fromDay"' }),
  /** The renewal date is at most `days` days away (and not past). */
  z.object({ kind: z.literal('renewal'), days: Days }).strict(),
  /** The latest CSM pulse (1–5) is at or below `atOrBelow`. */
  z.object({ kind: z.literal('pulse'), atOrBelow: z.number().min(1).max(5) }).strict(),
  /** No observation or pulse for at least `days` days. */
  z.object({ kind: z.literal('no-data'), days: z.number().int().min(1).max(3650) }).strict(),
  /**
   * Expansion signal: green, the score rising, and seat use (active / licensed) at least
   * `minSeatUse`. Stays in while green and seat use is within 0.05 of the bar.
   */
  z
    .object({
      kind: z.literal('expansion'),
      minSeatUse: z.number().min(0).max(5).default(0.8),
    })
    .strict(),
]);

/** Which accounts a playbook applies to; every given field must hold. */
export const ConditionsSchema = z
  .object({
    segments: z.array(z.string()).optional(),
    owners: z.array(z.string()).optional(),
    minArr: z.number().min(0).optional(),
    maxArr: z.number().min(0).optional(),
    stages: z.array(z.string()).optional(),
  })
  .strict()
  // A range that holds no ARR would silently match no account.
  .refine((c) => c.minArr === undefined || c.maxArr === undefined || c.minArr <= c.maxArr, {
    message: '"maxArr" must be at least "minArr"',
    path: ['maxArr'],
  });

export const PrioritySchema = z.enum(['low', 'normal', 'high', 'urgent']);

/** The task a playbook creates. `{account}` in the title becomes the account's name. */
export const ActionSchema = z
  .object({
    title: z.string().min(1).max(200),
    checklist: z.array(z.string().min(1).max(500)).max(30).default([]),
    /** Null: the account's owner. */
    owner: z.string().min(1).nullable().default(null),
    dueInDays: Days,
    priority: PrioritySchema.default('normal'),
  })
  .strict();

export const PlaybookSchema = z
  .object({
    id: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{0,62}$/, 'lower-case letters, digits and dashes')
      .refine((id) => id !== 'manual', { message: '"manual" is kept for tasks added by hand' }),
    name: z.string().min(1).max(120),
    description: z.string().max(1000).default(''),
    enabled: z.boolean().default(true),
    trigger: TriggerSchema,
    conditions: ConditionsSchema.default({}),
    /** The trigger must hold this many consecutive days before the playbook fires. */
    forDays: z.number().int().min(1).max(365).default(1),
    /** After a task, no new task from this playbook for the account for this many days. */
    cooldownDays: z.number().int().min(0).max(3650).default(30),
    action: ActionSchema,
  })
  .strict();

export type Trigger = z.output<typeof TriggerSchema>;
export type TriggerInput = z.input<typeof TriggerSchema>;
export type PlaybookConditions = z.output<typeof ConditionsSchema>;
export type Playbook = z.output<typeof PlaybookSchema>;
export type PlaybookInput = z.input<typeof PlaybookSchema>;

/** A problem in a playbooks document, with its path ("[2].trigger.below"). */
export interface PlaybookError {
  path: string;
  message: string;
}

function pathText(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path)
    out += typeof p === 'number' ? `[${p}]` : out === '' ? String(p) : `.${String(p)}`;
  return out;
}

/** Parses a list of playbooks (or `{ playbooks: [...] }`); ids must be unique. */
export function parsePlaybooks(
  input: unknown,
): { ok: true; playbooks: Playbook[] } | { ok: false; errors: PlaybookError[] } {
  const list =
    input !== null && typeof input === 'object' && !Array.isArray(input) && 'playbooks' in input
      ? (input as { playbooks: unknown }).playbooks
      : input;
  const parsed = z.array(PlaybookSchema).safeParse(list);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => ({
        path: pathText(i.path) || '(top)',
        message: i.message,
      })),
    };
  }
  const errors: PlaybookError[] = [];
  const seen = new Set<string>();
  parsed.data.forEach((p, i) => {
    if (seen.has(p.id))
      errors.push({ path: `[${i}].id`, message: `duplicate playbook id "${p.id}"` });
    seen.add(p.id);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, playbooks: parsed.data };
}

/** One playbook, or a RangeError naming the first problem. */
export function parsePlaybookOrThrow(input: unknown): Playbook {
  const r = parsePlaybooks([input]);
  if (!r.ok)
    throw new RangeError(
      `${r.errors[0].path.replace(/^\[0\]\.?/, '') || 'playbook'}: ${r.errors[0].message}`,
    );
  return r.playbooks[0];
}
