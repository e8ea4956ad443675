import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseModel } from './parse';
import { USAGE_LED_MODEL } from './presets';

const fixture = (name: string): unknown =>
  JSON.parse(
    readFileSync(new URL(`../../../../tests/fixtures/models/${name}`, import.meta.url), 'utf8'),
  );

describe('model files in tests/fixtures/models', () => {
  it('usage-led.json is the usage-led preset, round-tripped through JSON', () => {
    expect(parseModel(fixture('usage-led.json'))).toEqual({ ok: true, model: USAGE_LED_MODEL });
  });

  it('invalid.json reports each shape problem with its path (references are checked once the shape is valid)', () => {
    expect(parseModel(fixture('invalid.json'))).toEqual({
      ok: false,
      errors: [
        { path: 'bands', message: 'redMax must be below amberMax' },
        { path: 'groups[1].measures[0].weight', message: 'must be a number ≥ 0, got "abc"' },
      ],
    });
  });
});
