// Reading a column's name the way a CS lead would: a label in words ("Tenure (months)"), the
// health dimension it most likely belongs to, and — without outcomes to ask — whether a higher
// value is likely good or bad. Only names are read here; the data's own answer comes from a fit.

/** The seeds' five dimensions of health, and "other" for what the name does not place. */
export type Dimension = 'usage' | 'support' | 'engagement' | 'relationship' | 'financial' | 'other';

/** The dimensions in the order the proposal lists them. */
export const DIMENSIONS: readonly Dimension[] = [
  'usage',
  'support',
  'engagement',
  'relationship',
  'financial',
  'other',
];

/** A dimension's display name. */
export const DIMENSION_NAMES: Record<Dimension, string> = {
  usage: 'Usage',
  support: 'Support',
  engagement: 'Engagement',
  relationship: 'Relationship',
  financial: 'Financial',
  other: 'Other',
};

const ACRONYMS: Record<string, string> = {
  arr: 'ARR',
  mrr: 'MRR',
  nps: 'NPS',
  csat: 'CSAT',
  ces: 'CES',
  qbr: 'QBR',
  qbrs: 'QBRs',
  api: 'API',
  sla: 'SLA',
  tv: 'TV',
  id: 'ID',
  usd: 'USD',
  eur: 'EUR',
  gbp: 'GBP',
  dau: 'DAU',
  wau: 'WAU',
  mau: 'MAU',
  crm: 'CRM',
};

const UNITS = new Set(['seconds', 'minutes', 'hours', 'days', 'weeks', 'months', 'years']);
const UNIT_ALIASES: Record<string, string> = {
  secs: 'seconds',
  mins: 'minutes',
  hrs: 'hours',
  pct: '%',
  percent: '%',
};

/** The lower-case words of a column name: snake_case, kebab-case, camelCase and spaces alike. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9%]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

const word = (w: string) => ACRONYMS[w] ?? w;

/**
 * A column name in words: `monthly_charges` → "Monthly charges", `tenure_months` → "Tenure
 * (months)", `tenureDays` → "Tenure (days)", `arr` → "ARR". A trailing unit goes in brackets.
 */
export function columnLabel(name: string): string {
  const words = nameWords(name);
  if (!words.length) return name;
  let unit: string | null = null;
  const last = words[words.length - 1];
  const unitWord = UNIT_ALIASES[last] ?? last;
  if (words.length > 1 && (UNITS.has(unitWord) || unitWord === '%')) {
    unit = unitWord;
    words.pop();
  }
  const text = words.map(word).join(' ');
  const label = text.charAt(0).toUpperCase() + text.slice(1);
  return unit ? `${label} (${unit})` : label;
}

/** A label with a qualifier: "Tickets (90-day mean)", "Usage duration (seconds, 90-day mean)". */
export function qualifiedLabel(label: string, qualifier: string): string {
  const unit = /^(.*) \(([^()]+)\)$/.exec(label);
  return unit ? `${unit[1]} (${unit[2]}, ${qualifier})` : `${label} (${qualifier})`;
}

/** A label without its bracketed unit: "Usage duration (seconds)" → "Usage duration". */
export function unitlessLabel(label: string): string {
  return label.replace(/ \([^()]+\)$/, '');
}

// Words naming a level (a score, an amount, a size), never a count of events.
const LEVEL_WORDS = [
  'satisfaction',
  'score',
  'csat',
  'nps',
  'rating',
  'seat',
  'arr',
  'mrr',
  'rate',
  'ratio',
  'share',
  'percent',
  'pct',
  'duration',
  'minutes',
  'hours',
  'seconds',
  'days',
  'time',
  'amount',
  'balance',
  'price',
  'value',
  'level',
  'size',
  'revenue',
  'charge',
];

/** Whether the name says the column is a level (a score, an amount, a duration), not a count. */
export function namesALevel(name: string): boolean {
  return nameWords(name).some((w) => LEVEL_WORDS.some((l) => w.startsWith(l)));
}

