// The playbook form of the Playbooks page ("Edit…" and "Add a playbook"): a draft of text fields
// made from a playbook, turned back into a playbook document for the worker to validate with the
// engine's schema, and the schema's problem paths ("trigger.hysteresis", "action.checklist[2]")
// mapped back to the field that shows them. Numbers that are not numbers are caught here (the
// schema would only say "expected number"); every range and rule is the schema's. Pure.
import type { Playbook, PlaybookError, PlaybookInput } from '../engine/plays';

export const TRIGGER_KINDS = [
  'score',
  'drop',
  'band',
  'renewal',
  'no-data',
  'pulse',
  'tenure',
  'expansion',
  'pattern',
  'stage',
] as const;
export type TriggerKind = (typeof TRIGGER_KINDS)[number];

/** The trigger kinds in words, for the kind chooser. */
export const TRIGGER_KIND_LABELS: Record<TriggerKind, string> = {
  score: 'Score crosses a threshold',
  drop: 'Score drops by N points',
  band: 'Band entered',
  renewal: 'Renewal within N days',
  'no-data': 'No data for N days',
  pulse: 'Pulse at or below',
  tenure: 'Days of the contract (journey)',
  expansion: 'Expansion signal',
  pattern: 'A pattern fires',
  stage: 'A lifecycle stage entered',
};

export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;

/** Every field of the form, as text (checkboxes and selects too). */
export interface PlaybookDraft {
  id: string;
  name: string;
  description: string;
  enabled: boolean;
  kind: TriggerKind;
  below: string;
  above: string;
  hysteresis: string;
  /** Score thresholds: the model's own points, or the seeds' 30/70 band scale. */
  scale: 'points' | 'bands';
  points: string;
  /** Days of a drop, a renewal window or a silence. */
  days: string;
  band: string;
  atOrBelow: string;
  fromDay: string;
  toDay: string;
  /** Minimum seat use, in %. */
  seatUse: string;
  pattern: string;
  stage: string;
  forDays: string;
  cooldownDays: string;
  segments: string;
  owners: string;
  minArr: string;
  maxArr: string;
  /** Kept as they were (not edited here). */
  stages: string[] | undefined;
  title: string;
  dueInDays: string;
  priority: string;
  /** Blank: the account's owner. */
  owner: string;
  /** One item per line. */
  checklist: string;
}

export type PlaybookField = Exclude<keyof PlaybookDraft, 'stages'> | 'form';

const num = (n: number | undefined): string => (n === undefined ? '' : String(n));

/** A blank draft for "Add a playbook" (a score trigger; the schema's defaults). */
export function blankDraft(): PlaybookDraft {
  return {
    id: '',
    name: '',
    description: '',
    enabled: true,
    kind: 'score',
    below: '',
    above: '',
    hysteresis: '5',
    scale: 'points',
    points: '10',
    days: '30',
    band: 'red',
    atOrBelow: '2',
    fromDay: '0',
    toDay: '14',
    seatUse: '80',
    pattern: '',
    stage: '',
    forDays: '1',
    cooldownDays: '30',
    segments: '',
    owners: '',
    minArr: '',
    maxArr: '',
    stages: undefined,
    title: '',
    dueInDays: '7',
    priority: 'normal',
    owner: '',
    checklist: '',
  };
}

/** The form's fields for a stored playbook. */
export function draftOf(p: Playbook): PlaybookDraft {
  const d = blankDraft();
  const t = p.trigger;
  d.id = p.id;
  d.name = p.name;
  d.description = p.description;
  d.enabled = p.enabled;
  d.kind = t.kind;
  switch (t.kind) {
    case 'score':
      d.below = num(t.below);
      d.above = num(t.above);
      d.hysteresis = num(t.hysteresis);
      d.scale = t.scale;
      break;
    case 'drop':
      d.points = num(t.points);
      d.days = num(t.days);
      d.hysteresis = num(t.hysteresis);
      break;
    case 'band':
      d.band = t.band;
      break;
    case 'renewal':
    case 'no-data':
      d.days = num(t.days);
      break;
    case 'pulse':
      d.atOrBelow = num(t.atOrBelow);
      break;
    case 'tenure':
      d.fromDay = num(t.fromDay);
      d.toDay = num(t.toDay);
      break;
    case 'expansion':
      d.seatUse = String(Math.round(t.minSeatUse * 1000) / 10);
      break;
    case 'pattern':
      d.pattern = t.pattern;
      break;
    case 'stage':
      d.stage = t.stage;
      break;
  }
  d.forDays = num(p.forDays);
  d.cooldownDays = num(p.cooldownDays);
  d.segments = (p.conditions.segments ?? []).join(', ');
  d.owners = (p.conditions.owners ?? []).join(', ');
  d.minArr = num(p.conditions.minArr);
  d.maxArr = num(p.conditions.maxArr);
  d.stages = p.conditions.stages ? [...p.conditions.stages] : undefined;
  d.title = p.action.title;
  d.dueInDays = num(p.action.dueInDays);
  d.priority = p.action.priority;
  d.owner = p.action.owner ?? '';
  d.checklist = p.action.checklist.join('\n');
  return d;
}

