// Pattern rule conditions as SQL booleans (never NULL), as src/lib/engine/score/compile.ts
// tests them: a missing value fails every comparison; text compares case-insensitively and
// only with = and !=; a true/false target compares the value's truth.
import type { PatternCondition } from '../engine/model/schema';
import { num, str, type Dialect } from './dialect';
import type { AttributeType } from './plan';
import { attributeSql } from './sources';

/** Where the condition layer finds a measure's raw value and score (by measure id). */
export interface ConditionRefs {
  value(measureId: string): string;
  score(measureId: string): string;
  /** The point's day and stage columns. */
  day: string;
  stage: string;
}

const SQL_OP: Record<string, string> = {
  '<': '<',
  '<=': '<=',
  '>': '>',
  '>=': '>=',
  '=': '=',
  '!=': '<>',
};

function numeric(d: Dialect, x: string, op: string, value: number): string {
  return `COALESCE(${x} ${SQL_OP[op]} ${num(d, value)}, FALSE)`;
}

/** The SQL boolean of one condition. */
export function conditionSql(
  d: Dialect,
  c: PatternCondition,
  refs: ConditionRefs,
  types: ReadonlyMap<string, AttributeType>,
): string {
  if ('measure' in c) return numeric(d, refs.value(c.measure), c.op, c.value);
  if ('measureScore' in c) return numeric(d, refs.score(c.measureScore), c.op, c.value);
  if ('stage' in c) return `COALESCE(${refs.stage} IN (${c.stage.map(str).join(', ')}), FALSE)`;
  const a = attributeSql(d, c.attribute, types, refs.day);
  const target = c.value;
  if (typeof target === 'number') return numeric(d, a.value, c.op, target);
  if (typeof target === 'boolean') {
    if (c.op !== '=' && c.op !== '!=') return 'FALSE';
    const truth = `(${a.value} <> 0)`;
    const same = target ? truth : `NOT ${truth}`;
    return `COALESCE(${c.op === '=' ? same : `NOT (${same})`}, FALSE)`;
  }
  if (a.text === null || (c.op !== '=' && c.op !== '!=')) return 'FALSE';
  const same = `lower(${a.text}) = ${str(target.toLowerCase())}`;
  return `COALESCE(${c.op === '=' ? same : `NOT (${same})`}, FALSE)`;
}
