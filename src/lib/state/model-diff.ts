// A readable diff between two model versions: weights and thresholds changed, groups,
// measures, contexts and patterns added or removed. Pure, so it is tested in Node.
import type { ContextOverride, Measure, ModelDocument, PatternRule } from '$lib/engine';
import { describeCondition, describeScoring, describeSource, describeWhen } from './model-describe';
import { compareText } from '../collate';

/** Which part of the model a change touches. */
export type ChangeArea =
  'model' | 'bands' | 'lifecycle' | 'group' | 'measure' | 'context' | 'pattern';

/** One readable change. */
export interface ModelChange {
  area: ChangeArea;
  kind: 'added' | 'removed' | 'changed';
  text: string;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const fmt = (v: unknown) => (v === null || v === undefined ? 'none' : String(v));

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((x) => [x.id, x]));
}

function diffMeasure(a: Measure, b: Measure, push: (t: string) => void): void {
  const label = `Measure “${b.name}”`;
  if (a.name !== b.name) push(`${label} renamed from “${a.name}”`);
  if (a.weight !== b.weight) push(`${label} weight ${a.weight} → ${b.weight}`);
  if (!same(a.scoring, b.scoring))
    push(`${label} scoring ${describeScoring(a.scoring)} → ${describeScoring(b.scoring)}`);
  if (!same(a.source, b.source))
    push(`${label} source ${describeSource(a.source)} → ${describeSource(b.source)}`);
  for (const key of ['horizon', 'nature', 'missing', 'format'] as const) {
    if (a[key] !== b[key]) push(`${label} ${key} ${a[key]} → ${b[key]}`);
  }
  if (!same(a.phrase, b.phrase)) push(`${label} explanation phrase changed`);
}

function diffContext(a: ContextOverride, b: ContextOverride, push: (t: string) => void): void {
  const label = `Override “${b.name}”`;
  if (a.name !== b.name) push(`${label} renamed from “${a.name}”`);
  if (!same(a.when, b.when)) push(`${label} applies to ${describeWhen(a)} → ${describeWhen(b)}`);
  for (const key of ['groupWeights', 'measureWeights'] as const) {
    const ids = new Set([...Object.keys(a[key]), ...Object.keys(b[key])]);
    for (const id of ids) {
      if (a[key][id] !== b[key][id])
        push(`${label} ${id} weight ${fmt(a[key][id])} → ${fmt(b[key][id])}`);
    }
  }
  const ids = new Set([...Object.keys(a.scoring), ...Object.keys(b.scoring)]);
  for (const id of ids) {
    const x = a.scoring[id];
    const y = b.scoring[id];
    if (!same(x, y)) {
      push(
        `${label} ${id} scoring ${x ? describeScoring(x) : 'none'} → ${y ? describeScoring(y) : 'none'}`,
      );
    }
  }
}

function diffPattern(a: PatternRule, b: PatternRule, push: (t: string) => void): void {
  const label = `Pattern “${b.name}”`;
  if (a.name !== b.name) push(`${label} renamed from “${a.name}”`);
  if (!same(a.conditions, b.conditions)) {
    push(
      `${label} conditions ${a.conditions.map(describeCondition).join(' and ')} → ${b.conditions.map(describeCondition).join(' and ')}`,
    );
  }
  if (a.capBand !== b.capBand) push(`${label} cap ${fmt(a.capBand)} → ${fmt(b.capBand)}`);
  if (a.subtractPoints !== b.subtractPoints)
    push(`${label} subtracts ${fmt(a.subtractPoints)} → ${fmt(b.subtractPoints)} points`);
}

function diffList<T extends { id: string; name: string }>(
  before: readonly T[],
  after: readonly T[],
  area: ChangeArea,
  noun: string,
  out: ModelChange[],
  inner: (a: T, b: T, push: (t: string) => void) => void,
): void {
  const a = byId(before);
  const b = byId(after);
  for (const x of before) {
    if (!b.has(x.id)) out.push({ area, kind: 'removed', text: `${noun} “${x.name}” removed` });
  }
  for (const y of after) {
    const x = a.get(y.id);
    if (!x) out.push({ area, kind: 'added', text: `${noun} “${y.name}” added` });
    else inner(x, y, (text) => out.push({ area, kind: 'changed', text }));
  }
}

