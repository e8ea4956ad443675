import { describe, expect, it } from 'vitest';
import { MemoryBook, loadFixture } from '../../../../tests/fixtures/vendors/book';
import { parseCsv } from '../csv-table';
import { outcomeFactsOf } from '../outcome-balance';
import { planCrosswalk } from './decisions';
import { prepareVendorFile, readVendorFile, resolveVendorFile } from './prepare-vendor';
import { VENDOR_PRESETS } from './presets';
import { recognizeVendorFile } from './recognize';
import { salesforceId18 } from './salesforce-ids';
import { dealOutcome } from './hubspot-labels';

const outcomesOf = (r: Awaited<ReturnType<MemoryBook['import']>>) =>
  r.prepared.outcomes.map((o) => [o.accountId, o.day, o.outcome, o.reason]);

describe('HubSpot companies', () => {
  it('creates accounts with name, owner, industry and domain', async () => {
    const book = new MemoryBook();
    const r = await book.import('hubspot-companies.csv');
    expect(r.prepared.status).toBe('ready');
    expect(book.accounts.get('hubspot-1003')).toEqual({
      id: 'hubspot-1003',
      name: 'Initech, LLC',
      segment: 'Software',
      arr: null,
      seats: null,
      contractStart: null,
      renewalDate: null,
      owner: 'Dana Scully',
      attributes: { domain: 'initech.com', country: 'United States' },
    });
    expect(r.crosswalk).toContainEqual({
      source: 'hubspot',
      sourceId: '1001',
      accountId: 'hubspot-1001',
    });
  });

  it('reads Spanish headers (ID de registro …) in another order, matched by the stored crosswalk', async () => {
    const book = new MemoryBook();
    await book.import('hubspot-companies.csv');
    const r = await book.import('hubspot-companies-es.csv');
    expect(book.last!.match.preset.id).toBe('hubspot-companies');
    expect(book.last!.resolution.matched.map((m) => m.method)).toEqual(['crosswalk', 'crosswalk']);
    expect(r.prepared.accounts.map((a) => [a.id, a.name, a.owner, a.attributes.country])).toEqual([
      ['hubspot-1001', 'Acme Corp', 'Dana Scully', 'Estados Unidos'],
      ['hubspot-1002', 'Globex GmbH', 'Fox Mulder', 'Alemania'],
    ]);
  });
});

describe('HubSpot deals', () => {
  const expected = [
    ['hubspot-1001', 20103, 'renewed', 'Acme renewal 2025'],
    ['hubspot-1002', 20157, 'churned', 'Moved to a competitor'],
    ['hubspot-1003', 20198, 'expanded', 'Initech seats expansion'],
  ];

  it('turns closed renewal/expansion deals into outcomes via the association column', async () => {
    const book = new MemoryBook();
    await book.import('hubspot-companies.csv');
    const r = await book.import('hubspot-deals.csv');
    expect(outcomesOf(r)).toEqual(expected);
    // Won renewal deals balance the lost ones: nothing to warn about.
    expect(r.prepared.outcomeNotes).toEqual([]);
    // The deal without an associated company is listed, not dropped silently.
    expect(r.prepared.notices).toEqual([
      expect.objectContaining({ row: 5, code: 'unknown-account' }),
    ]);
  });

  it('reads internal values (closedwon/closedlost)', async () => {
    const book = new MemoryBook();
    await book.import('hubspot-companies.csv');
    const r = await book.import('hubspot-deals-internal-values.csv');
    expect(outcomesOf(r).map((o) => o.slice(0, 3))).toEqual(expected.map((o) => o.slice(0, 3)));
  });

  it('reads Spanish headers and stage labels with day-first dates', async () => {
    const book = new MemoryBook();
    await book.import('hubspot-companies.csv');
    const r = await book.import('hubspot-deals-es.csv');
    expect(book.last!.match.preset.id).toBe('hubspot-deals');
    expect(outcomesOf(r).map((o) => o.slice(0, 3))).toEqual([
      ['hubspot-1001', 20103, 'renewed'],
      ['hubspot-1002', 20157, 'churned'],
    ]);
  });

  it('classifies deal types and stages', () => {
    expect(dealOutcome('Renewal', 'Closed Won')).toBe('renewed');
    expect(dealOutcome('renewal', 'closedlost')).toBe('churned');
    expect(dealOutcome('Expansion', 'Closed Lost')).toBe('skip');
    expect(dealOutcome('Existing Customer - Downgrade', 'Closed Won')).toBe('contracted');
    expect(dealOutcome('New Business', 'Closed Won')).toBe('skip');
    expect(dealOutcome('Renewal', 'Contract sent')).toBe('skip');
  });
});

