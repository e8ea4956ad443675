// How much of the book the active model read at the last rescore in this tab (from the
// `scores.changed` event every rescore emits); the import result reads it to say when the model
// fits poorly.
import type { BookCoverage } from '$lib/engine';
import { events } from '$lib/events';

class LatestCoverage {
  /** Null until a rescore has run in this tab. */
  value = $state.raw<BookCoverage | null>(null);
}

/** The coverage of the latest rescore. */
export const latestCoverage = new LatestCoverage();

events.on('scores.changed', ({ summary }) => (latestCoverage.value = summary.coverage));
