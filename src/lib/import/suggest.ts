// A first mapping from headers and sample rows, for the user to correct: the file kind, the
// account and date columns, account fields by their usual names, metrics for numeric columns.
import {
  detectColumnTypes,
  headerTokens,
  type ColumnProfile,
  type ColumnQuestion,
} from './column-types';
import { normalizeHeader } from './headers';
import {
  createMapping,
  type AccountField,
  type ColumnRole,
  type ImportKind,
  type ImportMapping,
} from './mapping';

/** A suggested mapping with what it was based on and what to ask. */
export interface MappingSuggestion {
  mapping: ImportMapping;
  profiles: ColumnProfile[];
  /** Day/month order and decimal separator questions the user must answer. */
  questions: ColumnQuestion[];
}

const ACCOUNT_ID = [
  'account id',
  'account_id',
  'accountid',
  'customer id',
  'customer_id',
  'customerid',
  'company id',
  'company_id',
  'record id',
  'organization id',
  'org id',
  'id',
];
const FIELD_NAMES: Record<AccountField, string[]> = {
  name: [
    'name',
    'account name',
    'account_name',
    'company name',
    'company',
    'customer name',
    'organization',
  ],
  segment: ['segment', 'tier', 'plan', 'plan tier', 'plan_tier'],
  arr: ['arr', 'annual recurring revenue', 'arr_amount', 'arr amount'],
  seats: ['seats', 'licenses', 'licences', 'users'],
  contractStart: ['contract start', 'contract_start', 'contract start date', 'start date'],
  renewalDate: ['renewal date', 'renewal_date', 'renewal', 'contract end', 'contract end date'],
  owner: ['owner', 'account owner', 'company owner', 'csm', 'customer success manager'],
};
const OUTCOME_HEADERS = ['outcome', 'churn', 'churned', 'renewal outcome', 'result'];
const OUTCOME_VALUES: Record<string, 'renewed' | 'churned' | 'expanded' | 'contracted'> = {
  renewed: 'renewed',
  churned: 'churned',
  expanded: 'expanded',
  contracted: 'contracted',
  yes: 'churned',
  no: 'renewed',
  true: 'churned',
  false: 'renewed',
  '1': 'churned',
  '0': 'renewed',
};

function slug(header: string): string {
  return headerTokens(header).join('_') || 'metric';
}

function pickAccountColumn(profiles: ColumnProfile[]): ColumnProfile | undefined {
  for (const name of ACCOUNT_ID) {
    const p = profiles.find((c) => normalizeHeader(c.name) === name);
    if (p) return p;
  }
  return profiles.find((p) => p.type === 'id');
}

function guessKind(
  profiles: ColumnProfile[],
  account: ColumnProfile | undefined,
  rows: readonly string[][],
): ImportKind {
  const names = new Set(profiles.map((p) => normalizeHeader(p.name)));
  const date = profiles.find(
    (p) =>
      p.type === 'date' && !Object.values(FIELD_NAMES).flat().includes(normalizeHeader(p.name)),
  );
  if (names.has('metric') && names.has('value')) return 'signals-long';
  if (date && profiles.some((p) => OUTCOME_HEADERS.includes(normalizeHeader(p.name))))
    return 'outcomes';
  const oneRowPerAccount = account !== undefined && account.distinct === account.nonEmpty;
  if (!date) {
    const hasOutcome = profiles.some((p) => OUTCOME_HEADERS.includes(normalizeHeader(p.name)));
    return oneRowPerAccount && hasOutcome ? 'snapshot' : 'accounts';
  }
  if (!account) return 'signals-wide';
  const pairs = new Set(rows.map((r) => `${r[account.index]}\u0000${r[date.index]}`));
  return pairs.size < rows.length ? 'events' : 'signals-wide';
}

function fieldFor(header: string): AccountField | undefined {
  const n = normalizeHeader(header);
  return (Object.keys(FIELD_NAMES) as AccountField[]).find((f) => FIELD_NAMES[f].includes(n));
}

function roleFor(p: ColumnProfile, kind: ImportKind, dateTaken: boolean): ColumnRole {
  const n = normalizeHeader(p.name);
  const decimal = p.decimal ? { decimal: p.decimal } : {};
  if (kind === 'signals-long' && n === 'metric') return { role: 'metric-name' };
  if (kind === 'signals-long' && n === 'value') return { role: 'value', ...decimal };
  if ((kind === 'outcomes' || kind === 'snapshot') && OUTCOME_HEADERS.includes(n)) {
    const values: Record<string, 'renewed' | 'churned' | 'expanded' | 'contracted'> = {};
    for (const s of p.samples)
      if (OUTCOME_VALUES[s.toLowerCase()])
        values[s.toLowerCase()] = OUTCOME_VALUES[s.toLowerCase()];
    return { role: 'outcome', values };
  }
  if (kind === 'outcomes' && n === 'reason') return { role: 'reason' };
  if (kind === 'outcomes' && n === 'avoidable') return { role: 'avoidable' };
  if (
    p.type === 'date' &&
    !dateTaken &&
    kind !== 'accounts' &&
    kind !== 'snapshot' &&
    !fieldFor(p.name)
  ) {
    return p.dateFormat ? { role: 'date', format: p.dateFormat } : { role: 'date' };
  }
  const field = kind === 'accounts' || kind === 'snapshot' ? fieldFor(p.name) : undefined;
  if (field)
    return p.dateFormat
      ? { role: 'field', field, format: p.dateFormat }
      : { role: 'field', field, ...decimal };
  if (p.type === 'number' || (p.type === 'boolean' && kind !== 'accounts')) {
    if (kind === 'accounts')
      return { role: 'attribute', name: slug(p.name), type: 'number', ...decimal };
    if (kind !== 'outcomes' && kind !== 'signals-long')
      return { role: 'metric', metric: slug(p.name), ...decimal };
  }
  if (kind === 'accounts' || kind === 'snapshot') {
    return {
      role: 'attribute',
      name: slug(p.name),
      type: p.type === 'boolean' ? 'boolean' : 'text',
    };
  }
  return { role: 'ignore' };
}

/**
 * Suggests a mapping from the header row and sample rows (pass all rows to detect types over
 * whole columns). The result is valid when the file has the columns its kind needs; otherwise
 * the kind falls back to 'accounts' with every column kept as an attribute.
 */
export function suggestMapping(
  headers: readonly string[],
  samples: readonly string[][],
): MappingSuggestion {
  const profiles = detectColumnTypes(headers, samples);
  const questions = profiles.flatMap((p) => (p.question ? [p.question] : []));
  const account = pickAccountColumn(profiles);
  const kind = guessKind(profiles, account, samples);
  const columns: Record<string, ColumnRole> = {};
  let dateTaken = false;
  for (const p of profiles) {
    if (p === account) {
      columns[p.name] = { role: 'account-id' };
      continue;
    }
    const role = roleFor(p, kind, dateTaken);
    if (role.role === 'date') dateTaken = true;
    columns[p.name] = role;
  }
  const attempt = { kind, columns, eventCountMetric: kind === 'events' ? 'events' : null };
  try {
    return { mapping: createMapping(attempt), profiles, questions };
  } catch {
    const fallback: Record<string, ColumnRole> = {};
    for (const p of profiles) {
      fallback[p.name] =
        p === (account ?? profiles[0])
          ? { role: 'account-id' }
          : { role: 'attribute', name: slug(p.name), type: 'text' };
    }
    return { mapping: createMapping({ kind: 'accounts', columns: fallback }), profiles, questions };
  }
}
