// The app's import path (worker ops on fake-indexeddb) with RavenStack's accounts, subscriptions
// and churn events: the check says how many renewals and churns each file writes (and why the
// churn log has none of its own), the book ends with ARR, renewal dates and balanced outcomes,
// and undo puts every account field and outcome back.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { FIXED_TODAY_ISO } from '../../../../tests/setup';
import { RAVENSTACK_DIR } from '../../../../tests/datasets';
import { eraseAllData, getDb, loadBook } from '../../db';
import { dayToIso } from '../../engine/dates';
import importApply from './import-apply';
import importOpen from './import-open';
import importUndo from './import-undo';
import importValidate from './import-validate';
import type { ImportSource } from './import-source';

function source(name: string): ImportSource {
  const fileName = `ravenstack_${name}.csv`;
  const bytes = readFileSync(`${RAVENSTACK_DIR}${fileName}`);
  return { file: new File([bytes], fileName, { lastModified: 1 }), fileName };
}

/** Opens a file, takes the preset the app recognises, checks it and applies it. */
async function importFile(name: string, unknownAccounts: 'error' | 'create' = 'error') {
  const s = source(name);
  const opened = await importOpen(s);
  if (opened.kind !== 'csv') throw new Error('expected a CSV');
  expect(opened.preset?.id).toBe(`ravenstack-${name.replace('_', '-')}`);
  const request = { source: s, mapping: opened.mapping, unknownAccounts };
  const check = await importValidate(request);
  expect(check.status).toBe('ready');
  expect(check.errorCount).toBe(0);
  const record = await importApply({ ...request, mappingName: opened.preset!.name });
  return { check, record };
}

beforeAll(() => {
  // The import ops read today's date: pin it (Date only, so IndexedDB's timers still run).
  vi.useFakeTimers({ toFake: ['Date'], now: new Date(`${FIXED_TODAY_ISO}T12:00:00Z`) });
});
afterAll(() => vi.useRealTimers());
beforeEach(async () => eraseAllData(getDb()));

describe('RavenStack through the import ops', () => {
  it('accounts → subscriptions → churn events: ARR, renewal dates and balanced outcomes; undo restores', async () => {
    const db = getDb();
    await importFile('accounts', 'create');
    const afterAccounts = await loadBook(db);
    expect(afterAccounts.accounts.every((a) => a.arr === null && a.renewalDate === null)).toBe(
      true,
    );

    const subs = await importFile('subscriptions');
    expect(subs.check.outcomeCounts).toEqual({
      renewed: 580,
      churned: 0,
      expanded: 0,
      contracted: 0,
    });
    expect(subs.check.accountPatches).toBe(500);
    expect(subs.record.summary).toMatchObject({
      accountsUpdated: 500,
      outcomesAdded: 580,
      outcomeKinds: { renewed: 580 },
    });
    const account = await db.accounts.get('A-3c1a3f');
    expect(account).toMatchObject({
      name: 'Company_224',
      segment: 'DevTools',
      arr: 134_304,
      seats: 1,
    });
    expect(dayToIso(account!.renewalDate!)).toBe('2025-12-23');
    const afterSubscriptions = await loadBook(db);

    const churn = await importFile('churn_events');
    expect(churn.check.outcomeCounts).toMatchObject({ renewed: 0, churned: 599 });
    expect(churn.check.withdrawnRenewals).toBe(350);
    expect(churn.check.outcomeNotes[1]).toMatch(/230 renewals in the book/);
    // Five of the withdrawn renewals fall on a churn day: the churn replaces them.
    expect(churn.record.summary).toMatchObject({
      outcomesAdded: 594,
      outcomesUpdated: 5,
      outcomesRemoved: 345,
      outcomeKinds: { churned: 599 },
    });
    const book = await loadBook(db);
    expect(book.outcomes.filter((o) => o.outcome === 'renewed')).toHaveLength(230);
    expect(book.outcomes.filter((o) => o.outcome === 'churned')).toHaveLength(599);
    expect(book.accounts.filter((a) => (a.arr ?? 0) > 0)).toHaveLength(500);
    expect(book.accounts.filter((a) => a.renewalDate !== null)).toHaveLength(500);

    // Importing the accounts file again keeps the ARR and renewal dates it does not map.
    const again = await importFile('accounts', 'create');
    expect(again.record.summary).toMatchObject({ accountsAdded: 0, accountsUpdated: 0 });
    expect(await db.accounts.get('A-3c1a3f')).toMatchObject({ arr: 134_304 });
    await importUndo({ importId: again.record.id });

    await importUndo({ importId: churn.record.id });
    expect(await loadBook(db)).toEqual(afterSubscriptions);
    await importUndo({ importId: subs.record.id });
    expect(await loadBook(db)).toEqual(afterAccounts);
  });

  it('a churn log on its own says that no renewals were imported', async () => {
    await importFile('accounts', 'create');
    const churn = await importFile('churn_events');
    expect(churn.check.outcomeCounts.renewed).toBe(0);
    expect(churn.check.outcomeNotes).toEqual([
      expect.stringMatching(
        /^This file is a churn log: every row is a churn, so it cannot say which accounts renewed\. No renewals have been imported either/,
      ),
    ]);
  });
});
