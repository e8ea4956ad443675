import { describe, expect, it } from 'vitest';
import type { Account } from '../../engine/types';
import { planCrosswalk, type CrosswalkDecision } from './decisions';
import { customerDomain, isFreeMailDomain, normalizeDomain } from './domains';
import { normalizeCompanyName } from './names';
import { resolveAccounts } from './resolve';
import { SourceKeyCollector, type RowKey } from './source-keys';

function account(id: string, name: string, domain?: string): Account {
  return {
    id,
    name,
    segment: null,
    arr: null,
    seats: null,
    contractStart: null,
    renewalDate: null,
    owner: null,
    attributes: domain ? { domain } : {},
  };
}

function keys(rows: Partial<RowKey>[]) {
  const c = new SourceKeyCollector('stripe');
  const indexes = rows.map((r, i) =>
    c.add({ sourceId: '', name: null, domains: [], explicitIds: [], ...r }, i + 2, customerDomain),
  );
  return { keys: c.keys, indexes };
}

const accounts = [
  account('acme', 'Acme, Inc.', 'acme.com'),
  account('acme-llc', 'ACME LLC'),
  account('globex', 'Globex GmbH', 'https://www.globex.de'),
  account('initech', 'Initech'),
];

describe('resolveAccounts', () => {
  it('matches several billing ids of one account by domain, subdomains included', () => {
    const { keys: k } = keys([
      { sourceId: 'cus_1', domains: ['billing@acme.com'] },
      { sourceId: 'cus_2', domains: ['ap@eu.acme.com'] },
      { sourceId: 'cus_3', domains: ['x@globex.de'] },
    ]);
    const r = resolveAccounts(k, accounts, []);
    expect(r.matched.map((m) => [m.key.sourceId, m.accountId, m.method, m.evidence])).toEqual([
      ['cus_1', 'acme', 'domain', 'acme.com'],
      ['cus_2', 'acme', 'domain', 'acme.com'],
      ['cus_3', 'globex', 'domain', 'globex.de'],
    ]);
  });

  it('puts the stored crosswalk and explicit ids before domains', () => {
    const { keys: k } = keys([
      { sourceId: 'cus_1', domains: ['a@acme.com'] },
      { sourceId: 'cus_2', domains: ['a@acme.com'], explicitIds: ['77'] },
      { sourceId: 'cus_3', explicitIds: ['initech'] },
    ]);
    const crosswalk = [
      { source: 'stripe', sourceId: 'cus_1', accountId: 'globex' },
      { source: 'hubspot', sourceId: '77', accountId: 'initech' },
    ];
    const r = resolveAccounts(k, accounts, crosswalk);
    expect(r.matched.map((m) => [m.key.sourceId, m.accountId, m.method])).toEqual([
      ['cus_1', 'globex', 'crosswalk'],
      ['cus_2', 'initech', 'explicit-id'],
      ['cus_3', 'initech', 'explicit-id'],
    ]);
  });

  it('never uses free-mail domains', () => {
    const gmailAccount = account('g', 'Someone', 'gmail.com');
    const { keys: k } = keys([{ sourceId: 'cus_9', domains: ['bob@gmail.com', 'x@yahoo.co.uk'] }]);
    expect(k[0].domains).toEqual([]);
    const r = resolveAccounts(k, [...accounts, gmailAccount], []);
    expect(r.matched).toEqual([]);
    expect(r.unmatched[0].reason).toMatch(/no account id, customer email domain or name/);
  });

  it('offers both accounts when a name matches two, and never matches automatically', () => {
    const { keys: k } = keys([{ sourceId: 'cus_5', name: 'ACME Inc' }]);
    const r = resolveAccounts(k, accounts, []);
    expect(r.matched).toEqual([]);
    expect(r.suggestions).toEqual([
      {
        key: k[0],
        why: 'name',
        candidates: [
          { accountId: 'acme', name: 'Acme, Inc.' },
          { accountId: 'acme-llc', name: 'ACME LLC' },
        ],
      },
    ]);
  });

  it('suggests a single same-name account too (the user confirms)', () => {
    const { keys: k } = keys([{ sourceId: 'cus_6', name: 'Initech Ltd.' }]);
    const r = resolveAccounts(k, accounts, []);
    expect(r.suggestions[0].candidates).toEqual([{ accountId: 'initech', name: 'Initech' }]);
  });

  it('collects no key for rows with no id, and merges rows of one id', () => {
    const { keys: k, indexes } = keys([
      { sourceId: '' },
      { sourceId: 'cus_1', domains: ['a@acme.com'] },
      { sourceId: 'cus_1', name: 'Acme', explicitIds: ['acme'] },
    ]);
    expect(indexes).toEqual([-1, 0, 0]);
    expect(k).toEqual([
      expect.objectContaining({
        rowCount: 2,
        firstRow: 3,
        name: 'Acme',
        explicitIds: ['acme'],
        domains: ['acme.com'],
      }),
    ]);
  });
});

