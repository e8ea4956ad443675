// Pure helpers behind the mapping step: which roles a column may take for each file kind, how a
// choice in the role menu becomes a ColumnRole, which questions still need an answer (the
// snapshot's "when was the outcome observed?" among them), and the mapping's problems in words. Tested in Node (import-mapping.test.ts).
import {
  ACCOUNT_FIELDS,
  mappingSchema,
  type AccountField,
  type ColumnRole,
  type ImportKind,
  type ImportMapping,
} from '../import/mapping';
import type { ColumnProfile, ColumnQuestion, ColumnType } from '../import/column-types';
import {
  describeSnapshotOutcome,
  snapshotOutcomeDay,
  snapshotOutcomeDaysProblem,
} from '../import/snapshot-outcome';
import { isoToDay } from '../engine/dates';

/** A menu entry of the role select: its value and label. */
export interface RoleChoice {
  value: string;
  label: string;
}

/** What each file kind means, for the kind menu. */
export const KIND_LABELS: Record<ImportKind, string> = {
  accounts: 'Accounts (one row per account)',
  'signals-long': 'Signals, long form (account, date, metric, value)',
  'signals-wide': 'Signals, wide form (account, date, one column per metric)',
  snapshot: 'Snapshot (one row per account, on a date you choose)',
  outcomes: 'Outcomes (renewals and churn)',
  events: 'Event log (tickets, logins… counted per day)',
  subscriptions: 'Subscriptions (start, end, amount: ARR, renewal dates and renewals)',
};

const FIELD_LABELS: Record<AccountField, string> = {
  name: 'name',
  segment: 'segment',
  arr: 'ARR',
  seats: 'seats',
  contractStart: 'contract start',
  renewalDate: 'renewal date',
  owner: 'owner',
};

const BASE: RoleChoice[] = [
  { value: 'ignore', label: 'Ignore' },
  { value: 'account-id', label: 'Account id' },
];
const DATE: RoleChoice = { value: 'date', label: 'Date' };
const METRIC: RoleChoice = { value: 'metric', label: 'Metric (a signal)' };
const FIELDS: RoleChoice[] = ACCOUNT_FIELDS.map((f) => ({
  value: `field:${f}`,
  label: `Account ${FIELD_LABELS[f]}`,
}));
const ATTRIBUTES: RoleChoice[] = [
  { value: 'attribute:text', label: 'Attribute (text)' },
  { value: 'attribute:number', label: 'Attribute (number)' },
  { value: 'attribute:boolean', label: 'Attribute (yes/no)' },
];

/** The roles a column may take in a file of `kind`. */
export function roleChoices(kind: ImportKind, current?: ColumnRole): RoleChoice[] {
  const lookup: RoleChoice[] =
    current?.role === 'account-lookup'
      ? [{ value: 'account-lookup', label: `Account via ${current.lookup}` }]
      : [];
  const byKind: Record<ImportKind, RoleChoice[]> = {
    accounts: [...FIELDS, ...ATTRIBUTES],
    'signals-long': [
      DATE,
      { value: 'metric-name', label: 'Metric name' },
      { value: 'value', label: 'Value' },
    ],
    'signals-wide': [DATE, METRIC],
    snapshot: [METRIC, { value: 'outcome', label: 'Outcome' }, ...FIELDS, ...ATTRIBUTES],
    outcomes: [
      DATE,
      { value: 'outcome', label: 'Outcome' },
      { value: 'reason', label: 'Reason' },
      { value: 'avoidable', label: 'Avoidable (yes/no)' },
    ],
    events: [DATE, METRIC],
    subscriptions: [
      { value: 'date', label: 'Start date' },
      { value: 'end-date', label: 'End date (empty while it runs)' },
      { value: 'amount:year', label: 'Amount per year (ARR)' },
      { value: 'amount:month', label: 'Amount per month (MRR)' },
      METRIC,
    ],
  };
  return [...BASE, ...lookup, ...byKind[kind]];
}

/** The role-menu value of a role. */
export function choiceOf(role: ColumnRole): string {
  if (role.role === 'field') return `field:${role.field}`;
  if (role.role === 'attribute') return `attribute:${role.type}`;
  if (role.role === 'amount') return `amount:${role.per}`;
  return role.role;
}

