// The mapping document: which file kind, and what each column means. Validated with zod so a
// saved preset or a worker message can be trusted before any row is read.
import { z } from 'zod';
import { normalizeHeader } from './headers';
import { MAX_SNAPSHOT_OUTCOME_DAYS } from './snapshot-outcome';

/** The kinds of file the importer turns into accounts, signals and outcomes. */
export const IMPORT_KINDS = [
  'accounts',
  'signals-long',
  'signals-wide',
  'snapshot',
  'outcomes',
  'events',
  'subscriptions',
] as const;
/** One of IMPORT_KINDS. */
export type ImportKind = (typeof IMPORT_KINDS)[number];

const OUTCOMES = ['renewed', 'churned', 'expanded', 'contracted'] as const;
const dateFormat = z.enum(['ymd', 'dmy', 'mdy', 'excel']);
const decimal = z.enum(['.', ',']);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Account fields a column can fill (the rest become attributes). */
export const ACCOUNT_FIELDS = [
  'name',
  'segment',
  'arr',
  'seats',
  'contractStart',
  'renewalDate',
  'owner',
] as const;
/** One of ACCOUNT_FIELDS. */
export type AccountField = (typeof ACCOUNT_FIELDS)[number];

/** How the rows of one account and day collapse in an event log. */
export const aggregateSchema = z.enum(['sum', 'mean', 'max', 'min']);
/** One of 'sum' | 'mean' | 'max' | 'min'. */
export type EventAggregate = z.infer<typeof aggregateSchema>;

/** What one column means. */
export const columnRoleSchema = z.discriminatedUnion('role', [
  z.object({ role: z.literal('ignore') }),
  z.object({ role: z.literal('account-id') }),
  /** The value is a key of a lookup table (e.g. subscription id) that names the account. */
  z.object({ role: z.literal('account-lookup'), lookup: z.string().min(1) }),
  z.object({ role: z.literal('date'), format: dateFormat.optional() }),
  /** Subscriptions: the day a subscription ended (empty while it runs). */
  z.object({ role: z.literal('end-date'), format: dateFormat.optional() }),
  /** Subscriptions: the recurring amount, per year or per month (ARR = 12 × a monthly amount). */
  z.object({
    role: z.literal('amount'),
    per: z.enum(['year', 'month']),
    decimal: decimal.optional(),
  }),
  z.object({
    role: z.literal('field'),
    field: z.enum(ACCOUNT_FIELDS),
    format: dateFormat.optional(),
    decimal: decimal.optional(),
  }),
  z.object({
    role: z.literal('attribute'),
    name: z.string().min(1),
    type: z.enum(['text', 'number', 'boolean']),
    decimal: decimal.optional(),
  }),
  z.object({
    role: z.literal('metric'),
    metric: z.string().min(1),
    decimal: decimal.optional(),
    aggregate: aggregateSchema.optional(),
  }),
  z.object({ role: z.literal('metric-name') }),
  z.object({ role: z.literal('value'), decimal: decimal.optional() }),
  /** Cell values (matched lower-case, trimmed) → outcome; 'skip' drops the row quietly. */
  z.object({
    role: z.literal('outcome'),
    values: z.record(z.string(), z.enum([...OUTCOMES, 'skip'])),
  }),
  z.object({ role: z.literal('reason') }),
  z.object({ role: z.literal('avoidable') }),
]);
/** What one column means. */
export type ColumnRole = z.infer<typeof columnRoleSchema>;

const SINGLE_ROLES = [
  'account-id',
  'account-lookup',
  'date',
  'end-date',
  'amount',
  'metric-name',
  'value',
  'outcome',
  'reason',
  'avoidable',
] as const;

