// Validation for the builder: parseModel's errors indexed by path (so each field shows its own),
// plus immediate checks against the book that the schema cannot know (metrics nobody has,
// segments no account is in, numeric attributes compared with text).
import type { ModelError } from '$lib/engine';
import type { ModelDraft } from './model-draft';

/** What the book holds, for checks and the builder's menus. */
export interface BookVocabulary {
  metrics: string[];
  attributes: string[];
  segments: string[];
}

/** Attributes whose values are numbers (conditions on them need a number). */
export const NUMERIC_ATTRIBUTES = ['arr', 'seats', 'tenureDays', 'daysToRenewal'];

/** The DOM id of the input for a model path (`groups[1].weight` → `f-groups-1-weight`). */
export function fieldId(path: string): string {
  return `f-${path.replace(/[^A-Za-z0-9_]+/g, '-').replace(/-+$/, '')}`;
}

/** Problems per path. */
export type ErrorIndex = Map<string, string[]>;

/** Indexes problems by their path. */
export function indexErrors(errors: readonly ModelError[]): ErrorIndex {
  const index: ErrorIndex = new Map();
  for (const e of errors) {
    const list = index.get(e.path);
    if (list) list.push(e.message);
    else index.set(e.path, [e.message]);
  }
  return index;
}

/** How many problems lie at or under a path (to badge a collapsed group or measure). */
export function countUnder(index: ErrorIndex, prefix: string): number {
  let n = 0;
  for (const [path, list] of index) {
    if (path === prefix || path.startsWith(`${prefix}.`) || path.startsWith(`${prefix}[`))
      n += list.length;
  }
  return n;
}

/**
 * Checks the schema cannot make: `errors` block saving, `warnings` are shown but allowed (a
 * metric may arrive with the next import).
 */
export function checkAgainstBook(
  draft: ModelDraft,
  book: BookVocabulary,
): { errors: ModelError[]; warnings: ModelError[] } {
  const errors: ModelError[] = [];
  const warnings: ModelError[] = [];
  const metrics = new Set(book.metrics);
  const attributes = new Set(book.attributes);
  const segments = new Set(book.segments.map((s) => s.toLowerCase()));
  const hasBook = book.metrics.length > 0;
  const metric = (value: unknown, path: string) => {
    if (hasBook && typeof value === 'string' && value !== '' && !metrics.has(value)) {
      warnings.push({ path, message: `no account has a "${value}" series: no data yet` });
    }
  };
  draft.groups.forEach((g, gi) => {
    const inGroup = g.measures.reduce((s, m) => s + (Number(m.weight) || 0), 0);
    if (g.measures.length > 0 && inGroup <= 0 && Number(g.weight) > 0) {
      warnings.push({
        path: `groups[${gi}].weight`,
        message: 'every measure of this group weighs 0, so the group drops out',
      });
    }
    g.measures.forEach((m, mi) => {
      const path = `groups[${gi}].measures[${mi}].source`;
      const s = m.source;
      if ('metric' in s) metric(s.metric, `${path}.metric`);
      if (s.kind === 'ratio') {
        metric(s.numerator?.metric, `${path}.numerator.metric`);
        metric(s.denominator?.metric, `${path}.denominator.metric`);
      }
      if (s.kind === 'attribute' && hasBook && s.attribute && !attributes.has(s.attribute)) {
        warnings.push({
          path: `${path}.attribute`,
          message: `no account has the attribute "${s.attribute}"`,
        });
      }
    });
  });
  draft.contexts.forEach((c, ci) => {
    c.when?.segments?.forEach((s, i) => {
      if (hasBook && !segments.has(String(s).toLowerCase())) {
        warnings.push({
          path: `contexts[${ci}].when.segments[${i}]`,
          message: `no account is in segment "${s}"`,
        });
      }
    });
    if (!c.when?.segments?.length && !c.when?.stages?.length) {
      warnings.push({ path: `contexts[${ci}].when`, message: 'applies to every account' });
    }
  });
  draft.patterns.forEach((p, pi) =>
    p.conditions.forEach((c, i) => {
      if ('attribute' in c && NUMERIC_ATTRIBUTES.includes(c.attribute)) {
        if (typeof c.value !== 'number' || !Number.isFinite(c.value)) {
          errors.push({
            path: `patterns[${pi}].conditions[${i}].value`,
            message: `${c.attribute} is a number: compare it with a number`,
          });
        }
      }
    }),
  );
  return { errors, warnings };
}
