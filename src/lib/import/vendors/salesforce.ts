// Salesforce accounts and opportunities, from Data Loader / weekly exports (API names, older
// versions in ALL CAPS — headers match case-insensitively) and from report exports (labels,
// locale dates; footers are stripped by the CSV reader). 15- and 18-character ids of one
// record become the same 18-character key.
import { parseBoolean } from '../booleans';
import { compact, derivedTable } from './derive';
import { dealOutcomes } from './deals';
import { normalizeCompanyName } from './names';
import { col, type VendorPreset, type RowCells } from './preset';
import { salesforceId18 } from './salesforce-ids';

/** The key of a Salesforce account: its 18-character id, or `name:<normalised name>` in reports without ids. */
function accountKey(id: string, name: string): string {
  if (id !== '') return salesforceId18(id);
  const n = normalizeCompanyName(name);
  return n === '' ? '' : `name:${n}`;
}

/** Salesforce accounts (Data Loader or report export). */
export const salesforceAccounts: VendorPreset = {
  id: 'salesforce-accounts',
  name: 'Salesforce accounts',
  source: 'salesforce',
  columns: [
    col('id', ['Id', 'Account ID', 'Account Id']),
    col('name', ['Name', 'Account Name'], true),
    col('type', ['Type', 'Account Type']),
    col('owner', ['Account Owner', 'Owner Name', 'Owner.Name']),
    // Data Loader writes the owner's user id, not a name: kept as an attribute.
    col('ownerId', ['OwnerId']),
    col('industry', ['Industry']),
    col('annualRevenue', ['AnnualRevenue', 'Annual Revenue']),
    col('website', ['Website']),
    col('country', ['BillingCountry', 'Billing Country']),
    col('city', ['BillingCity', 'Billing City']),
    col('createdDate', ['CreatedDate', 'Created Date']),
  ],
  signature: [
    'id',
    'name',
    'type',
    'owner',
    'ownerId',
    'industry',
    'annualRevenue',
    'website',
    'country',
  ],
  rowKey(cells) {
    const website = cells.get('website');
    return {
      sourceId: accountKey(cells.get('id'), cells.get('name')),
      name: cells.get('name') || null,
      domains: website === '' ? [] : [website],
      explicitIds: [],
    };
  },
  build(input) {
    const table = derivedTable(
      ['Name', 'Owner', 'OwnerId', 'Industry', 'Website', 'Country', 'Type'],
      {
        kind: 'accounts',
        columns: {
          Name: { role: 'field', field: 'name' },
          Owner: { role: 'field', field: 'owner' },
          OwnerId: { role: 'attribute', name: 'salesforce_owner_id', type: 'text' },
          Industry: { role: 'field', field: 'segment' },
          Website: { role: 'attribute', name: 'website', type: 'text' },
          Country: { role: 'attribute', name: 'country', type: 'text' },
          Type: { role: 'attribute', name: 'salesforce_type', type: 'text' },
        },
      },
    );
    input.forEachRow((c, accountId, row) =>
      table.push(
        [
          accountId,
          c.get('name'),
          c.get('owner'),
          c.get('ownerId'),
          c.get('industry'),
          c.get('website'),
          c.get('country'),
          c.get('type'),
        ],
        row,
      ),
    );
    return { imports: compact([table.done()]), accountUpdates: [], notes: [], issues: [] };
  },
};

function stageOf(c: RowCells): string {
  // Data Loader has IsWon/IsClosed beside StageName; custom stage names still carry them.
  const won = parseBoolean(c.get('isWon'));
  const closed = parseBoolean(c.get('isClosed'));
  if (closed === true) return won === true ? 'closed won' : 'closed lost';
  if (won === true) return 'closed won';
  return c.get('stage');
}

/** Salesforce opportunities (Data Loader or report export). */
export const salesforceOpportunities: VendorPreset = {
  id: 'salesforce-opportunities',
  name: 'Salesforce opportunities (renewals and expansions)',
  source: 'salesforce',
  columns: [
    col('id', ['Id', 'Opportunity ID']),
    col('accountId', ['AccountId', 'Account ID', 'Account Id']),
    col('accountName', ['Account Name', 'Account.Name']),
    col('name', ['Name', 'Opportunity Name']),
    col('stage', ['StageName', 'Stage'], true),
    col('amount', ['Amount']),
    col('closeDate', ['CloseDate', 'Close Date'], true),
    col('type', ['Type', 'Opportunity Type'], true),
    col('isWon', ['IsWon', 'Won']),
    col('isClosed', ['IsClosed', 'Closed']),
    col('probability', ['Probability (%)', 'Probability']),
    col('lossReason', ['Loss_Reason__c', 'Loss Reason', 'Closed Lost Reason']),
  ],
  signature: [
    'id',
    'accountId',
    'name',
    'stage',
    'amount',
    'closeDate',
    'type',
    'isWon',
    'probability',
  ],
  rowKey(cells) {
    return {
      sourceId: accountKey(cells.get('accountId'), cells.get('accountName')),
      name: cells.get('accountName') || null,
      domains: [],
      explicitIds: [],
    };
  },
  build(input) {
    const { table, format, used, ignored } = dealOutcomes(input, {
      typeAndStage: (c) => [c.get('type'), stageOf(c)],
      reason: (c, outcome) =>
        outcome === 'churned' ? c.get('lossReason') || c.get('name') : c.get('name'),
    });
    const notes = [
      `${used} closed renewal/expansion opportunit(ies) became outcomes; ${ignored} open or other opportunities were not used.`,
    ];
    if (format !== 'ymd')
      notes.push(`Close dates read as ${format === 'dmy' ? 'day/month/year' : 'month/day/year'}.`);
    return { imports: compact([table]), accountUpdates: [], notes, issues: [] };
  },
};
