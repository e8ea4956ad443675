import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { effectiveShares } from './context';
import { parseModel } from './parse';

describe('the model format documented in README.md', () => {
  it('has an example that parses as written', () => {
    const readme = readFileSync(new URL('./README.md', import.meta.url), 'utf8');
    const block = /```json\n([\s\S]*?)```/.exec(readme);
    expect(block).not.toBeNull();
    const r = parseModel(JSON.parse(block![1]));
    expect(r.ok ? [] : r.errors).toEqual([]);
    if (!r.ok) return;
    expect(r.model.patterns[0].name).toBe('Silent champion before renewal');
    expect(effectiveShares(r.model).groups.map((g) => g.share)).toEqual([40 / 60, 20 / 60]);
  });
});
