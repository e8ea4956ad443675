// The preview op on a real (fake-indexeddb) database holding a small demo book.
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MODEL } from '../../engine';
import { generateDemoBook } from '../../engine/demo';
import { addPulse, getDb, replaceBook } from '../../db';
import previewModel from './preview-model';

const TODAY = 20_600;

function totalOf(b: { red: number; amber: number; green: number; none: number }): number {
  return b.red + b.amber + b.green + b.none;
}

describe('previewModel', () => {
  beforeAll(async () => {
    await replaceBook(getDb(), generateDemoBook({ seed: 7, accounts: 40, endDay: TODAY }));
  });

  it('scores the whole book with the draft and the saved model and picks default examples', async () => {
    const r = await previewModel({ draft: DEFAULT_MODEL, today: TODAY, examples: null });
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.accounts).toBe(40);
    expect(totalOf(r.bands.saved)).toBe(40);
    expect(r.bands.draft).toEqual(r.bands.saved);
    expect(r.examples.slice(0, 2).map((e) => e.role)).toEqual(['healthy', 'healthy']);
    expect(r.examples.some((e) => e.role === 'churned')).toBe(true);
    for (const e of r.examples) expect(e.draft?.score).toBe(e.saved?.score);
  });

  it('shows a weight change in the draft only', async () => {
    const draft = structuredClone(DEFAULT_MODEL);
    for (const g of draft.groups) g.weight = g.id === 'relationship' ? 100 : 0;
    const first = await previewModel({ draft: DEFAULT_MODEL, today: TODAY, examples: null });
    const r = await previewModel({ draft, today: TODAY, examples: null });
    if (!r.ok || !first.ok) throw new Error('preview failed');
    expect(r.bands.saved).toEqual(first.bands.saved);
    const changed = r.examples.filter((e) => e.draft?.score !== e.saved?.score);
    expect(changed.length).toBeGreaterThan(0);
  });

  it('keeps chosen examples with their roles and drops unknown accounts', async () => {
    const first = await previewModel({ draft: DEFAULT_MODEL, today: TODAY, examples: null });
    if (!first.ok) throw new Error('preview failed');
    const id = first.examples[0].accountId;
    const r = await previewModel({
      draft: DEFAULT_MODEL,
      today: TODAY,
      examples: [
        { accountId: 'no-such-account', role: 'picked', churnDay: null },
        { accountId: id, role: 'picked', churnDay: null },
      ],
    });
    if (!r.ok) throw new Error('preview failed');
    expect(r.examples.map((e) => [e.accountId, e.role])).toEqual([[id, 'picked']]);
  });

  it('rejects an invalid draft with paths, and sees data changes (cache invalidated)', async () => {
    const bad = { ...DEFAULT_MODEL, bands: { redMax: 80, amberMax: 70 } };
    const r = await previewModel({ draft: bad, today: TODAY, examples: null });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0].path).toBe('bands');

    const before = await previewModel({ draft: DEFAULT_MODEL, today: TODAY, examples: null });
    if (!before.ok) throw new Error('preview failed');
    const target = before.examples[0];
    await addPulse(getDb(), { accountId: target.accountId, day: TODAY, value: 1, reason: 'test' });
    const after = await previewModel({
      draft: DEFAULT_MODEL,
      today: TODAY,
      examples: [{ accountId: target.accountId, role: 'picked', churnDay: null }],
    });
    if (!after.ok) throw new Error('preview failed');
    expect(after.examples[0].saved!.score!).toBeLessThan(target.saved!.score!);
  });
});