describe('Salesforce', () => {
  it('converts 15-character ids to the 18-character form, and restores lost case', () => {
    expect(salesforceId18('001A0000006Vm9r')).toBe('001A0000006Vm9rIAC');
    expect(salesforceId18('001a0000006vm9riac')).toBe('001A0000006Vm9rIAC');
    expect(salesforceId18('not-an-id')).toBe('not-an-id');
  });

  it('imports Data Loader accounts (domain-matched to CRM accounts) and their opportunities', async () => {
    const book = new MemoryBook();
    await book.import('hubspot-companies.csv');
    const accounts = await book.import('salesforce-accounts-dataloader.csv');
    expect(
      book.last!.resolution.matched.map((m) => [m.key.sourceId, m.accountId, m.method]),
    ).toEqual([
      ['001Dn00000Ab1CdIAJ', 'hubspot-1001', 'domain'],
      ['001Dn00000Xy9ZqIAJ', 'hubspot-1002', 'domain'],
    ]);
    expect(accounts.prepared.accounts.find((a) => a.id === 'hubspot-1001')).toMatchObject({
      owner: 'Dana Scully',
      attributes: { salesforce_owner_id: '005Dn000001AbCd', website: 'https://www.acme.com' },
    });
    const opps = await book.import('salesforce-opportunities-dataloader.csv');
    expect(outcomesOf(opps)).toEqual([
      ['hubspot-1001', 20103, 'renewed', 'Acme renewal 2025'],
      ['hubspot-1002', 20157, 'churned', 'Globex renewal 2025'],
    ]);
  });

  it('recognises the ALL-CAPS Data Loader header', async () => {
    const { table } = await loadFixture('salesforce-accounts-dataloader-caps.csv');
    const [match] = recognizeVendorFile(table.headers, VENDOR_PRESETS);
    expect(match.preset.id).toBe('salesforce-accounts');
    expect(match.complete).toBe(true);
    expect(match.columns.id).toBe(0);
  });

  it('imports a Windows-1252 report: footers stripped, multi-line cells, 15-char ids, US dates', async () => {
    const { encoding, table } = await loadFixture('salesforce-opportunities-report-cp1252.csv');
    expect(encoding).toBe('windows-1252');
    expect(table.rows).toHaveLength(3);
    expect(table.rows[0][8]).toBe('Hauptstraße 1\r\n10115 Berlin');
    const book = new MemoryBook();
    await book.import('hubspot-companies.csv');
    await book.import('salesforce-accounts-dataloader.csv');
    const r = await book.import('salesforce-opportunities-report-cp1252.csv');
    expect(book.last!.resolution.matched.every((m) => m.method === 'crosswalk')).toBe(true);
    expect(outcomesOf(r)).toEqual([
      ['salesforce-001Dn00000Mn2OpIAJ', 20162, 'renewed', 'Renewal 2025 – Café'],
      ['hubspot-1001', 20200, 'expanded', 'Acme add-on “Analytics”'],
      ['hubspot-1002', 20157, 'churned', 'Globex renewal 2025'],
    ]);
    expect(r.prepared.fileNotes.join(' ')).toMatch(/3 report footer line/);
    expect(book.accounts.get('salesforce-001Dn00000Mn2OpIAJ')?.name).toBe('Café Müller GmbH');
  });

  it('keys report accounts without ids by name and strips the © footer', async () => {
    const book = new MemoryBook();
    await book.import('hubspot-companies.csv');
    const r = await book.import('salesforce-accounts-report.csv');
    expect(r.prepared.rows).toBe(2);
    expect(book.last!.resolution.matched).toEqual([
      expect.objectContaining({ accountId: 'hubspot-1001', method: 'domain' }),
    ]);
    expect(book.last!.resolution.unmatched.map((u) => u.key.sourceId)).toEqual(['name:hooli']);
    expect(book.accounts.get('salesforce-name:hooli')).toMatchObject({
      name: 'Hooli',
      owner: 'Gavin Belson',
    });
  });
});

describe('CRM deals that record churn only', () => {
  it('say why the backtest would be one-sided when no renewal is in the file or the book', async () => {
    const table = await parseCsv(
      'Record ID,Deal Name,Deal Stage,Close Date,Deal Type,Associated Company IDs (Primary)\n' +
        '9001,Globex renewal,Closed lost,2025-03-10,Renewal,77\n',
    );
    const [match] = recognizeVendorFile(table.headers, VENDOR_PRESETS);
    expect(match.preset.id).toBe('hubspot-deals');
    const file = readVendorFile(table, match);
    const resolution = resolveVendorFile(file, [], []);
    const plan = planCrosswalk(
      resolution,
      new Map([[resolution.unmatched[0].key.key, { kind: 'create' }]]),
      new Set(),
    );
    const context = { fileName: 'deals.csv', today: 20269, accounts: [] };
    const alone = prepareVendorFile(file, plan, context).prepared;
    expect(alone.outcomes.map((o) => o.outcome)).toEqual(['churned']);
    expect(alone.outcomeNotes).toEqual([
      expect.stringMatching(/^No row of this file is a renewal\. No renewals have been imported/),
    ]);
    const withRenewals = prepareVendorFile(file, plan, {
      ...context,
      outcomeFacts: outcomeFactsOf([
        { accountId: 'x', day: 1, outcome: 'renewed', reason: null, avoidable: null },
      ]),
    }).prepared;
    expect(withRenewals.outcomeNotes).toEqual([
      'No row of this file is a renewal. The renewals that balance these churns come from your other imports (1 renewal in the book).',
    ]);
  });
});