/** A metric or attribute name from a header: lower-case words joined by underscores. */
export function slugOf(header: string): string {
  const words = header
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  return words.join('_') || 'metric';
}

const OUTCOME_WORDS: Record<string, 'renewed' | 'churned' | 'expanded' | 'contracted'> = {
  renewed: 'renewed',
  churned: 'churned',
  expanded: 'expanded',
  contracted: 'contracted',
  churn: 'churned',
  yes: 'churned',
  no: 'renewed',
  true: 'churned',
  false: 'renewed',
  y: 'churned',
  n: 'renewed',
  '1': 'churned',
  '0': 'renewed',
};

/** Turns a role-menu choice for `column` into a role, keeping what still applies of `previous`. */
export function roleFromChoice(
  choice: string,
  column: string,
  previous: ColumnRole,
  profile?: ColumnProfile,
): ColumnRole {
  if (choice === choiceOf(previous)) return previous;
  const [kind, detail] = choice.split(':');
  switch (kind) {
    case 'field':
      return { role: 'field', field: detail as AccountField };
    case 'attribute':
      return {
        role: 'attribute',
        name: slugOf(column),
        type: detail as 'text' | 'number' | 'boolean',
      };
    case 'metric':
      return { role: 'metric', metric: slugOf(column) };
    case 'outcome': {
      const values: Record<string, 'renewed' | 'churned' | 'expanded' | 'contracted'> = {};
      for (const s of profile?.samples ?? []) {
        const word = OUTCOME_WORDS[s.trim().toLowerCase()];
        if (word) values[s.trim().toLowerCase()] = word;
      }
      return { role: 'outcome', values };
    }
    case 'date':
    case 'end-date':
      return profile?.dateFormat ? { role: kind, format: profile.dateFormat } : { role: kind };
    case 'amount':
      return { role: 'amount', per: detail === 'month' ? 'month' : 'year' };
    case 'ignore':
    case 'account-id':
    case 'metric-name':
    case 'value':
    case 'reason':
    case 'avoidable':
      return { role: kind };
    default:
      return previous;
  }
}

/** A mapping switched to another kind: roles the new kind does not use become 'ignore'. */
export function changeKind(mapping: ImportMapping, kind: ImportKind): ImportMapping {
  const columns: Record<string, ColumnRole> = {};
  for (const [name, role] of Object.entries(mapping.columns)) {
    const allowed = roleChoices(kind, role).some((c) => c.value === choiceOf(role));
    columns[name] = allowed ? role : { role: 'ignore' };
  }
  return {
    ...mapping,
    kind,
    columns,
    eventCountMetric: kind === 'events' ? (mapping.eventCountMetric ?? 'events') : null,
    constantOutcome: kind === 'outcomes' ? mapping.constantOutcome : null,
  };
}

function needsDateOrder(role: ColumnRole | undefined, type: ColumnType | undefined): boolean {
  if (!role) return false;
  if (role.role === 'date' || role.role === 'end-date') return role.format === undefined;
  return (
    role.role === 'field' &&
    (role.field === 'contractStart' || role.field === 'renewalDate') &&
    role.format === undefined &&
    type === 'date'
  );
}

function needsDecimal(role: ColumnRole | undefined): boolean {
  if (!role) return false;
  if (role.role === 'metric' || role.role === 'value' || role.role === 'amount')
    return role.decimal === undefined;
  if (role.role === 'attribute') return role.type === 'number' && role.decimal === undefined;
  if (role.role === 'field') {
    return (role.field === 'arr' || role.field === 'seats') && role.decimal === undefined;
  }
  return false;
}

/** The questions the current mapping still needs answered (columns it reads, formats unset). */
export function openQuestions(
  questions: readonly ColumnQuestion[],
  mapping: ImportMapping,
  profiles: readonly ColumnProfile[] = [],
): ColumnQuestion[] {
  const types = new Map(profiles.map((p) => [p.name, p.type]));
  return questions.filter((q) => {
    const role = mapping.columns[q.column];
    return q.kind === 'date-order'
      ? needsDateOrder(role, types.get(q.column) ?? 'date')
      : needsDecimal(role);
  });
}