/** Every readable difference from `before` to `after` (both validated documents). */
export function diffModels(before: ModelDocument, after: ModelDocument): ModelChange[] {
  const out: ModelChange[] = [];
  const change = (area: ChangeArea, text: string) => out.push({ area, kind: 'changed', text });
  if (before.name !== after.name) change('model', `Name “${before.name}” → “${after.name}”`);
  if (before.id !== after.id) change('model', `Model id ${before.id} → ${after.id}`);
  if (before.description !== after.description) change('model', 'Description changed');
  const bb = before.bands;
  const ab = after.bands;
  if (bb.redMax !== ab.redMax) change('bands', `Red band up to ${bb.redMax} → ${ab.redMax}`);
  if (bb.amberMax !== ab.amberMax)
    change('bands', `Amber band up to ${bb.amberMax} → ${ab.amberMax}`);
  if (!same(before.trend, after.trend)) {
    change(
      'bands',
      `Trend window ${before.trend.windowDays} days ±${before.trend.deadZone} → ${after.trend.windowDays} days ±${after.trend.deadZone}`,
    );
  }
  if (before.pulse.halfLifeDays !== after.pulse.halfLifeDays)
    change(
      'bands',
      `Pulse half-life ${before.pulse.halfLifeDays} → ${after.pulse.halfLifeDays} days`,
    );
  const bl = before.lifecycle;
  const al = after.lifecycle;
  if (bl.onboardingDays !== al.onboardingDays)
    change('lifecycle', `Onboarding ${bl.onboardingDays} → ${al.onboardingDays} days`);
  if (bl.renewalWindowDays !== al.renewalWindowDays)
    change('lifecycle', `Renewal window ${bl.renewalWindowDays} → ${al.renewalWindowDays} days`);
  diffList(bl.stages, al.stages, 'lifecycle', 'Stage', out, (a, b, push) => {
    if (!same(a, b))
      push(
        `Stage “${b.name}” tenure ${a.minTenureDays}–${fmt(a.maxTenureDays)} → ${b.minTenureDays}–${fmt(b.maxTenureDays)} days`,
      );
  });
  diffList(before.groups, after.groups, 'group', 'Group', out, (a, b, push) => {
    if (a.name !== b.name) push(`Group “${b.name}” renamed from “${a.name}”`);
    if (a.weight !== b.weight) push(`Group “${b.name}” weight ${a.weight} → ${b.weight}`);
  });
  const measuresOf = (m: ModelDocument) =>
    m.groups.flatMap((g) => g.measures.map((x) => ({ ...x, group: g.name })));
  const beforeMeasures = measuresOf(before);
  diffList(beforeMeasures, measuresOf(after), 'measure', 'Measure', out, (a, b, push) => {
    if (a.group !== b.group) push(`Measure “${b.name}” moved from ${a.group} to ${b.group}`);
    diffMeasure(a, b, push);
  });
  diffList(before.contexts, after.contexts, 'context', 'Override', out, diffContext);
  diffList(before.patterns, after.patterns, 'pattern', 'Pattern', out, diffPattern);
  return out;
}

/** A one-line summary of a diff for the version list ("3 changes: …"). */
export function summariseChanges(changes: readonly ModelChange[], max = 2): string {
  if (changes.length === 0) return 'No changes';
  const head = changes.slice(0, max).map((c) => c.text);
  const more = changes.length - head.length;
  return more > 0 ? `${head.join('; ')}; and ${more} more` : head.join('; ');
}

/** A saved version as the history list shows it. */
export interface VersionEntry {
  key: string;
  modelId: string;
  version: number;
  name: string;
  createdAt: number;
  description: string;
  /** Null when the stored document no longer validates. */
  model: ModelDocument | null;
  /** What changed against the previous version of the same model id. */
  summary: string;
}

/** History entries, newest first, each summarised against the version before it. */
export function versionEntries(
  records: readonly {
    key: string;
    modelId: string;
    version: number;
    name: string;
    createdAt: number;
    document: unknown;
  }[],
  parse: (doc: unknown) => ModelDocument | null,
): VersionEntry[] {
  const sorted = [...records].sort(
    (a, b) => compareText(a.modelId, b.modelId) || a.version - b.version,
  );
  const entries: VersionEntry[] = [];
  let prev: VersionEntry | null = null;
  for (const r of sorted) {
    const model = parse(r.document);
    const before = prev?.modelId === r.modelId ? prev.model : null;
    const summary = !model
      ? 'This version is not a valid model any more'
      : before
        ? summariseChanges(diffModels(before, model))
        : prev?.modelId === r.modelId
          ? 'Follows an invalid version'
          : 'First version';
    const entry: VersionEntry = {
      key: r.key,
      modelId: r.modelId,
      version: r.version,
      name: r.name,
      createdAt: r.createdAt,
      description: model?.description ?? '',
      model,
      summary,
    };
    entries.push(entry);
    prev = entry;
  }
  // Newest first. A later version of a model is never listed below an earlier one, even when
  // the clock that stamped it ran behind (a clock set back, or the page and the worker
  // disagreeing): within a model id, a version counts as made no earlier than the one before.
  const listedAt = new Map<string, number>();
  let latest = -Infinity;
  entries.forEach((e, i) => {
    latest =
      i > 0 && entries[i - 1].modelId === e.modelId ? Math.max(latest, e.createdAt) : e.createdAt;
    listedAt.set(e.key, latest);
  });
  return entries.sort(
    (a, b) => listedAt.get(b.key)! - listedAt.get(a.key)! || b.version - a.version,
  );
}
