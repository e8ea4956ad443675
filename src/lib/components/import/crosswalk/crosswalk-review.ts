// Pure state of the crosswalk review: which customers still need a decision, counts by match
// method, the account picker's search, and bulk choices. Used by CrosswalkReview.svelte.
import type {
  Candidate,
  CrosswalkDecision,
  VendorResolution,
  MatchMethod,
  SourceKey,
} from '$lib/import/vendors';
import { keyName } from '../../../import/vendors/decisions';

/** One customer the user must decide on: a name suggestion or an unmatched key. */
export interface ReviewRow {
  key: SourceKey;
  kind: 'suggestion' | 'unmatched';
  candidates: Candidate[];
  /** Why it is here ("same name as …", "no account has this domain …"). */
  why: string;
}

/** The open rows of a resolution, suggestions first. */
export function reviewRows(resolution: VendorResolution): ReviewRow[] {
  return [
    ...resolution.suggestions.map((s) => ({
      key: s.key,
      kind: 'suggestion' as const,
      candidates: s.candidates,
      why:
        s.why === 'name'
          ? `Same name as ${s.candidates.map((c) => c.name).join(' and ')}`
          : `Its id or domain names ${s.candidates.length} accounts`,
    })),
    ...resolution.unmatched.map((u) => ({
      key: u.key,
      kind: 'unmatched' as const,
      candidates: [],
      why: u.reason,
    })),
  ];
}

/** Automatic matches per method. */
export function methodCounts(resolution: VendorResolution): Record<MatchMethod, number> {
  const counts: Record<MatchMethod, number> = { crosswalk: 0, 'explicit-id': 0, domain: 0 };
  for (const m of resolution.matched) counts[m.method]++;
  return counts;
}

/** The automatic matches per method, in METHOD_LABELS order, methods with none left out. */
export function matchedLines(
  resolution: VendorResolution,
): { method: MatchMethod; count: number }[] {
  const counts = methodCounts(resolution);
  return (Object.keys(METHOD_LABELS) as MatchMethod[])
    .map((method) => ({ method, count: counts[method] }))
    .filter((l) => l.count > 0);
}

/** Row numbers for a sentence: "row 8", "rows 5, 8", or the first `max` and "…". */
export function rowList(rows: readonly number[], max = 10): string {
  const shown = rows.slice(0, max).join(', ');
  return `${rows.length === 1 ? 'row' : 'rows'} ${shown}${rows.length > max ? ', …' : ''}`;
}

/** Human labels of the match methods. */
export const METHOD_LABELS: Readonly<Record<MatchMethod, string>> = {
  crosswalk: 'remembered from earlier imports',
  'explicit-id': 'by an account id in the file',
  domain: 'by company email domain',
};

function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}

/** Accounts whose name or id contains every word of the query (accent/case-insensitive). */
export function filterAccounts<T extends { id: string; name: string }>(
  accounts: readonly T[],
  query: string,
  limit = 50,
): T[] {
  const words = fold(query).split(/\s+/).filter(Boolean);
  const out: T[] = [];
  for (const a of accounts) {
    const hay = `${fold(a.name)} ${fold(a.id)}`;
    if (words.every((w) => hay.includes(w))) out.push(a);
    if (out.length >= limit) break;
  }
  return out;
}

/** The user's choices so far (key → decision); absent = undecided. */
export type Choices = ReadonlyMap<string, CrosswalkDecision>;

/** The choices with one row decided (null clears it). */
export function choose(choices: Choices, key: string, decision: CrosswalkDecision | null): Choices {
  const next = new Map(choices);
  if (decision === null) next.delete(key);
  else next.set(key, decision);
  return next;
}

/** The choices with a decision applied to many rows; `onlyUndecided` keeps existing ones. */
export function chooseAll(
  choices: Choices,
  rows: readonly ReviewRow[],
  decide: (row: ReviewRow) => CrosswalkDecision | null,
  onlyUndecided = true,
): Choices {
  const next = new Map(choices);
  for (const row of rows) {
    if (onlyUndecided && next.has(row.key.key)) continue;
    const d = decide(row);
    if (d) next.set(row.key.key, d);
  }
  return next;
}

/** A bulk choice: confirm a suggestion's only candidate (rows with several are left alone). */
export function confirmSingle(row: ReviewRow): CrosswalkDecision | null {
  return row.candidates.length === 1
    ? { kind: 'match', accountId: row.candidates[0].accountId }
    : null;
}

/** How far the review is. */
export function reviewProgress(
  rows: readonly ReviewRow[],
  choices: Choices,
): {
  decided: number;
  total: number;
  complete: boolean;
  create: number;
  skip: number;
  match: number;
} {
  let create = 0;
  let skip = 0;
  let match = 0;
  for (const r of rows) {
    const d = choices.get(r.key.key);
    if (d?.kind === 'create') create++;
    else if (d?.kind === 'skip') skip++;
    else if (d?.kind === 'match') match++;
  }
  const decided = create + skip + match;
  return { decided, total: rows.length, complete: decided === rows.length, create, skip, match };
}

/** The decisions to send to the import, in row order. */
export function toDecisions(
  rows: readonly ReviewRow[],
  choices: Choices,
): [string, CrosswalkDecision][] {
  const out: [string, CrosswalkDecision][] = [];
  for (const r of rows) {
    const d = choices.get(r.key.key);
    if (d) out.push([r.key.key, d]);
  }
  return out;
}

/** A short label for a key, the name an account created from it gets (`keyName`). */
export function keyLabel(key: SourceKey): string {
  return keyName(key);
}