describe('planCrosswalk', () => {
  const { keys: k } = keys([
    { sourceId: 'cus_1', domains: ['a@acme.com'] },
    { sourceId: 'cus_2', name: 'ACME' },
    { sourceId: 'cus_3', name: 'Hooli' },
    { sourceId: 'cus_4', name: 'Pied Piper' },
    { sourceId: 'cus_5', name: 'Hooli EU' },
  ]);
  const resolution = resolveAccounts(k, accounts, []);
  const known = new Set(accounts.map((a) => a.id));

  it('leaves keys undecided until the user decides (nothing dropped, nothing created)', () => {
    const plan = planCrosswalk(resolution, new Map(), known);
    expect(plan.accountOf.get(k[0].key)).toBe('acme');
    expect(plan.undecided.map((u) => u.sourceId)).toEqual(['cus_3', 'cus_4', 'cus_5', 'cus_2']);
    expect(plan.newAccounts).toEqual([]);
  });

  it('applies match, create and skip, and lets a match point at an account created here', () => {
    const decisions = new Map<string, CrosswalkDecision>([
      [k[1].key, { kind: 'match', accountId: 'acme-llc' }],
      [k[2].key, { kind: 'create' }],
      [k[3].key, { kind: 'skip' }],
      [k[4].key, { kind: 'match', accountId: 'stripe-cus_3' }],
    ]);
    const plan = planCrosswalk(resolution, decisions, known);
    expect(plan.undecided).toEqual([]);
    expect(plan.newAccounts.map((a) => [a.id, a.name])).toEqual([['stripe-cus_3', 'Hooli']]);
    expect(plan.skipped.map((s) => s.sourceId)).toEqual(['cus_4']);
    expect(Object.fromEntries(plan.accountOf)).toEqual({
      [k[0].key]: 'acme',
      [k[1].key]: 'acme-llc',
      [k[2].key]: 'stripe-cus_3',
      [k[4].key]: 'stripe-cus_3',
    });
    expect(plan.entries).toContainEqual({
      source: 'stripe',
      sourceId: 'cus_5',
      accountId: 'stripe-cus_3',
    });
  });

  it('refuses a hand match to an account that does not exist', () => {
    const decisions = new Map<string, CrosswalkDecision>([
      [k[2].key, { kind: 'match', accountId: 'nope' }],
    ]);
    expect(() => planCrosswalk(resolution, decisions, known)).toThrow(/unknown account nope/);
  });
});

describe('normalisation', () => {
  it('reduces hosts, URLs and emails to the registrable domain', () => {
    expect(normalizeDomain('https://www.EU.Acme.co.uk/about?x=1')).toBe('acme.co.uk');
    expect(normalizeDomain('ann@mail.acme.com')).toBe('acme.com');
    expect(normalizeDomain('www.umbrella.io.')).toBe('umbrella.io');
    expect(normalizeDomain('localhost')).toBeNull();
    expect(normalizeDomain('10.0.0.1')).toBeNull();
    expect(normalizeDomain('')).toBeNull();
  });

  it('knows free-mail providers, including country domains of the big brands', () => {
    for (const d of [
      'gmail.com',
      'googlemail.com',
      'outlook.com',
      'hotmail.fr',
      'live.com',
      'msn.com',
      'yahoo.co.uk',
      'icloud.com',
      'me.com',
      'mac.com',
      'aol.com',
      'proton.me',
      'protonmail.com',
      'gmx.de',
      'yandex.ru',
      'mail.ru',
      'qq.com',
      '163.com',
      'zoho.com',
    ]) {
      expect(isFreeMailDomain(normalizeDomain(d)!), d).toBe(true);
    }
    expect(isFreeMailDomain('acme.com')).toBe(false);
  });

  it('strips legal forms, punctuation, case and accents from company names', () => {
    expect(normalizeCompanyName('Café Ünïon, S.A.')).toBe('cafe union');
    expect(normalizeCompanyName('Acme, Inc.')).toBe('acme');
    expect(normalizeCompanyName('ACME LLC')).toBe('acme');
    expect(normalizeCompanyName('Globex GmbH')).toBe('globex');
    expect(normalizeCompanyName('The Smith & Sons Ltd')).toBe('smith and sons');
    expect(normalizeCompanyName('Company Inc')).toBe('company');
  });
});
