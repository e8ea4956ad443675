// The weekly digest: top movers down, new reds, renewals in the next 90 days with their band,
// expansion candidates (green and rising) and tasks due in the coming week — as data, and as a
// self-contained Markdown or HTML file to download or print.
import { dayToIso } from '../dates';
import { formatNumber } from '../score/format';
import type { Band, DayNumber } from '../types';
import { bandText, signedPoints, type AccountComparison } from './attribute';
import { byText } from './changes';
import type { ChangePeriod } from './period';

/** How many top movers down the digest names. */
export const DIGEST_TOP_MOVERS = 10;
/** Renewals within this many days of today. */
export const DIGEST_RENEWAL_DAYS = 90;
/** Tasks due within this many days of today (today included). */
export const DIGEST_TASK_DAYS = 7;

/** Rising means more than this many points, unless the model's trend dead zone says otherwise. */
export const DEFAULT_MIN_RISE = 5;

/** An account as the digest needs it. */
export interface DigestAccount {
  accountId: string;
  name: string;
  owner: string | null;
  arr: number | null;
  renewalDay: DayNumber | null;
  band: Band | null;
  score: number | null;
}

/** An open task as the digest needs it. */
export interface DigestTask {
  id: number;
  accountId: string;
  title: string;
  dueDay: DayNumber;
  priority: string;
  owner: string | null;
}

export interface DigestRenewal extends DigestAccount {
  renewalDay: DayNumber;
  daysAway: number;
}

export interface DigestExpansion extends DigestAccount {
  delta: number;
}

export interface DigestTaskRow extends DigestTask {
  accountName: string;
}

/** The digest's content. */
export interface Digest {
  today: DayNumber;
  period: ChangePeriod;
  modelName: string | null;
  topDown: AccountComparison[];
  newReds: AccountComparison[];
  renewals: DigestRenewal[];
  expansion: DigestExpansion[];
  tasks: DigestTaskRow[];
  /** Expansion candidates rose more than this many points. */
  minRise: number;
}

/** Builds the digest from the period's comparisons (every account), the live accounts and open tasks. */
export function buildDigest(input: {
  today: DayNumber;
  period: ChangePeriod;
  modelName: string | null;
  comparisons: readonly AccountComparison[];
  accounts: readonly DigestAccount[];
  tasks: readonly DigestTask[];
  /** A green account is rising when its score rose more than this (the model's trend dead zone). */
  minRise?: number;
}): Digest {
  const minRise = input.minRise ?? DEFAULT_MIN_RISE;
  const { today, comparisons } = input;
  const byId = new Map(comparisons.map((c) => [c.accountId, c]));
  const names = new Map(input.accounts.map((a) => [a.accountId, a.name]));
  const topDown = comparisons
    .filter((c) => c.delta !== null && c.delta < 0)
    .sort((a, b) => a.delta! - b.delta! || byText(a.name, b.name))
    .slice(0, DIGEST_TOP_MOVERS);
  const newReds = comparisons
    .filter((c) => c.bandAfter === 'red' && c.bandBefore !== 'red')
    .sort((a, b) => (a.delta ?? 0) - (b.delta ?? 0) || byText(a.name, b.name));
  const renewals: DigestRenewal[] = input.accounts
    .filter(
      (a) =>
        a.renewalDay !== null &&
        a.renewalDay >= today &&
        a.renewalDay <= today + DIGEST_RENEWAL_DAYS,
    )
    .map((a) => ({ ...a, renewalDay: a.renewalDay!, daysAway: a.renewalDay! - today }))
    .sort((a, b) => a.renewalDay - b.renewalDay || byText(a.name, b.name));
  const expansion: DigestExpansion[] = input.accounts
    .flatMap((a) => {
      const c = byId.get(a.accountId);
      return a.band === 'green' &&
        c &&
        c.bandAfter === 'green' &&
        c.delta !== null &&
        c.delta > minRise
        ? [{ ...a, delta: c.delta }]
        : [];
    })
    .sort((a, b) => b.delta - a.delta || byText(a.name, b.name));
  const tasks: DigestTaskRow[] = input.tasks
    .filter((t) => t.dueDay < today + DIGEST_TASK_DAYS)
    .map((t) => ({ ...t, accountName: names.get(t.accountId) ?? t.accountId }))
    .sort((a, b) => a.dueDay - b.dueDay || byText(a.accountName, b.accountName));
  return {
    today,
    period: input.period,
    modelName: input.modelName,
    topDown,
    newReds,
    renewals,
    expansion,
    tasks,
    minRise,
  };
}

/** What each empty section says. */
export const DIGEST_EMPTY = {
  topDown: 'No account’s score fell in the period.',
  newReds: 'No account entered red in the period.',
  renewals: `No live account renews in the next ${DIGEST_RENEWAL_DAYS} days.`,
  expansion: 'No green account rose by more than the model’s trend dead zone in the period.',
  tasks: `No open task is overdue or due in the next ${DIGEST_TASK_DAYS} days.`,
} as const;

function money(v: number | null): string {
  return v === null ? '—' : `$${formatNumber(v, 0)}`;
}

function scoreMove(c: AccountComparison): string {
  return `${c.scoreBefore ?? '—'} → ${c.scoreAfter ?? '—'}${c.delta !== null ? ` (${signedPoints(c.delta)})` : ''}`;
}

