// How well the active model fits the book, in plain words for the portfolio and the import
// result (the counting itself is the engine's bookCoverage).
import type { BookCoverage } from '../engine';
import { formatInteger, formatShare } from '../format';

/** The sentence shown when the model fits the book poorly; null when it fits. */
export function coverageMessage(c: BookCoverage | null): string | null {
  if (!c || !c.low) return null;
  // The live book (as the Accounts filter's "Live (N)"): churned accounts are archived.
  const of = `of ${formatInteger(c.accounts)} live account${c.accounts === 1 ? '' : 's'}`;
  if (c.withAnyData === 0) {
    return `The active model uses none of the columns in your data: 0 ${of} have data for it.`;
  }
  return `The active model fits little of your data: only ${formatInteger(c.covered)} ${of} have data for at least half of it (on average ${formatShare(c.meanCoverage)} of its weight has data).`;
}
