// CSV exports built in the worker and handed back as bytes: accounts, signals (long form) and
// outcomes in the canonical format, current scores with their explanations, and score history.
// Every text cell goes through formatCsv, which neutralises spreadsheet formulas.
import * as Comlink from 'comlink';
import { dayToIso } from '../../engine/dates';
import {
  bandFromCode,
  getDb,
  getSetting,
  loadBook,
  SCORING_DAY_SETTING,
  type CanaryDb,
  type ScoringDayRecord,
  listAccounts,
  listCurrentScores,
  listScoreHistory,
} from '../../db';
import { formatCsv, writeCanonicalBook, type CsvCell } from '../../import/canonical';
import type { ProgressFn } from '../progress';

/** The CSV exports on offer. */
export type CsvExportKind = 'accounts' | 'scores' | 'history' | 'signals' | 'outcomes';

/** An export file, as bytes to download. */
export interface ExportFile {
  fileName: string;
  mimeType: string;
  bytes: ArrayBuffer;
  rows: number;
}

/**
 * Current scores. `as_of_basis` says whether the book was scored as of today or as of its newest
 * data (when its data ends before the model's windows reach today); `status` is scored, stale
 * or unscored; `archived_on` the churn day of an archived account.
 */
async function scoresCsv(db: CanaryDb): Promise<{ text: string; rows: number }> {
  const [scores, accounts, scoring] = await Promise.all([
    listCurrentScores(db),
    listAccounts(db),
    getSetting<ScoringDayRecord>(db, SCORING_DAY_SETTING),
  ]);
  const names = new Map(accounts.map((a) => [a.id, a.name]));
  const basis = (day: number) =>
    scoring?.day === day ? (scoring.basis === 'newest-data' ? 'newest data' : 'today') : '';
  const rows: CsvCell[][] = [
    [
      'account_id',
      'name',
      'as_of',
      'as_of_basis',
      'model',
      'status',
      'score',
      'band',
      'coverage',
      'trend_change',
      'priority_rank',
      'priority_reason',
      'archived_on',
      'explanation',
    ],
  ];
  for (const s of scores) {
    rows.push([
      s.accountId,
      names.get(s.accountId) ?? '',
      dayToIso(s.asOfDay),
      basis(s.asOfDay),
      s.modelKey,
      s.summary.status ?? (s.band ? 'scored' : 'unscored'),
      s.score,
      s.band,
      Math.round(s.coverage * 1000) / 1000,
      s.trendDelta,
      s.summary.rank,
      s.summary.priorityReason,
      s.summary.archivedDay == null ? null : dayToIso(s.summary.archivedDay),
      s.explanation,
    ]);
  }
  return { text: formatCsv(rows), rows: scores.length };
}

async function historyCsv(db: CanaryDb): Promise<{ text: string; rows: number }> {
  const history = await listScoreHistory(db);
  const parts = [formatCsv([['account_id', 'model', 'date', 'score', 'band', 'coverage']])];
  let rows = 0;
  for (const h of history) {
    const lines = new Array<string>(h.days.length);
    for (let i = 0; i < h.days.length; i++) {
      lines[i] = formatCsv([
        [
          h.accountId,
          h.modelKey,
          dayToIso(h.days[i]),
          Math.round(h.scores[i] * 10) / 10,
          bandFromCode(h.bands[i]),
          Math.round(h.coverage[i] * 1000) / 1000,
        ],
      ]);
    }
    rows += h.days.length;
    parts.push(lines.join(''));
  }
  return { text: parts.join(''), rows };
}

async function canonicalCsv(
  db: CanaryDb,
  name: 'accounts.csv' | 'signals.csv' | 'outcomes.csv',
): Promise<{ text: string; rows: number }> {
  const book = await loadBook(db);
  const file = writeCanonicalBook(book).find((f) => f.name === name)!;
  const rows =
    name === 'accounts.csv'
      ? book.accounts.length
      : name === 'outcomes.csv'
        ? book.outcomes.length
        : book.series.reduce((n, s) => n + s.days.length, 0);
  return { text: file.text, rows };
}

/** Builds one CSV export of the stored data. */
export default async function exportCsv(
  request: { kind: CsvExportKind; todayIso: string },
  onProgress?: ProgressFn,
): Promise<ExportFile> {
  const db = getDb();
  onProgress?.({ fraction: 0.1, label: `Writing ${request.kind}` });
  const { text, rows } =
    request.kind === 'scores'
      ? await scoresCsv(db)
      : request.kind === 'history'
        ? await historyCsv(db)
        : await canonicalCsv(db, `${request.kind}.csv`);
  const bytes = new TextEncoder().encode(text).buffer as ArrayBuffer;
  onProgress?.({ fraction: 1, label: 'Done' });
  return Comlink.transfer(
    {
      fileName: `canary-${request.kind}-${request.todayIso}.csv`,
      mimeType: 'text/csv;charset=utf-8',
      bytes,
      rows,
    },
    [bytes],
  );
}