/** The fields the trigger kind shows, in order. */
export function triggerFields(kind: TriggerKind): PlaybookField[] {
  switch (kind) {
    case 'score':
      return ['below', 'above', 'hysteresis'];
    case 'drop':
      return ['points', 'days', 'hysteresis'];
    case 'band':
      return ['band'];
    case 'renewal':
    case 'no-data':
      return ['days'];
    case 'pulse':
      return ['atOrBelow'];
    case 'tenure':
      return ['fromDay', 'toDay'];
    case 'expansion':
      return ['seatUse'];
    case 'pattern':
      return ['pattern'];
    case 'stage':
      return ['stage'];
  }
}

type FieldErrors = Partial<Record<PlaybookField, string>>;

function list(text: string): string[] | undefined {
  const items = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return items.length > 0 ? items : undefined;
}

/**
 * The playbook document the draft describes, or the fields whose text is not a number. Blank
 * optional numbers are left out; the schema checks ranges, required fields and rules.
 */
export function playbookFromDraft(
  d: PlaybookDraft,
): { ok: true; playbook: PlaybookInput } | { ok: false; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const number = (field: PlaybookField, text: string, optional = false): number | undefined => {
    const s = text.trim().replace(/,/g, '');
    if (s === '') {
      if (!optional) errors[field] = 'Enter a number';
      return undefined;
    }
    const n = Number(s);
    if (!Number.isFinite(n)) {
      errors[field] = 'Enter a number';
      return undefined;
    }
    return n;
  };
  let trigger: Record<string, unknown>;
  switch (d.kind) {
    case 'score':
      trigger = {
        kind: 'score',
        below: number('below', d.below, true),
        above: number('above', d.above, true),
        hysteresis: number('hysteresis', d.hysteresis),
        scale: d.scale,
      };
      break;
    case 'drop':
      trigger = {
        kind: 'drop',
        points: number('points', d.points),
        days: number('days', d.days),
        hysteresis: number('hysteresis', d.hysteresis),
      };
      break;
    case 'band':
      trigger = { kind: 'band', band: d.band };
      break;
    case 'renewal':
    case 'no-data':
      trigger = { kind: d.kind, days: number('days', d.days) };
      break;
    case 'pulse':
      trigger = { kind: 'pulse', atOrBelow: number('atOrBelow', d.atOrBelow) };
      break;
    case 'tenure':
      trigger = {
        kind: 'tenure',
        fromDay: number('fromDay', d.fromDay),
        toDay: number('toDay', d.toDay),
      };
      break;
    case 'expansion': {
      const pct = number('seatUse', d.seatUse);
      trigger = {
        kind: 'expansion',
        minSeatUse: pct === undefined ? undefined : Math.round(pct * 10) / 1000,
      };
      break;
    }
    case 'pattern':
      trigger = { kind: 'pattern', pattern: d.pattern.trim() };
      break;
    case 'stage':
      trigger = { kind: 'stage', stage: d.stage.trim() };
      break;
  }
  const conditions: Record<string, unknown> = {
    segments: list(d.segments),
    owners: list(d.owners),
    minArr: number('minArr', d.minArr, true),
    maxArr: number('maxArr', d.maxArr, true),
    stages: d.stages,
  };
  const playbook = {
    id: d.id.trim(),
    name: d.name.trim(),
    description: d.description.trim(),
    enabled: d.enabled,
    trigger: dropUndefined(trigger),
    conditions: dropUndefined(conditions),
    forDays: number('forDays', d.forDays),
    cooldownDays: number('cooldownDays', d.cooldownDays),
    action: {
      title: d.title.trim(),
      checklist: d.checklist
        .split('\n')
        .map((s) => s.trim())
        .filter((s) => s !== ''),
      owner: d.owner.trim() === '' ? null : d.owner.trim(),
      dueInDays: number('dueInDays', d.dueInDays),
      priority: d.priority,
    },
  };
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, playbook: playbook as PlaybookInput };
}

