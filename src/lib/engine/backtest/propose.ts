// Proposes measures from the data itself, so fitting works on a folder whose metric names no
// preset has seen: every metric's level and, for real series, its change over a window, plus
// the account attributes — each scored against the data's own quantiles.
import { parseModelOrThrow } from '../model/parse';
import type { ModelDocument, ModelDocumentInput } from '../model/schema';
import type { Book } from '../types';

type GroupInput = ModelDocumentInput['groups'][number];
type MeasureInput = GroupInput['measures'][number];

/** Window of the proposed level measures (mean of the last 90 days). */
export const LEVEL_WINDOW_DAYS = 90;
/** Window of the proposed change measures (last 30 days against the 30 before). */
export const CHANGE_WINDOW_DAYS = 30;
/** Text attributes with more distinct values than this are names, not categories. */
const MAX_CATEGORIES = 20;
/** Attribute names that usually restate the outcome; fitting on them would leak it. */
const OUTCOME_LIKE = /churn|cancel|renew|outcome|closed|lost/i;

/** A safe model id from any metric or attribute name. */
export function toId(name: string): string {
  const id = name.replace(/[^A-Za-z0-9_-]+/g, '_').replace(/^_+|_+$/g, '');
  return id || 'measure';
}

function measure(
  id: string,
  name: string,
  source: MeasureInput['source'],
  scoring: MeasureInput['scoring'],
): MeasureInput {
  return {
    id,
    name,
    weight: 1,
    source,
    scoring,
    horizon: 'leading',
    nature: 'activity',
    missing: 'skip',
  };
}

/** A model with one group per metric/attribute found in the book, all equally weighted. */
export function proposeModel(book: Book): ModelDocument {
  const obsCounts = new Map<string, number[]>();
  for (const s of book.series) {
    let list = obsCounts.get(s.metric);
    if (!list) obsCounts.set(s.metric, (list = []));
    list.push(s.days.length);
  }
  const groups: GroupInput[] = [];
  const used = new Set<string>();
  const uniqueId = (base: string) => {
    let id = toId(base);
    for (let k = 2; used.has(id); k++) id = `${toId(base)}_${k}`;
    used.add(id);
    return id;
  };
  for (const metric of [...obsCounts.keys()].sort()) {
    const counts = obsCounts.get(metric)!.sort((a, b) => a - b);
    const median = counts[Math.floor(counts.length / 2)];
    const measures = [
      measure(
        uniqueId(`${metric}_level`),
        `${metric} (${LEVEL_WINDOW_DAYS}-day mean)`,
        { kind: 'aggregate', metric, agg: 'mean', windowDays: LEVEL_WINDOW_DAYS },
        { type: 'percentile', higherIsBetter: true },
      ),
    ];
    if (median >= 4) {
      measures.push(
        measure(
          uniqueId(`${metric}_change`),
          `${metric} change (${CHANGE_WINDOW_DAYS} days)`,
          { kind: 'change', metric, agg: 'mean', windowDays: CHANGE_WINDOW_DAYS },
          { type: 'percentile', higherIsBetter: true },
        ),
      );
    }
    groups.push({ id: uniqueId(`g_${metric}`), name: metric, weight: measures.length, measures });
  }

  const attributes: { name: string; text: boolean }[] = [];
  if (book.accounts.some((a) => a.contractStart !== null))
    attributes.push({ name: 'tenureDays', text: false });
  if (book.accounts.some((a) => a.arr !== null)) attributes.push({ name: 'arr', text: false });
  if (book.accounts.some((a) => a.seats !== null)) attributes.push({ name: 'seats', text: false });
  const segments = new Set(book.accounts.map((a) => a.segment).filter((s) => s !== null));
  if (segments.size > 1 && segments.size <= MAX_CATEGORIES)
    attributes.push({ name: 'segment', text: true });
  const custom = new Map<string, { numeric: boolean; values: Set<string> }>();
  for (const a of book.accounts) {
    for (const [k, v] of Object.entries(a.attributes)) {
      if (v === null || v === '') continue;
      let c = custom.get(k);
      if (!c) custom.set(k, (c = { numeric: true, values: new Set() }));
      if (typeof v !== 'number') c.numeric = false;
      if (c.values.size <= MAX_CATEGORIES) c.values.add(String(v));
    }
  }
  for (const [name, c] of [...custom.entries()].sort(([x], [y]) => (x < y ? -1 : 1))) {
    if (OUTCOME_LIKE.test(name) || c.values.size < 2) continue;
    if (c.numeric) attributes.push({ name, text: false });
    else if (c.values.size <= MAX_CATEGORIES) attributes.push({ name, text: true });
  }
  for (const { name, text } of attributes) {
    const id = uniqueId(`attr_${name}`);
    groups.push({
      id: uniqueId(`g_attr_${name}`),
      name,
      weight: 1,
      measures: [
        measure(
          id,
          name,
          { kind: 'attribute', attribute: name },
          text
            ? { type: 'categorical', points: {}, otherwise: 50 }
            : { type: 'percentile', higherIsBetter: true },
        ),
      ],
    });
  }
  if (!groups.length)
    throw new Error('The book has no metrics or attributes to propose measures from.');
  return parseModelOrThrow({
    format: 'canary-model/1',
    id: 'proposed',
    name: 'Measures proposed from the data',
    version: 1,
    description:
      'Every metric’s level and change, and the account attributes, scored by the data’s own quantiles.',
    groups,
  });
}