function bandMove(c: AccountComparison): string {
  return c.bandBefore === c.bandAfter
    ? bandText(c.bandAfter)
    : `${bandText(c.bandBefore)} → ${bandText(c.bandAfter)}`;
}

/** The digest's sections as rows of plain-text cells (shared by Markdown and HTML). */
export function digestTables(d: Digest): {
  id: keyof typeof DIGEST_EMPTY;
  title: string;
  head: string[];
  rows: string[][];
}[] {
  return [
    {
      id: 'topDown',
      title: 'Top movers down',
      head: ['Account', 'Score', 'Band', 'Why'],
      rows: d.topDown.map((c) => [c.name, scoreMove(c), bandMove(c), c.cause]),
    },
    {
      id: 'newReds',
      title: 'New reds',
      head: ['Account', 'Score', 'Was', 'Why'],
      rows: d.newReds.map((c) => [c.name, scoreMove(c), bandText(c.bandBefore), c.cause]),
    },
    {
      id: 'renewals',
      title: `Renewals in the next ${DIGEST_RENEWAL_DAYS} days`,
      head: ['Account', 'Renews', 'Band', 'Score', 'ARR', 'Owner'],
      rows: d.renewals.map((r) => [
        r.name,
        `${dayToIso(r.renewalDay)} (in ${r.daysAway} ${r.daysAway === 1 ? 'day' : 'days'})`,
        bandText(r.band),
        r.score === null ? '—' : String(r.score),
        money(r.arr),
        r.owner ?? '—',
      ]),
    },
    {
      id: 'expansion',
      title: `Expansion candidates (green, up more than ${d.minRise} points)`,
      head: ['Account', 'Score', 'Rise', 'ARR', 'Owner'],
      rows: d.expansion.map((e) => [
        e.name,
        e.score === null ? '—' : String(e.score),
        signedPoints(e.delta),
        money(e.arr),
        e.owner ?? '—',
      ]),
    },
    {
      id: 'tasks',
      title: `Tasks overdue or due in the next ${DIGEST_TASK_DAYS} days`,
      head: ['Due', 'Task', 'Account', 'Priority', 'Owner'],
      rows: d.tasks.map((t) => [
        t.dueDay < d.today ? `${dayToIso(t.dueDay)} (overdue)` : dayToIso(t.dueDay),
        t.title,
        t.accountName,
        t.priority,
        t.owner ?? '—',
      ]),
    },
  ];
}

function digestTitle(d: Digest): string {
  return `Canary weekly digest — ${dayToIso(d.today)}`;
}

function digestIntro(d: Digest): string {
  return (
    `Changes over the ${d.period.label}` +
    (d.modelName ? `, scored with ${d.modelName}` : '') +
    `. Renewals and tasks from ${dayToIso(d.today)}.`
  );
}

function mdCell(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
}

/** The digest as a Markdown document. */
export function digestMarkdown(d: Digest): string {
  const out: string[] = [`# ${digestTitle(d)}`, '', digestIntro(d), ''];
  for (const t of digestTables(d)) {
    out.push(`## ${t.title}`, '');
    if (t.rows.length === 0) {
      out.push(DIGEST_EMPTY[t.id], '');
      continue;
    }
    out.push(`| ${t.head.join(' | ')} |`, `| ${t.head.map(() => '---').join(' | ')} |`);
    for (const r of t.rows) out.push(`| ${r.map(mdCell).join(' | ')} |`);
    out.push('');
  }
  return out.join('\n');
}

/** Escapes text for HTML content and attributes. */
export function escapeHtml(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const DIGEST_CSS = `body{font:15px/1.45 system-ui,sans-serif;color:#1a1a1a;background:#fff;margin:2rem auto;max-width:60rem;padding:0 1rem}
h1{font-size:1.5rem}h2{font-size:1.15rem;margin-top:1.75rem;border-bottom:1px solid #ccc;padding-bottom:.2rem}
table{border-collapse:collapse;width:100%}th,td{text-align:left;vertical-align:top;padding:.3rem .5rem;border-bottom:1px solid #e2e2e2}
th{font-weight:600}p.empty{color:#444;font-style:italic}
@media print{body{margin:0;max-width:none;font-size:11pt}h2{break-after:avoid}tr{break-inside:avoid}}`;

/** The digest as one self-contained HTML file (inline styles, no scripts, no links out). */
export function digestHtml(d: Digest): string {
  const sections = digestTables(d)
    .map((t) => {
      const body =
        t.rows.length === 0
          ? `<p class="empty">${escapeHtml(DIGEST_EMPTY[t.id])}</p>`
          : `<table><thead><tr>${t.head.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('')}</tr></thead><tbody>${t.rows
              .map((r) => `<tr>${r.map((c) => `<td>${escapeHtml(c)}</td>`).join('')}</tr>`)
              .join('')}</tbody></table>`;
      return `<section><h2>${escapeHtml(t.title)}</h2>${body}</section>`;
    })
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(digestTitle(d))}</title><style>${DIGEST_CSS}</style></head>
<body><main><h1>${escapeHtml(digestTitle(d))}</h1><p>${escapeHtml(digestIntro(d))}</p>
${sections}
</main></body></html>
`;
}
