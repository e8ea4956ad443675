// The model builder exports the draft as SQL: one query per dialect, the same query `cli sql`
// writes for the model, as a downloaded file.
import { readFileSync } from 'node:fs';
import { DEFAULT_MODEL } from '../../src/lib/engine/model/presets';
import { scoreQuery } from '../../src/lib/warehouse/query';
import { DEFAULT_TABLES } from '../../src/lib/warehouse/tables';
import { ModelBuilderPage, PortfolioPage } from './app';
import { expect, test } from './fixture';

for (const [dialect, label, type] of [
  ['postgres', 'PostgreSQL', 'DOUBLE PRECISION'],
  ['duckdb', 'DuckDB', 'DOUBLE'],
] as const) {
  test(`Export draft as SQL downloads the ${label} query`, async ({ page }) => {
    await new PortfolioPage(page).open();
    const builder = new ModelBuilderPage(page);
    await builder.open();
    await page.getByLabel('SQL for').selectOption({ label });
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export draft as SQL' }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toBe(`canary-default-v1.${dialect}.sql`);
    const text = readFileSync(await download.path(), 'utf8');
    expect(text.split('\n')[0]).toBe(
      `-- Dialect: ${label}. As of: CURRENT_DATE (or the newest data day when the data ends a model lookback or more before it). Tables: accounts, signals, pulses, overrides.`,
    );
    expect(text).toContain(`AS ${type})`);
    const expected = scoreQuery(
      DEFAULT_MODEL,
      { dialect, tables: DEFAULT_TABLES, attributeTypes: new Map() },
      'current_date',
    ).sql;
    expect(text.slice(text.indexOf('-- Canary model'))).toBe(expected);
  });
}
