// The downloadable report of rows an import skipped, one line per problem.
import { formatCsv } from './canonical';
import type { RowIssue } from './prepared-import';

/** CSV (row,column,value,reason) of every skipped row's problems, in row order. */
export function skippedRowsCsv(errors: readonly RowIssue[]): string {
  const sorted = [...errors].sort((a, b) => a.row - b.row);
  return formatCsv([
    ['row', 'column', 'value', 'reason'],
    ...sorted.map((e) => [e.row, e.column, e.value, e.reason]),
  ]);
}
