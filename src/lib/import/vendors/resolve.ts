// Resolving each source key of a file to a Canary account, in a fixed order of trust:
// the stored crosswalk and explicit ids, then the customer's email domain, and only then a
// name match — which is a suggestion the user confirms, never an automatic match.
import type { Account } from '../../engine/types';
import { customerDomain } from './domains';
import { normalizeCompanyName } from './names';
import { crosswalkKey, type SourceKey } from './source-keys';

/** One crosswalk entry: a source system's id → a Canary account (same shape as the DB record). */
export interface CrosswalkEntry {
  source: string;
  sourceId: string;
  accountId: string;
}

/** How a key was matched without asking. */
export type MatchMethod = 'crosswalk' | 'explicit-id' | 'domain';

/** A key matched to an account, and why. */
export interface MatchedKey {
  key: SourceKey;
  accountId: string;
  method: MatchMethod;
  /** What matched, for the review list ("companyId (metadata) 1042", "acme.com"). */
  evidence: string;
}

/** An account a key might belong to. */
export interface Candidate {
  accountId: string;
  name: string;
}

/** A key with possible accounts the user must confirm or reject. */
export interface Suggestion {
  key: SourceKey;
  candidates: Candidate[];
  /** 'name': same normalised name; 'ambiguous': an id or domain names several accounts. */
  why: 'name' | 'ambiguous';
}

/** A key no account matched. */
export interface UnmatchedKey {
  key: SourceKey;
  reason: string;
}

/** The three lists the review step shows. */
export interface CrosswalkResolution {
  matched: MatchedKey[];
  suggestions: Suggestion[];
  unmatched: UnmatchedKey[];
}

/** The account fields matching uses. */
export type MatchableAccount = Pick<Account, 'id' | 'name' | 'attributes'>;

const DOMAIN_ATTRIBUTE = /domain|website|url|e-?mail|web ?site|site/i;

/** The customer domains an account is known by (attributes such as `domain` or `website`). */
export function accountDomains(account: MatchableAccount): string[] {
  const out: string[] = [];
  for (const [name, value] of Object.entries(account.attributes)) {
    if (typeof value !== 'string' || !DOMAIN_ATTRIBUTE.test(name)) continue;
    for (const part of value.split(/[;,\s]+/)) {
      const d = customerDomain(part);
      if (d !== null && !out.includes(d)) out.push(d);
    }
  }
  return out;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) {
    if (!list.includes(value)) list.push(value);
  } else map.set(key, [value]);
}

/** Indexes of the accounts and crosswalk, built once per resolution. */
class AccountIndex {
  readonly byId = new Map<string, MatchableAccount>();
  readonly byCrosswalk = new Map<string, string>();
  readonly bySourceId = new Map<string, string[]>();
  readonly byDomain = new Map<string, string[]>();
  readonly byName = new Map<string, string[]>();

  constructor(accounts: readonly MatchableAccount[], crosswalk: readonly CrosswalkEntry[]) {
    for (const a of accounts) {
      this.byId.set(a.id, a);
      for (const d of accountDomains(a)) pushTo(this.byDomain, d, a.id);
      const n = normalizeCompanyName(a.name);
      if (n !== '') pushTo(this.byName, n, a.id);
    }
    for (const e of crosswalk) {
      this.byCrosswalk.set(crosswalkKey(e.source, e.sourceId), e.accountId);
      pushTo(this.bySourceId, e.sourceId, e.accountId);
    }
  }

  candidates(ids: readonly string[]): Candidate[] {
    return ids.map((id) => ({ accountId: id, name: this.byId.get(id)?.name ?? id }));
  }

  /** Accounts an explicit id names: a Canary account id, or any source's id in the crosswalk. */
  explicit(id: string): string[] {
    if (this.byId.has(id)) return [id];
    return this.bySourceId.get(id) ?? [];
  }
}

type Step =
  | { kind: 'matched'; accountId: string; method: MatchMethod; evidence: string }
  | { kind: 'suggest'; ids: string[]; why: Suggestion['why'] }
  | null;

function byExplicitIds(key: SourceKey, index: AccountIndex): Step {
  const found: string[] = [];
  for (const id of key.explicitIds) {
    for (const a of index.explicit(id)) if (!found.includes(a)) found.push(a);
  }
  if (found.length === 1) {
    const hit = key.explicitIds.find((id) => index.explicit(id).includes(found[0]));
    return { kind: 'matched', accountId: found[0], method: 'explicit-id', evidence: hit ?? '' };
  }
  return found.length > 1 ? { kind: 'suggest', ids: found, why: 'ambiguous' } : null;
}

function byDomain(key: SourceKey, index: AccountIndex): Step {
  const found: string[] = [];
  let evidence = '';
  for (const d of key.domains) {
    for (const a of index.byDomain.get(d) ?? []) {
      if (!found.includes(a)) found.push(a);
      evidence = d;
    }
  }
  if (found.length === 1)
    return { kind: 'matched', accountId: found[0], method: 'domain', evidence };
  return found.length > 1 ? { kind: 'suggest', ids: found, why: 'ambiguous' } : null;
}

/**
 * Resolves source keys to accounts: the stored crosswalk, then explicit ids, then a single
 * account with the key's customer domain are matched; same-name accounts (and ids or domains
 * naming several accounts) become suggestions; everything else is unmatched.
 */
export function resolveAccounts(
  keys: readonly SourceKey[],
  accounts: readonly MatchableAccount[],
  crosswalk: readonly CrosswalkEntry[],
): CrosswalkResolution {
  const index = new AccountIndex(accounts, crosswalk);
  const out: CrosswalkResolution = { matched: [], suggestions: [], unmatched: [] };
  for (const key of keys) {
    const stored = index.byCrosswalk.get(key.key);
    if (stored !== undefined) {
      out.matched.push({ key, accountId: stored, method: 'crosswalk', evidence: key.sourceId });
      continue;
    }
    // The CRM's own records: its id is the account id when the account came from that CRM.
    const step = byExplicitIds(key, index) ?? byDomain(key, index);
    if (step?.kind === 'matched') {
      out.matched.push({ key, ...step });
      continue;
    }
    if (step?.kind === 'suggest') {
      out.suggestions.push({ key, candidates: index.candidates(step.ids), why: step.why });
      continue;
    }
    const name = key.name === null ? '' : normalizeCompanyName(key.name);
    const sameName = name === '' ? [] : (index.byName.get(name) ?? []);
    if (sameName.length > 0) {
      out.suggestions.push({ key, candidates: index.candidates(sameName), why: 'name' });
      continue;
    }
    out.unmatched.push({ key, reason: unmatchedReason(key) });
  }
  return out;
}

function unmatchedReason(key: SourceKey): string {
  const tried: string[] = [];
  if (key.explicitIds.length > 0) tried.push(`id ${key.explicitIds.join(', ')}`);
  if (key.domains.length > 0) tried.push(`domain ${key.domains.join(', ')}`);
  if (key.name) tried.push(`name “${key.name}”`);
  return tried.length === 0
    ? 'no account id, customer email domain or name to match on'
    : `no account has this ${tried.join(' or ')}`;
}