function dropUndefined(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

/** The form field that shows a problem of the schema at `path` (relative to the playbook). */
export function fieldOfPath(path: string, kind: TriggerKind): PlaybookField {
  const parts = path.split(/[.[\]]+/).filter((s) => s !== '');
  const [head, key] = parts;
  if (head === 'id' || head === 'name' || head === 'description') return head;
  if (head === 'forDays' || head === 'cooldownDays') return head;
  if (head === 'trigger') {
    if (key === 'minSeatUse') return 'seatUse';
    if (key === undefined || key === 'kind')
      // A rule over the whole trigger: the score's "below or above", tenure's "to after from".
      return kind === 'score' ? 'below' : kind === 'tenure' ? 'toDay' : triggerFields(kind)[0];
    return key as PlaybookField;
  }
  if (head === 'conditions') {
    if (key === 'segments' || key === 'owners' || key === 'minArr' || key === 'maxArr') return key;
    return 'form';
  }
  if (head === 'action') {
    if (key === 'title' || key === 'checklist' || key === 'owner' || key === 'priority') return key;
    if (key === 'dueInDays') return 'dueInDays';
    return 'form';
  }
  return 'form';
}

/** A schema message in plain words ("Too big: expected number to be <=100" → "At most 100"). */
export function plainMessage(message: string): string {
  const big = /^Too big: expected (?:number|array) to (?:be|have) <=\s*(\S+)(?: (items))?/.exec(
    message,
  );
  if (big) return big[2] ? `At most ${big[1]} ${big[2]}` : `At most ${big[1]}`;
  const small = /^Too small: expected number to be >=\s*(\S+)/.exec(message);
  if (small) return `At least ${small[1]}`;
  if (/^Too small: expected string to have >=1 characters?/.test(message)) return 'Required';
  const long = /^Too big: expected string to have <=\s*(\d+) characters?/.exec(message);
  if (long) return `At most ${long[1]} characters`;
  if (/^Too small: expected number to be >0/.test(message)) return 'More than 0';
  if (/expected int/.test(message)) return 'A whole number';
  // The schema's range rules name the JSON keys; the form names its own fields.
  if (/^"maxArr" must be at least "minArr"/.test(message)) return 'At least "ARR at least"';
  if (/^"above" must be less than "below"/.test(message)) return 'Less than "Below (score)"';
  return message.charAt(0).toUpperCase() + message.slice(1);
}

/** The schema's problems by field (the first problem of each field), with the path kept. */
export function fieldErrors(errors: readonly PlaybookError[], kind: TriggerKind): FieldErrors {
  const out: FieldErrors = {};
  for (const e of errors) {
    const field = fieldOfPath(e.path, kind);
    const message = field === 'form' ? `${e.path}: ${e.message}` : plainMessage(e.message);
    if (out[field] === undefined) out[field] = message;
  }
  return out;
}

/** The fields in the order the form shows them (focus goes to the first with a problem). */
export function fieldOrder(kind: TriggerKind, adding: boolean): PlaybookField[] {
  return [
    'form',
    'name',
    ...(adding ? (['id'] as PlaybookField[]) : []),
    'description',
    ...(adding ? (['kind'] as PlaybookField[]) : []),
    ...triggerFields(kind),
    'forDays',
    'cooldownDays',
    'segments',
    'owners',
    'minArr',
    'maxArr',
    'title',
    'dueInDays',
    'priority',
    'owner',
    'checklist',
  ];
}

/** An id for a new playbook made from its name: lower-case, dashes, unique, never "manual". */
export function idFromName(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'playbook';
  let id = base;
  for (let n = 2; taken.has(id) || id === 'manual'; n++) id = `${base}-${n}`;
  return id;
}
