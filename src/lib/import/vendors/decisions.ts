// Turning the user's review decisions into the final key → account table: every suggested or
// unmatched key needs an explicit choice (match, create or skip) — nothing is dropped silently
// and no account is created that the user did not ask for.
import type { Account } from '../../engine/types';
import type { CrosswalkEntry, CrosswalkResolution } from './resolve';
import type { SourceKey } from './source-keys';

/** The user's choice for one suggested or unmatched key. */
export type CrosswalkDecision =
  { kind: 'match'; accountId: string } | { kind: 'create' } | { kind: 'skip' };

/** The settled crosswalk of one file. */
export interface CrosswalkPlan {
  /** Source key (`SourceKey.key`) → account id, for every key not skipped. */
  accountOf: Map<string, string>;
  /** Accounts to create (bare, named from the export) for keys the user chose to create. */
  newAccounts: Account[];
  /** Entries to store so later imports match without asking. */
  entries: CrosswalkEntry[];
  /** Keys the user chose to skip (their rows are reported as skipped). */
  skipped: SourceKey[];
  /** Keys still waiting for a decision: the import must not run while any remain. */
  undecided: SourceKey[];
}

/** The id of an account created from a source key ("hubspot-1042", "stripe-cus_9x"). */
export function newAccountId(key: SourceKey): string {
  return `${key.source}-${key.sourceId}`;
}

/**
 * A readable name for a source key: its name, else its first company domain, else its id
 * without the kind prefix of a synthesised key (`email:guest@gmail.com` → `guest@gmail.com`).
 * Names an account created from the key, and labels the key in the review.
 */
export function keyName(key: SourceKey): string {
  return key.name ?? key.domains[0] ?? key.sourceId.replace(/^(email|org|domain|name):/, '');
}

function newAccount(key: SourceKey): Account {
  return {
    id: newAccountId(key),
    name: keyName(key),
    segment: null,
    arr: null,
    seats: null,
    contractStart: null,
    renewalDate: null,
    owner: null,
    attributes: key.domains.length > 0 ? { domain: key.domains.join('; ') } : {},
  };
}

/**
 * Applies decisions (keyed by `SourceKey.key`) to a resolution. Automatic matches stand unless
 * a decision overrides them; a 'match' must name an existing account or one created here.
 */
export function planCrosswalk(
  resolution: CrosswalkResolution,
  decisions: ReadonlyMap<string, CrosswalkDecision>,
  knownAccountIds: ReadonlySet<string>,
): CrosswalkPlan {
  const plan: CrosswalkPlan = {
    accountOf: new Map(),
    newAccounts: [],
    entries: [],
    skipped: [],
    undecided: [],
  };
  const created = new Set<string>();
  const assign = (key: SourceKey, accountId: string) => {
    plan.accountOf.set(key.key, accountId);
    plan.entries.push({ source: key.source, sourceId: key.sourceId, accountId });
  };
  const decide = (key: SourceKey, fallback: string | null) => {
    const d = decisions.get(key.key);
    if (!d) {
      if (fallback !== null) assign(key, fallback);
      else plan.undecided.push(key);
      return;
    }
    if (d.kind === 'skip') plan.skipped.push(key);
    else if (d.kind === 'create') {
      const account = newAccount(key);
      if (!created.has(account.id) && !knownAccountIds.has(account.id)) {
        created.add(account.id);
        plan.newAccounts.push(account);
      }
      assign(key, account.id);
    } else if (knownAccountIds.has(d.accountId) || created.has(d.accountId)) {
      assign(key, d.accountId);
    } else {
      throw new RangeError(`cannot match ${key.sourceId} to unknown account ${d.accountId}`);
    }
  };
  // Creations first, so a later 'match' may point at an account created in the same review.
  const ordered = [
    ...resolution.unmatched.map((u) => u.key),
    ...resolution.suggestions.map((s) => s.key),
  ].sort((a, b) => rank(decisions.get(a.key)) - rank(decisions.get(b.key)));
  for (const m of resolution.matched) decide(m.key, m.accountId);
  for (const key of ordered) decide(key, null);
  return plan;
}

function rank(d: CrosswalkDecision | undefined): number {
  return d?.kind === 'create' ? 0 : 1;
}