const baseSchema = z.object({
  version: z.literal(1),
  kind: z.enum(IMPORT_KINDS),
  /** Header (as written; matched case-insensitively, trimmed, NFC) → role. */
  columns: z.record(z.string(), columnRoleSchema),
  /** Repeated (account, date, metric) rows: the last wins, or they are summed. */
  duplicatePolicy: z.enum(['last', 'sum']),
  /**
   * Snapshots: the date their values were true on (chosen by the user). Subscriptions: the day
   * "current" means (null = the newest date in the file).
   */
  snapshotDate: isoDate.nullable(),
  /**
   * Snapshots with an outcome column: when it was observed, in days after the snapshot (the
   * outcome is dated snapshot + this). 0 = by the snapshot date (only a same-day backtest is
   * possible); null or absent = not answered yet (the import asks; see snapshot-outcome.ts).
   */
  snapshotOutcomeDays: z.number().int().min(0).max(MAX_SNAPSHOT_OUTCOME_DAYS).nullable().optional(),
  /** Event logs: the metric that counts rows per account and day (null = no count). */
  eventCountMetric: z.string().min(1).nullable(),
  /** Outcome files without an outcome column (e.g. a churn log): every row is this outcome. */
  constantOutcome: z.enum(OUTCOMES).nullable(),
});

type BaseMapping = z.infer<typeof baseSchema>;

function rolesOf(m: BaseMapping): Map<ColumnRole['role'], number> {
  const counts = new Map<ColumnRole['role'], number>();
  for (const r of Object.values(m.columns)) counts.set(r.role, (counts.get(r.role) ?? 0) + 1);
  return counts;
}

function kindProblems(m: BaseMapping): string[] {
  const roles = rolesOf(m);
  const has = (r: ColumnRole['role']) => (roles.get(r) ?? 0) > 0;
  const problems: string[] = [];
  for (const r of SINGLE_ROLES) {
    if ((roles.get(r) ?? 0) > 1) problems.push(`only one column can be the ${r}`);
  }
  if (has('account-id') === has('account-lookup')) {
    problems.push('exactly one column must identify the account (an id or a lookup key)');
  }
  const needDate = ['signals-long', 'signals-wide', 'outcomes', 'events'].includes(m.kind);
  if (needDate && !has('date')) problems.push('a date column is required');
  if (m.kind === 'subscriptions' && !(has('date') && has('amount'))) {
    problems.push('subscriptions need a start date column and an amount column');
  }
  if ((has('end-date') || has('amount')) && m.kind !== 'subscriptions') {
    problems.push('end dates and amounts are read only in subscriptions files');
  }
  if (m.kind === 'signals-long' && !(has('metric-name') && has('value'))) {
    problems.push('long signals need a metric-name column and a value column');
  }
  if (m.kind === 'signals-wide' && !has('metric')) problems.push('map at least one metric column');
  if (m.kind === 'events' && !has('metric') && m.eventCountMetric === null) {
    problems.push('an event log needs a count metric or at least one summed column');
  }
  if (m.kind === 'outcomes' && !has('outcome') && m.constantOutcome === null) {
    problems.push('map an outcome column or choose the outcome every row records');
  }
  const metricKinds = ['signals-wide', 'snapshot', 'events', 'subscriptions'];
  if (has('metric') && !metricKinds.includes(m.kind)) {
    problems.push(`metric columns are not used in ${m.kind} files`);
  }
  return problems;
}

/** Schema of a mapping document, including the columns each file kind requires. */
export const mappingSchema = baseSchema.superRefine((m, ctx) => {
  for (const message of kindProblems(m)) ctx.addIssue({ code: 'custom', message });
});

/** A validated mapping document. */
export type ImportMapping = z.infer<typeof mappingSchema>;

/** A mapping with defaults filled in: only kind and columns are required. */
export function createMapping(
  partial: Pick<ImportMapping, 'kind' | 'columns'> & Partial<ImportMapping>,
): ImportMapping {
  return mappingSchema.parse({
    version: 1,
    duplicatePolicy: 'last',
    snapshotDate: null,
    eventCountMetric: null,
    constantOutcome: null,
    ...partial,
  });
}

/** The columns a mapping names that the header row lacks (matched normalised). */
export function missingMappedColumns(mapping: ImportMapping, headers: readonly string[]): string[] {
  const present = new Set(headers.map(normalizeHeader));
  return Object.entries(mapping.columns)
    .filter(([name, role]) => role.role !== 'ignore' && !present.has(normalizeHeader(name)))
    .map(([name]) => name);
}
