// How much of the book the active model read at the last rescore in this tab (set by the book
// service after every rescore); the import result reads it to say when the model fits poorly.
import type { BookCoverage } from '$lib/engine';

class LatestCoverage {
  /** Null until a rescore has run in this tab. */
  value = $state.raw<BookCoverage | null>(null);
}

/** The coverage of the latest rescore. */
export const latestCoverage = new LatestCoverage();
