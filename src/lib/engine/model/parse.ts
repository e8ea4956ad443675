// Validates an untrusted model document (a file, the builder's state) and turns schema issues
// into messages a CS lead can act on: a path like groups[1].measures[0].weight and a sentence.
import type { z } from 'zod';
import { ModelDocumentSchema, type ModelDocument } from './schema';

/** One problem found in a model document. */
export interface ModelError {
  path: string;
  message: string;
}

/** The result of parsing a model document. */
export type ParseModelResult =
  { ok: true; model: ModelDocument } | { ok: false; errors: ModelError[] };

/** Built-in lifecycle stage ids; user-defined stages add to these. */
export const BUILT_IN_STAGES = ['onboarding', 'renewal'] as const;

/** Formats an issue path as `groups[1].measures[0].weight`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(document)' : out;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === null || typeof value !== 'object') return String(value);
  return Array.isArray(value) ? 'a list' : 'an object';
}

function describeIssue(issue: z.core.$ZodIssue): ModelError {
  const path = [...issue.path];
  const input = (issue as { input?: unknown }).input;
  let message: string;
  switch (issue.code) {
    case 'invalid_type':
      message =
        input === undefined
          ? 'is required'
          : issue.message.startsWith('Invalid input')
            ? `must be ${issue.expected === 'object' ? 'an object' : `a ${issue.expected}`}, got ${shown(input)}`
            : `${issue.message}, got ${shown(input)}`;
      break;
    case 'invalid_value':
      message = `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${shown(input)}`;
      if (issue.message.startsWith('must')) message = `${issue.message}, got ${shown(input)}`;
      break;
    case 'invalid_union': {
      const u = issue as z.core.$ZodIssueInvalidUnion & {
        discriminator?: string;
        options?: unknown[];
      };
      if (u.discriminator && u.options) {
        const got = (input as Record<string, unknown> | undefined)?.[u.discriminator];
        message = `must be one of ${u.options.map((v) => JSON.stringify(v)).join(', ')}, got ${shown(got)}`;
      } else {
        message = `${issue.message === 'Invalid input' ? 'has an unrecognised shape' : issue.message}`;
      }
      break;
    }
    case 'unrecognized_keys':
      message = `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}`;
      break;
    default:
      message =
        input === undefined || (typeof input === 'object' && input !== null)
          ? issue.message
          : `${issue.message}, got ${shown(input)}`;
  }
  return { path: formatPath(path), message };
}

function checkReferences(model: ModelDocument): ModelError[] {
  const errors: ModelError[] = [];
  const groupIds = new Set<string>();
  const measureIds = new Set<string>();
  let totalWeight = 0;
  model.groups.forEach((g, gi) => {
    if (groupIds.has(g.id))
      errors.push({ path: `groups[${gi}].id`, message: `duplicate group id "${g.id}"` });
    groupIds.add(g.id);
    g.measures.forEach((m, mi) => {
      if (measureIds.has(m.id)) {
        errors.push({
          path: `groups[${gi}].measures[${mi}].id`,
          message: `duplicate measure id "${m.id}"`,
        });
      }
      measureIds.add(m.id);
      totalWeight += g.weight * m.weight;
    });
  });
  if (totalWeight <= 0) {
    errors.push({
      path: 'groups',
      message: 'at least one group and one of its measures need a weight above 0',
    });
  }
  const stageIds = new Set<string>(BUILT_IN_STAGES);
  model.lifecycle.stages.forEach((s, si) => {
    if (stageIds.has(s.id))
      errors.push({ path: `lifecycle.stages[${si}].id`, message: `duplicate stage id "${s.id}"` });
    stageIds.add(s.id);
    if (s.maxTenureDays !== null && s.maxTenureDays <= s.minTenureDays) {
      errors.push({
        path: `lifecycle.stages[${si}].maxTenureDays`,
        message: 'must be above minTenureDays',
      });
    }
  });
  const known = (set: Set<string>, what: string, value: string, path: string) => {
    if (!set.has(value)) errors.push({ path, message: `unknown ${what} "${value}"` });
  };
  model.contexts.forEach((c, ci) => {
    c.when.stages?.forEach((s, i) =>
      known(stageIds, 'stage', s, `contexts[${ci}].when.stages[${i}]`),
    );
    for (const g of Object.keys(c.groupWeights))
      known(groupIds, 'group', g, `contexts[${ci}].groupWeights.${g}`);
    for (const m of Object.keys(c.measureWeights))
      known(measureIds, 'measure', m, `contexts[${ci}].measureWeights.${m}`);
    for (const m of Object.keys(c.scoring))
      known(measureIds, 'measure', m, `contexts[${ci}].scoring.${m}`);
  });
  model.patterns.forEach((p, pi) => {
    p.conditions.forEach((c, i) => {
      const path = `patterns[${pi}].conditions[${i}]`;
      if ('measure' in c) known(measureIds, 'measure', c.measure, `${path}.measure`);
      else if ('measureScore' in c)
        known(measureIds, 'measure', c.measureScore, `${path}.measureScore`);
      else if ('stage' in c)
        c.stage.forEach((s, j) => known(stageIds, 'stage', s, `${path}.stage[${j}]`));
    });
  });
  model.groups.forEach((g, gi) =>
    g.measures.forEach((m, mi) => {
      const path = `groups[${gi}].measures[${mi}].scoring`;
      const s = m.scoring;
      if (s.type === 'target' && s.high < s.low)
        errors.push({ path: `${path}.high`, message: 'must be ≥ low' });
      if (s.type === 'linear' && s.red === s.green)
        errors.push({ path: `${path}.green`, message: 'must differ from red' });
      if (s.type === 'tiers') {
        s.steps.forEach((st, i) => {
          if (i > 0 && st.atLeast <= s.steps[i - 1].atLeast) {
            errors.push({
              path: `${path}.steps[${i}].atLeast`,
              message: 'steps must be in ascending order',
            });
          }
        });
      }
    }),
  );
  return errors;
}

/** Validates an untrusted model document; never throws. */
export function parseModel(input: unknown): ParseModelResult {
  const result = ModelDocumentSchema.safeParse(input, { reportInput: true });
  if (!result.success) return { ok: false, errors: result.error.issues.map(describeIssue) };
  const errors = checkReferences(result.data);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, model: result.data };
}

/** Parses a model and throws one readable error listing every problem (for presets and tests). */
export function parseModelOrThrow(input: unknown): ModelDocument {
  const r = parseModel(input);
  if (!r.ok)
    throw new Error(`Invalid model: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
  return r.model;
}
