import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv-table';
import { suggestMapping } from './suggest';

async function suggest(text: string) {
  const t = await parseCsv(text);
  return suggestMapping(t.headers, t.rows);
}

describe('suggestMapping', () => {
  it('maps a canonical accounts file to fields and attributes', async () => {
    const s = await suggest(
      'account_id,name,segment,arr,seats,contract_start,renewal_date,owner,region\n' +
        'A1,Alpha,SMB,"1,200.50",5,2024-01-01,2025-01-01,Ann,EU\nA2,Beta,ENT,900,3,2024-02-01,2025-02-01,Bob,US\n',
    );
    expect(s.mapping.kind).toBe('accounts');
    expect(s.mapping.columns).toEqual({
      account_id: { role: 'account-id' },
      name: { role: 'field', field: 'name' },
      segment: { role: 'field', field: 'segment' },
      arr: { role: 'field', field: 'arr', decimal: '.' },
      seats: { role: 'field', field: 'seats', decimal: '.' },
      contract_start: { role: 'field', field: 'contractStart', format: 'ymd' },
      renewal_date: { role: 'field', field: 'renewalDate', format: 'ymd' },
      owner: { role: 'field', field: 'owner' },
      region: { role: 'attribute', name: 'region', type: 'text' },
    });
    expect(s.questions).toEqual([]);
  });

  it('recognises long signals and passes on the questions it cannot answer', async () => {
    const s = await suggest(
      'account_id,date,metric,value\nA1,01/02/2024,logins,"1,234"\nA1,03/04/2024,logins,5\n',
    );
    expect(s.mapping.kind).toBe('signals-long');
    expect(s.mapping.columns.metric).toEqual({ role: 'metric-name' });
    expect(s.mapping.columns.date).toEqual({ role: 'date' });
    expect(s.questions.map((q) => [q.kind, q.column])).toEqual([
      ['date-order', 'date'],
      ['decimal-separator', 'value'],
    ]);
  });

  it('turns a churn snapshot into a snapshot mapping with an outcome column', async () => {
    const s = await suggest('customerID,tenure,Churn\nC-1,5,Yes\nC-2,40,No\n');
    expect(s.mapping.kind).toBe('snapshot');
    expect(s.mapping.columns).toEqual({
      customerID: { role: 'account-id' },
      tenure: { role: 'metric', metric: 'tenure', decimal: '.' },
      Churn: { role: 'outcome', values: { yes: 'churned', no: 'renewed' } },
    });
  });
});
