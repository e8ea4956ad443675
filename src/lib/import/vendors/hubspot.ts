// HubSpot companies (→ accounts) and deals (closed renewal/expansion deals → outcomes).
import { compact, derivedTable } from './derive';
import { dealOutcomes } from './deals';
import { HUBSPOT_LABELS as L } from './hubspot-labels';
import { col, type VendorPreset } from './preset';

/** HubSpot companies export. */
export const hubspotCompanies: VendorPreset = {
  id: 'hubspot-companies',
  name: 'HubSpot companies',
  source: 'hubspot',
  columns: [
    col('recordId', L.recordId, true),
    col('name', L.companyName, true),
    col('owner', L.companyOwner),
    col('domain', L.domain),
    col('industry', L.industry),
    col('country', L.country),
    col('createDate', L.createDate),
    col('lastActivity', L.lastActivity),
  ],
  signature: [
    'recordId',
    'name',
    'owner',
    'domain',
    'industry',
    'country',
    'createDate',
    'lastActivity',
  ],
  rowKey(cells) {
    const domain = cells.get('domain');
    return {
      sourceId: cells.get('recordId'),
      name: cells.get('name') || null,
      domains: domain === '' ? [] : [domain],
      explicitIds: [],
    };
  },
  build(input) {
    const table = derivedTable(['Name', 'Owner', 'Industry', 'Domain', 'Country'], {
      kind: 'accounts',
      columns: {
        Name: { role: 'field', field: 'name' },
        Owner: { role: 'field', field: 'owner' },
        Industry: { role: 'field', field: 'segment' },
        Domain: { role: 'attribute', name: 'domain', type: 'text' },
        Country: { role: 'attribute', name: 'country', type: 'text' },
      },
    });
    input.forEachRow((c, accountId, row) =>
      table.push(
        [
          accountId,
          c.get('name'),
          c.get('owner'),
          c.get('industry'),
          c.get('domain'),
          c.get('country'),
        ],
        row,
      ),
    );
    return { imports: compact([table.done()]), accountUpdates: [], notes: [], issues: [] };
  },
};

/** HubSpot deals export (with the primary associated company). */
export const hubspotDeals: VendorPreset = {
  id: 'hubspot-deals',
  name: 'HubSpot deals (renewals and expansions)',
  source: 'hubspot',
  columns: [
    col('recordId', L.recordId),
    col('dealName', L.dealName),
    col('stage', L.dealStage, true),
    col('amount', L.amount),
    col('closeDate', L.closeDate, true),
    col('owner', L.dealOwner),
    col('pipeline', L.pipeline),
    col('dealType', L.dealType, true),
    col('lostReason', L.lostReason),
    col('companyIds', L.companyIds, true),
    col('companyName', L.companyAssoc),
  ],
  signature: [
    'recordId',
    'dealName',
    'stage',
    'amount',
    'closeDate',
    'pipeline',
    'dealType',
    'companyIds',
  ],
  rowKey(cells) {
    // Several associated companies are separated by ";": the first is the primary.
    const first = cells.get('companyIds').split(/[;,]/)[0].trim();
    return {
      sourceId: first,
      name: cells.get('companyName').split(';')[0].trim() || null,
      domains: [],
      explicitIds: [],
    };
  },
  build(input) {
    const { table, used, ignored } = dealOutcomes(input, {
      typeAndStage: (c) => [c.get('dealType'), c.get('stage')],
      reason: (c, outcome) =>
        outcome === 'churned' ? c.get('lostReason') || c.get('dealName') : c.get('dealName'),
      mapSkip: true,
    });
    const notes = [
      `${used} closed renewal/expansion deal(s) became outcomes; ${ignored} open or other deals were not used.`,
    ];
    return { imports: compact([table]), accountUpdates: [], notes, issues: [] };
  },
};