/** The mapping with a question answered: 'dmy' | 'mdy' for dates, '.' | ',' for decimals. */
export function answerQuestion(
  mapping: ImportMapping,
  question: ColumnQuestion,
  answer: string,
): ImportMapping {
  const role = mapping.columns[question.column];
  if (!role) return mapping;
  let next: ColumnRole = role;
  if (
    question.kind === 'date-order' &&
    (role.role === 'date' || role.role === 'end-date' || role.role === 'field')
  ) {
    next = { ...role, format: answer as 'dmy' | 'mdy' };
  }
  if (
    question.kind === 'decimal-separator' &&
    (role.role === 'metric' ||
      role.role === 'value' ||
      role.role === 'amount' ||
      role.role === 'attribute' ||
      role.role === 'field')
  ) {
    next = { ...role, decimal: answer as '.' | ',' };
  }
  return { ...mapping, columns: { ...mapping.columns, [question.column]: next } };
}

/** What is wrong with a mapping, in words (empty when it can be validated). */
export function mappingProblems(mapping: ImportMapping): string[] {
  const parsed = mappingSchema.safeParse(mapping);
  if (parsed.success) return [];
  return [...new Set(parsed.error.issues.map((i) => i.message))];
}

/** The snapshot question: what the outcome column means and when it was observed. */
export interface SnapshotOutcomeQuestion {
  /** The outcome column's header. */
  column: string;
  /** Cell values meaning churn, as the file writes them (e.g. "Yes"). */
  churnValues: string[];
  /** The answer: days after the snapshot (0 = by the snapshot date), or null while unanswered. */
  days: number | null;
  /** The day the outcomes are dated with that answer (null without a snapshot date or answer). */
  observedDay: number | null;
}

/** The snapshot outcome question of a mapping, or null when it has none to ask. */
export function snapshotOutcomeQuestion(
  mapping: ImportMapping,
  profiles: readonly ColumnProfile[] = [],
): SnapshotOutcomeQuestion | null {
  if (mapping.kind !== 'snapshot') return null;
  const entry = Object.entries(mapping.columns).find(([, r]) => r.role === 'outcome');
  if (!entry && mapping.constantOutcome === null) return null;
  const [column, role] = entry ?? [''];
  const samples = profiles.find((p) => p.name === column)?.samples ?? [];
  const written = (key: string) => samples.find((s) => s.trim().toLowerCase() === key) ?? key;
  const churnValues =
    role?.role === 'outcome'
      ? Object.entries(role.values)
          .filter(([, kind]) => kind === 'churned')
          .map(([key]) => written(key))
      : [];
  const days = mapping.snapshotOutcomeDays ?? null;
  const snapshot = mapping.snapshotDate ? isoToDay(mapping.snapshotDate) : null;
  return {
    column,
    churnValues,
    days,
    observedDay: days !== null && snapshot !== null ? snapshotOutcomeDay(snapshot, days) : null,
  };
}

/** The question's first line: "“Churn” = Yes means the customer left". */
export function snapshotOutcomeMeaning(q: SnapshotOutcomeQuestion): string {
  if (!q.column) return 'Every row records a churn';
  const values = q.churnValues.length ? q.churnValues.join(' or ') : '(no value mapped to churn)';
  return `“${q.column}” = ${values} means the customer left`;
}

/** The mapping with the question answered: days after the snapshot, 0 = by it, null = unanswered. */
export function answerSnapshotOutcome(mapping: ImportMapping, days: number | null): ImportMapping {
  const ok = days !== null && snapshotOutcomeDaysProblem(days) === null;
  return { ...mapping, snapshotOutcomeDays: ok ? days : null };
}

/** What the answer means for the backtest, for the import summary; null when not a question. */
export function snapshotOutcomeNote(mapping: ImportMapping): string | null {
  const q = snapshotOutcomeQuestion(mapping);
  return q && q.days !== null ? describeSnapshotOutcome(q.days) : null;
}
