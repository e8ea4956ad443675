import { describe, expect, it } from 'vitest';
import {
  accountOption,
  checkLinkDraft,
  filterLinks,
  linkRows,
  normaliseSourceId,
  readAccountChoice,
  sourceCounts,
  sourceLabel,
  suggestAccounts,
} from './crosswalk-view';

const accounts = [
  { id: 'acme-1', name: 'Acme' },
  { id: 'acme-2', name: 'Acme' },
  { id: 'globex', name: 'Globex Corporation' },
  { id: 'soylent', name: 'Société Soylent' },
];
const names = new Map(accounts.map((a) => [a.id, a.name]));
const rows = linkRows(
  [
    { source: 'hubspot', sourceId: '1001', accountId: 'globex' },
    { source: 'stripe', sourceId: 'cus_1', accountId: 'acme-1' },
    { source: 'stripe', sourceId: 'cus_2', accountId: 'gone' },
    { source: 'zendesk', sourceId: 'org:Soylent', accountId: 'soylent' },
    { source: 'legacy', sourceId: 'x', accountId: 'globex' },
  ],
  names,
);

describe('linked ids view', () => {
  it('names sources for humans and keeps unknown ones as stored', () => {
    expect(sourceLabel('hubspot')).toBe('HubSpot');
    expect(sourceLabel('freshdesk')).toBe('Freshdesk');
    expect(sourceLabel('legacy')).toBe('legacy');
  });

  it('joins account names, marking links to accounts that no longer exist', () => {
    expect(rows[1]).toMatchObject({ accountName: 'Acme', key: 'stripe\u0000cus_1' });
    expect(rows[2].accountName).toBeNull();
  });

  it('counts entries per source present, in the order the list shows them', () => {
    expect(sourceCounts(rows)).toEqual([
      { source: 'hubspot', label: 'HubSpot', count: 1 },
      { source: 'legacy', label: 'legacy', count: 1 },
      { source: 'stripe', label: 'Stripe', count: 2 },
      { source: 'zendesk', label: 'Zendesk', count: 1 },
    ]);
    expect(sourceCounts([])).toEqual([]);
  });

  it('filters by source and searches ids and account names, ignoring case and accents', () => {
    const ids = (source: string, query: string) =>
      filterLinks(rows, { source, query }).map((r) => r.sourceId);
    expect(ids('', '')).toHaveLength(5);
    expect(ids('stripe', '')).toEqual(['cus_1', 'cus_2']);
    expect(ids('', 'CUS_2')).toEqual(['cus_2']);
    expect(ids('', 'societe')).toEqual(['org:Soylent']);
    expect(ids('', 'globex corp')).toEqual(['1001', 'x']);
    expect(ids('hubspot', 'acme')).toEqual([]);
    // A link to a missing account is found by the account id it keeps.
    expect(ids('', 'gone')).toEqual(['cus_2']);
  });

  it('suggests accounts by name or id, a listed option matching its own account', () => {
    expect(suggestAccounts(accounts, '').map((a) => a.id)).toHaveLength(4);
    expect(suggestAccounts(accounts, 'acme', 1).map((a) => a.id)).toEqual(['acme-1']);
    expect(suggestAccounts(accounts, accountOption(accounts[1])).map((a) => a.id)).toEqual([
      'acme-2',
    ]);
    expect(suggestAccounts(accounts, 'soc soy').map((a) => a.id)).toEqual(['soylent']);
  });

  it('reads the picker: a listed option, an id, or a name only one account has', () => {
    expect(readAccountChoice(accounts, 'Acme (acme-2)')).toEqual({ ok: true, accountId: 'acme-2' });
    expect(readAccountChoice(accounts, ' globex ')).toEqual({ ok: true, accountId: 'globex' });
    expect(readAccountChoice(accounts, 'globex corporation')).toEqual({
      ok: true,
      accountId: 'globex',
    });
    expect(readAccountChoice(accounts, 'societe soylent')).toEqual({
      ok: true,
      accountId: 'soylent',
    });
    expect(readAccountChoice(accounts, '')).toEqual({ ok: false, error: 'Choose an account.' });
    expect(readAccountChoice(accounts, 'acme')).toEqual({
      ok: false,
      error: '2 accounts are called “acme”. Pick one from the list.',
    });
    expect(readAccountChoice(accounts, 'Initech')).toEqual({
      ok: false,
      error: 'No account is called “Initech”. Pick one from the list.',
    });
  });

  it('stores Salesforce ids in their 18-character form and trims the others', () => {
    expect(normaliseSourceId('salesforce', ' 001Dn00000Ab1Cd ')).toBe('001Dn00000Ab1CdIAJ');
    expect(normaliseSourceId('stripe', ' cus_9 ')).toBe('cus_9');
  });

  it('checks a hand-made link field by field', () => {
    const linkedTo = (source: string, id: string) =>
      rows.find((r) => r.source === source && r.sourceId === id)?.accountName ?? undefined;
    expect(
      checkLinkDraft(
        { source: 'stripe', sourceId: ' cus_7 ', account: 'globex' },
        accounts,
        linkedTo,
      ),
    ).toEqual({ ok: true, entry: { source: 'stripe', sourceId: 'cus_7', accountId: 'globex' } });
    expect(
      checkLinkDraft({ source: 'stripe', sourceId: '  ', account: '' }, accounts, linkedTo),
    ).toEqual({
      ok: false,
      errors: { sourceId: 'Enter the Stripe id.', account: 'Choose an account.' },
    });
    expect(
      checkLinkDraft(
        { source: 'stripe', sourceId: 'cus_1', account: 'Nobody' },
        accounts,
        linkedTo,
      ),
    ).toEqual({
      ok: false,
      errors: {
        sourceId: 'Stripe id cus_1 is already linked to Acme. Change that link instead.',
        account: 'No account is called “Nobody”. Pick one from the list.',
      },
    });
    // The same id in another source is a different link.
    expect(
      checkLinkDraft(
        { source: 'hubspot', sourceId: 'cus_1', account: 'globex' },
        accounts,
        linkedTo,
      ).ok,
    ).toBe(true);
    expect(
      checkLinkDraft({ source: '', sourceId: 'a', account: 'globex' }, accounts, linkedTo),
    ).toEqual({ ok: false, errors: { source: 'Choose the tool the id comes from.' } });
  });
});
