// The model builder's live preview: scores the whole book with a draft model (never saved) and
// with the saved active model, and returns the band distribution of both plus the chosen
// example accounts' full breakdowns. The prepared book is cached between calls and reloaded
// only when the stored data changed (a cheap fingerprint of counts and last ids).
import {
  chooseScoringDay,
  parseModel,
  prepareBook,
  scoreBook,
  type AccountScore,
  type ModelError,
  type PreparedBook,
} from '../../engine';
import type { DayNumber, Outcome } from '../../engine/types';
import { getDb, loadBook, type CanaryDb, bookFingerprint } from '../../db';
import { ensureActiveModel } from './active-model';
import {
  countBands,
  defaultExamples,
  type BandCounts,
  type PreviewExample,
} from './preview-examples';

/** What to preview. */
export interface PreviewModelRequest {
  /** The draft model document (validated here too). */
  draft: unknown;
  /** Today: each model scores as of its own scoring day (chooseScoringDay), as a rescore would. */
  today: DayNumber;
  /** Accounts to show (returned with their roles); null = the default examples. */
  examples: PreviewExample[] | null;
}

/** One previewed account under the saved and the draft model. */
export interface PreviewAccount extends PreviewExample {
  name: string;
  saved: AccountScore | null;
  draft: AccountScore | null;
}

/** The preview: band counts and example accounts, saved vs draft. */
export type PreviewModelResult =
  | {
      ok: true;
      savedKey: string;
      /** The saved model's scoring day (the portfolio's). */
      asOfDay: DayNumber;
      /** The draft's scoring day: where a rescore would score it once saved. */
      draftAsOfDay: DayNumber;
      accounts: number;
      bands: { saved: BandCounts; draft: BandCounts };
      examples: PreviewAccount[];
      /** Milliseconds the preview took in the worker (book load included when it ran). */
      ms: number;
    }
  | { ok: false; errors: ModelError[] };

interface BookCache {
  fingerprint: string;
  prepared: PreparedBook;
  outcomes: Outcome[];
}

let bookCache: BookCache | null = null;
let savedCache: { key: string; scores: AccountScore[] } | null = null;

async function cachedBook(db: CanaryDb): Promise<BookCache> {
  const fingerprint = await bookFingerprint(db);
  if (bookCache?.fingerprint !== fingerprint) {
    const book = await loadBook(db);
    bookCache = { fingerprint, prepared: prepareBook(book), outcomes: book.outcomes };
    savedCache = null;
  }
  return bookCache;
}

/** Scores the book with the draft and the saved model; nothing is written. */
export default async function previewModel(
  request: PreviewModelRequest,
): Promise<PreviewModelResult> {
  const started = performance.now();
  const parsed = parseModel(request.draft);
  if (!parsed.ok) return { ok: false, errors: parsed.errors };
  const db = getDb();
  const [book, active] = await Promise.all([cachedBook(db), ensureActiveModel(db)]);
  const savedDay = chooseScoringDay(book.prepared, active.model, request.today).day;
  const draftDay = chooseScoringDay(book.prepared, parsed.model, request.today).day;
  const savedKey = `${book.fingerprint}#${active.key}#${savedDay}`;
  if (savedCache?.key !== savedKey) {
    savedCache = { key: savedKey, scores: scoreBook(book.prepared, active.model, savedDay) };
  }
  const saved = savedCache.scores;
  const draft = scoreBook(book.prepared, parsed.model, draftDay);
  const index = new Map(book.prepared.accounts.map((a, i) => [a.id, i]));
  const examples: PreviewExample[] =
    request.examples === null
      ? defaultExamples(saved, book.outcomes)
      : request.examples.filter((e) => index.has(e.accountId));
  return {
    ok: true,
    savedKey: active.key,
    asOfDay: savedDay,
    draftAsOfDay: draftDay,
    accounts: saved.length,
    bands: { saved: countBands(saved), draft: countBands(draft) },
    examples: examples.map((e) => {
      const i = index.get(e.accountId)!;
      return {
        ...e,
        name: book.prepared.accounts[i].name || e.accountId,
        saved: saved[i] ?? null,
        draft: draft[i] ?? null,
      };
    }),
    ms: performance.now() - started,
  };
}
