// Pure helpers of the linked-ids (crosswalk) editor: human source labels, the filtered and
// searched list with counts per source, the account picker's suggestions and the reading of
// what the user typed into it, and the checks of a hand-made link. Used by
// crosswalk-editor.svelte.ts and the editor components; tested in Node.
import { salesforceId18 } from '../import/vendors/salesforce-ids';
import { compareText } from '../collate';

/** The sources Canary's export presets write, in the order the editor lists them. */
export const KNOWN_SOURCES = ['stripe', 'hubspot', 'salesforce', 'zendesk', 'freshdesk'] as const;

/** Human names of the sources. */
export const SOURCE_LABELS: Readonly<Record<string, string>> = {
  stripe: 'Stripe',
  hubspot: 'HubSpot',
  salesforce: 'Salesforce',
  zendesk: 'Zendesk',
  freshdesk: 'Freshdesk',
};

/** What each source's id looks like, shown under the id field of the add form. */
export const SOURCE_ID_HINTS: Readonly<Record<string, string>> = {
  stripe: 'The customer id, e.g. cus_NffrFeUfNV2Hib (guests without one: email:address).',
  hubspot: 'The company’s Record ID, e.g. 9876543210.',
  salesforce: 'The Account Id (15 or 18 characters; stored as 18).',
  zendesk: 'org: and the Organization name as exported, e.g. org:Acme — or domain:acme.com.',
  freshdesk: 'org: and the Company Name as exported, e.g. org:Acme — or domain:acme.com.',
};

/** The human name of a source ("stripe" → "Stripe"); unknown sources as stored. */
export function sourceLabel(source: string): string {
  return SOURCE_LABELS[source] ?? source;
}

/** An account the editor can point at. */
export interface AccountName {
  id: string;
  name: string;
}

/** One crosswalk entry. */
export interface LinkEntry {
  source: string;
  sourceId: string;
  accountId: string;
}

/** One row of the editor: an entry with its account's name (null = no such account). */
export interface LinkRow extends LinkEntry {
  /** `${source}\u0000${sourceId}`: unique. */
  key: string;
  accountName: string | null;
}

/** The unique key of an entry. */
export function linkKey(source: string, sourceId: string): string {
  return `${source}\u0000${sourceId}`;
}

/** The editor's rows, in the order given (the repository sorts by source, then id). */
export function linkRows(
  entries: readonly LinkEntry[],
  names: ReadonlyMap<string, string>,
): LinkRow[] {
  return entries.map((e) => ({
    source: e.source,
    sourceId: e.sourceId,
    accountId: e.accountId,
    key: linkKey(e.source, e.sourceId),
    accountName: names.get(e.accountId) ?? null,
  }));
}

/** Entries per source present, in the list's order (by source). */
export function sourceCounts(
  entries: readonly LinkEntry[],
): { source: string; label: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const e of entries) counts.set(e.source, (counts.get(e.source) ?? 0) + 1);
  return [...counts.keys()]
    .sort((a, b) => compareText(a, b))
    .map((s) => ({ source: s, label: sourceLabel(s), count: counts.get(s)! }));
}

/** Lower-cased, accents removed, trimmed: for searching. */
export function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}

/** The list filter: one source (or all) and a search of ids and account names. */
export interface LinkFilter {
  /** A source, or '' for every source. */
  source: string;
  query: string;
}

/** Rows of the chosen source whose source id, account name or account id contain every word. */
export function filterLinks(rows: readonly LinkRow[], filter: LinkFilter): LinkRow[] {
  const words = fold(filter.query).split(/\s+/).filter(Boolean);
  return rows.filter((r) => {
    if (filter.source !== '' && r.source !== filter.source) return false;
    if (words.length === 0) return true;
    const hay = `${fold(r.sourceId)} ${fold(r.accountName ?? '')} ${fold(r.accountId)}`;
    return words.every((w) => hay.includes(w));
  });
}

/** How an account is written in the picker: "Name (id)", unique per account. */
export function accountOption(a: AccountName): string {
  return `${a.name} (${a.id})`;
}

/** Up to `limit` accounts whose name or id contain every word typed (all when nothing is). */
export function suggestAccounts(
  accounts: readonly AccountName[],
  text: string,
  limit = 50,
): AccountName[] {
  // "Name (id)" as listed matches its own account: parentheses separate words.
  const words = fold(text)
    .split(/[\s()]+/)
    .filter(Boolean);
  const out: AccountName[] = [];
  for (const a of accounts) {
    const hay = `${fold(a.name)} ${fold(a.id)}`;
    if (words.every((w) => hay.includes(w))) out.push(a);
    if (out.length >= limit) break;
  }
  return out;
}

/** The account the picker's text names, or the message shown beside the field. */
export type AccountChoice = { ok: true; accountId: string } | { ok: false; error: string };

/**
 * Reads the picker's text: a suggestion as listed ("Name (id)"), an account id, or a name that
 * only one account has (case and accents ignored).
 */
export function readAccountChoice(accounts: readonly AccountName[], text: string): AccountChoice {
  const typed = text.trim();
  if (typed === '') return { ok: false, error: 'Choose an account.' };
  const byOption = accounts.find((a) => accountOption(a) === typed);
  if (byOption) return { ok: true, accountId: byOption.id };
  const byId = accounts.find((a) => a.id === typed);
  if (byId) return { ok: true, accountId: byId.id };
  const name = fold(typed);
  const byName = accounts.filter((a) => fold(a.name) === name);
  if (byName.length === 1) return { ok: true, accountId: byName[0].id };
  if (byName.length > 1) {
    return {
      ok: false,
      error: `${byName.length} accounts are called “${typed}”. Pick one from the list.`,
    };
  }
  return { ok: false, error: `No account is called “${typed}”. Pick one from the list.` };
}

/** The source id as stored: trimmed; Salesforce ids in their 18-character form. */
export function normaliseSourceId(source: string, raw: string): string {
  const id = raw.trim();
  return source === 'salesforce' ? salesforceId18(id) : id;
}

/** A hand-made link as typed. */
export interface LinkDraft {
  source: string;
  sourceId: string;
  account: string;
}

/** The checked draft: the entry to store, or a message per field. */
export type LinkCheck =
  | { ok: true; entry: LinkEntry }
  | { ok: false; errors: { source?: string; sourceId?: string; account?: string } };

/**
 * Checks a hand-made link: a known source, a non-empty id not linked yet (`linkedTo` gives
 * the account name a source id is linked to, or undefined), and an existing account.
 */
export function checkLinkDraft(
  draft: LinkDraft,
  accounts: readonly AccountName[],
  linkedTo: (source: string, sourceId: string) => string | undefined,
): LinkCheck {
  const errors: { source?: string; sourceId?: string; account?: string } = {};
  const label = sourceLabel(draft.source);
  if (!(KNOWN_SOURCES as readonly string[]).includes(draft.source)) {
    errors.source = 'Choose the tool the id comes from.';
  }
  const sourceId = normaliseSourceId(draft.source, draft.sourceId);
  if (sourceId === '') errors.sourceId = `Enter the ${label} id.`;
  else {
    const taken = linkedTo(draft.source, sourceId);
    if (taken !== undefined) {
      errors.sourceId = `${label} id ${sourceId} is already linked to ${taken}. Change that link instead.`;
    }
  }
  const choice = readAccountChoice(accounts, draft.account);
  if (!choice.ok) errors.account = choice.error;
  if (errors.source || errors.sourceId || errors.account || !choice.ok) {
    return { ok: false, errors };
  }
  return { ok: true, entry: { source: draft.source, sourceId, accountId: choice.accountId } };
}