/** The label inside a sentence: "monthly charges", but acronyms stay ("ARR"). */
export function inlineLabel(label: string): string {
  const first = label.split(' ')[0];
  return first === first.toUpperCase() ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

// Word stems per dimension, tried in this order (the first dimension with a match wins). A stem
// matches a word it begins; short ones (arr, nps…) must be the whole word.
const DIMENSION_STEMS: [Dimension, string[]][] = [
  [
    'support',
    [
      'ticket',
      'escalat',
      'csat',
      'satisfaction',
      'resolution',
      'response',
      'support',
      'incident',
      'complaint',
      'sla',
      'bug',
      'helpdesk',
    ],
  ],
  [
    'financial',
    [
      'arr',
      'mrr',
      'revenue',
      'charge',
      'billing',
      'billed',
      'invoice',
      'payment',
      'paid',
      'unpaid',
      'overdue',
      'balance',
      'price',
      'pricing',
      'amount',
      'refund',
      'discount',
      'spend',
      'delinquen',
      'plan',
      'tier',
      'past',
    ],
  ],
  [
    'usage',
    [
      'usage',
      'active',
      'login',
      'session',
      'seat',
      'licen',
      'feature',
      'action',
      'adoption',
      'api',
      'event',
      'user',
      'dau',
      'wau',
      'mau',
      'workflow',
      'integration',
      'error',
      'page',
      'click',
      'report',
    ],
  ],
  [
    'engagement',
    [
      'meeting',
      'qbr',
      'qbrs',
      'email',
      'webinar',
      'training',
      'engagement',
      'survey',
      'call',
      'calls',
      'visit',
      'onboarding',
    ],
  ],
  [
    'relationship',
    ['champion', 'sponsor', 'nps', 'pulse', 'tenure', 'relationship', 'stakeholder', 'contract'],
  ],
];

const WHOLE_WORD = new Set(['arr', 'mrr', 'nps', 'sla', 'api', 'dau', 'wau', 'mau', 'qbr', 'plan']);

function matches(words: readonly string[], stem: string): boolean {
  return words.some((w) => (WHOLE_WORD.has(stem) ? w === stem : w.startsWith(stem)));
}

/** The dimension a column's name suggests ("other" when it names none). */
export function dimensionOf(name: string): Dimension {
  const words = nameWords(name);
  for (const [dimension, stems] of DIMENSION_STEMS) {
    if (stems.some((s) => matches(words, s))) return dimension;
  }
  return 'other';
}

// Names of things where more is worse: problems, waiting, money owed.
const LOWER_IS_BETTER = [
  'ticket',
  'escalat',
  'error',
  'bug',
  'incident',
  'complaint',
  'overdue',
  'unpaid',
  'delinquen',
  'refund',
  'downgrad',
  'outage',
  'fail',
  'crash',
  'wait',
  'backlog',
  'since',
  'inactive',
  'dispute',
  'chargeback',
];

const TIME_WORDS = new Set(['time', 'seconds', 'minutes', 'hours', 'days', 'secs', 'mins', 'hrs']);

/**
 * Whether a higher value of the column is better, guessed from its name: tickets, escalations,
 * errors, days past due, response and resolution times → lower is better. `matched` is the
 * word that decided it (null: nothing in the name says, so higher is assumed better).
 */
export function directionFromName(name: string): {
  higherIsBetter: boolean;
  matched: string | null;
} {
  const words = nameWords(name);
  const joined = words.join('_');
  if (/past_due/.test(joined)) return { higherIsBetter: false, matched: 'past due' };
  if (words.includes('late')) return { higherIsBetter: false, matched: 'late' };
  // Response and resolution *times* are better short; a response *rate* is better high.
  const timed = words.some((w) => TIME_WORDS.has(w));
  const slow = words.find((w) => w.startsWith('resolution') || w.startsWith('response'));
  if (slow && timed) return { higherIsBetter: false, matched: `${slow} time` };
  for (const stem of LOWER_IS_BETTER) {
    const w = words.find((x) => x.startsWith(stem));
    if (w) return { higherIsBetter: false, matched: w };
  }
  return { higherIsBetter: true, matched: null };
}

/** How a proposed measure reads its column (see ProposedKind in propose.ts). */
type MeasureKind = 'latest' | 'mean' | 'total' | 'change' | 'number' | 'category';

/** Formats whose rendered value already says its unit ("17 days", "$1,200", "12%"). */
const UNIT_FORMATS = new Set(['days', 'currency', 'percent', 'ratioPercent']);

/** The label's bracketed unit ("Tenure (months)" → "months"), or null. */
function labelUnit(label: string): string | null {
  return /\(([^()]+)\)$/.exec(label)?.[1] ?? null;
}

/**
 * What follows `{value}` to say its unit, as a CSM would write it ("{value} months",
 * "{value}%"): nothing when there is none or the format already says it ("17 days").
 */
function valueUnit(column: string, format: string): string {
  const unit = labelUnit(columnLabel(column));
  if (unit === null || UNIT_FORMATS.has(format)) return '';
  return unit === '%' ? '%' : ` ${unit}`;
}

/** The column's label inside a sentence, without its unit (that follows the value). */
function subject(column: string): string {
  return inlineLabel(unitlessLabel(columnLabel(column)));
}

/** Whether the name's last word (its unit aside) is a plural: "active users", "QBRs". */
function pluralName(column: string): boolean {
  const last = nameWords(column)
    .filter((w) => !UNITS.has(UNIT_ALIASES[w] ?? w))
    .pop();
  if (!last) return false;
  const shown = ACRONYMS[last];
  return shown ? /[a-z]s$/.test(shown) : /[^su]s$/.test(last);
}

// Words of a state read at a moment (days past due, days since login, tenure, age): its mean
// over a window is no amount "a week", unlike usage or tickets counted in each period.
const STATE_WORDS = new Set(['due', 'overdue', 'since', 'tenure', 'age', 'ago']);

/** Whether the column is a state at a moment ("days past due", "days since last login"). */
function namesAState(column: string): boolean {
  return nameWords(column).some((w) => STATE_WORDS.has(w));
}

/** "a week" for weekly readings, "a day", "a month"; null when the cadence is irregular. */
function cadence(gapDays: number): string | null {
  if (gapDays === 1) return 'a day';
  if (gapDays === 7) return 'a week';
  if (gapDays >= 28 && gapDays <= 31) return 'a month';
  return null;
}

// Words that only say a column counts something ("feature usage count" counts feature usage).
const COUNT_SUFFIXES = new Set(['count', 'counts', 'number', 'total', 'totals', 'sum']);

/**
 * What a count of none is written as ("no tickets", "no feature usage"), or null when the
 * column is a level (a score, an amount, a duration, seats): there 0 is a value, not an absence.
 */
function noneOf(column: string): string | null {
  if (namesALevel(column) || namesASpan(column) || labelUnit(columnLabel(column)) !== null)
    return null;
  const label = subject(column).split(' ');
  while (label.length > 1 && COUNT_SUFFIXES.has(label[label.length - 1].toLowerCase())) label.pop();
  return `no ${label.join(' ')}`;
}

/** The phrase object form: the same text as a strength and a weakness, another when 0. */
type Phrase = string | { good: string; bad: string; zero: string };

/**
 * The explanation phrase of a proposed measure, in words and true to how it reads its data: a
 * snapshot's value or an attribute "is" its value (never a "90-day mean"), a series' mean
 * "averaged" over its window, an event count "totalled" in it, a change "fell"/"rose" in it.
 * A unit follows the value ("tenure is {value} months"); an event count of none reads "no
 * tickets in {window}"; a yes/no column (`binary`: its values are 0 and 1) reads "paperless
 * billing: yes" or "…: no". Placeholders as the model format's `phrase` ({value}, {change},
 * {window}); a text, or `{ good, bad, zero }` where the value 0 reads differently.
 */
export function measurePhraseTemplate(
  column: string,
  kind: MeasureKind,
  format: string,
  options: { sparseLevel?: boolean; gapDays?: number; binary?: boolean } = {},
): Phrase {
  const x = subject(column);
  const value = `{value}${valueUnit(column, format)}`;
  const is = pluralName(column) ? 'are' : 'is';
  const withZero = (text: string): Phrase => {
    const none = noneOf(column);
    return none === null ? text : { good: text, bad: text, zero: `${none} in {window}` };
  };
  if (options.binary && kind !== 'change' && kind !== 'category')
    return { good: `${x}: yes`, bad: `${x}: yes`, zero: `${x}: no` };
  switch (kind) {
    case 'latest':
      return options.sparseLevel ? `latest ${x} ${is} ${value}` : `${x} ${is} ${value}`;
    case 'mean': {
      const per =
        options.gapDays === undefined || namesAState(column) ? null : cadence(options.gapDays);
      return withZero(`${x} averaged ${value}${per ? ` ${per}` : ''} over {window}`);
    }
    case 'total':
      return withZero(`${x} totalled ${value} over {window}`);
    case 'change':
      return `${x} {change} over {window}`;
    default:
      return `${x} ${is} ${value}`;
  }
}

// Words naming a span of time: "shorter"/"longer" reads better than "lower"/"higher".
const SPAN_WORDS = ['tenure', 'duration', 'age', 'time', 'lifetime'];

/** Whether the column is a span of time: a span word, or counted in a time unit ("…_minutes"). */
function namesASpan(column: string): boolean {
  const words = nameWords(column);
  if (words.some((w) => SPAN_WORDS.some((s) => w.startsWith(s)))) return true;
  const unit = labelUnit(columnLabel(column));
  return unit !== null && UNITS.has(unit);
}

// Things counted one by one although the names read as levels ("seat" is one for utilisation).
const COUNTED = ['seat', 'licen', 'user', 'member', 'employee'];

/**
 * Which way a measure moves the score, in words: "fewer active users → lower score", "more
 * tickets → lower score", "shorter tenure → lower score", "longer first response → lower
 * score", "a fall in core actions → lower score", "senior citizen: yes → lower score" for a
 * yes/no column (`binary`); "points per contract" for categories.
 */
export function directionSentence(
  column: string,
  kind: MeasureKind,
  direction: 'higher' | 'lower' | 'target' | 'mixed' | 'category' | 'flat',
  options: { binary?: boolean } = {},
): string {
  const label = inlineLabel(unitlessLabel(columnLabel(column)));
  if (direction === 'category' || kind === 'category') return `points per ${label}`;
  if (direction === 'flat') return `${label}: no effect on the score`;
  if (direction === 'target' || direction === 'mixed') return `${label}: see the tiers`;
  const good = direction === 'higher';
  if (kind === 'change') return `${good ? 'a fall' : 'a rise'} in ${label} → lower score`;
  if (options.binary) return `${label}: ${good ? 'no' : 'yes'} → lower score`;
  const span = namesASpan(column);
  // A plural count ("active users", "tickets", "seats") is fewer/more; a level (a score, an
  // amount, seat utilisation) lower/higher. A name led by a count of time units ("days past
  // due", "days since last login") counts them: more days past due, not higher.
  const words = nameWords(column);
  const last = words[words.length - 1] ?? '';
  const counted = pluralName(column) && COUNTED.some((c) => last.startsWith(c));
  const timeCount = words.length > 1 && UNITS.has(UNIT_ALIASES[words[0]] ?? words[0]);
  // An event counted under an acronym ("QBR"): fewer QBRs, not a lower QBR.
  const acronymEvents =
    /^[A-Z]{2,}$/.test(label) && (kind === 'mean' || kind === 'total') && noneOf(column) !== null;
  const count =
    kind === 'total' ||
    timeCount ||
    acronymEvents ||
    (pluralName(column) && (counted || !namesALevel(column)));
  const less = span && !timeCount ? 'shorter' : count ? 'fewer' : 'lower';
  const more = span && !timeCount ? 'longer' : count ? 'more' : 'higher';
  return `${good ? less : more} ${acronymEvents ? `${label}s` : label} → lower score`;
}
