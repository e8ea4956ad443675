// What changed and why over a period, and the weekly digest, built from the stored book: every
// live account is scored point in time as of the period's start (under the model version in
// force then) and its end (the active model), and each move is given its causes in words.
// Reads only.
import {
  archivedAccounts,
  buildDigest,
  compareBook,
  DEFAULT_MIN_POINTS,
  DIGEST_TASK_DAYS,
  listChanges,
  parseModel,
  PeriodError,
  prepareBook,
  resolvePeriod,
  type AccountComparison,
  type ChangeCounts,
  type ChangePeriod,
  type DatedModel,
  type Digest,
  type DigestAccount,
  type ModelSwitch,
  type PeriodChoice,
} from '../../engine';
import { dateToDay } from '../../engine/dates';
import type { DayNumber } from '../../engine/types';
import { getDb, readChangesBook, readOpenTasksDue, type ModelVersionRecord } from '../../db';
import { InputError } from '../errors';

/** What to build. */
export interface ChangesRequest {
  /** Today's day (the app passes todayDay()): renewals and tasks of the digest count from it. */
  today: DayNumber;
  period: PeriodChoice;
  /** List moves of at least this many points (band changes always). */
  minPoints?: number;
}

/** The changes page's and the digest's data. */
export interface ChangesData {
  today: DayNumber;
  /** The book's scoring day ("last N days" end on it); null before the first scoring. */
  scoringDay: DayNumber | null;
  period: ChangePeriod;
  minPoints: number;
  model: { key: string; name: string; version: number } | null;
  modelSwitch: ModelSwitch | null;
  changes: AccountComparison[];
  counts: ChangeCounts;
  digest: Digest;
  /** Live accounts compared; archived (churned by the period's end) left out. */
  accounts: number;
  archived: number;
  ms: number;
}

function dated(record: ModelVersionRecord): DatedModel | null {
  const parsed = parseModel(record.document);
  if (!parsed.ok) return null;
  return {
    key: record.key,
    name: record.name,
    version: record.version,
    savedDay: dateToDay(new Date(record.createdAt)),
    document: parsed.model,
  };
}

/** Builds the change list and the digest. */
export default async function changes(request: ChangesRequest): Promise<ChangesData> {
  const started = performance.now();
  const minPoints = request.minPoints ?? DEFAULT_MIN_POINTS;
  if (!Number.isFinite(minPoints) || minPoints < 0)
    throw new InputError('The threshold is a number of points, 0 or more.');
  const db = getDb();
  const read = await readChangesBook(db);
  const scoringDay = read.scoringDay?.day ?? null;
  let period: ChangePeriod;
  try {
    period = resolvePeriod(request.period, scoringDay ?? request.today);
  } catch (e) {
    if (e instanceof PeriodError) throw new InputError(e.message);
    throw e;
  }
  const versions = read.models.flatMap((m) => {
    const d = dated(m);
    return d ? [d] : [];
  });
  const active = versions.find((v) => v.key === read.activeKey) ?? null;
  const archivedDays = archivedAccounts(read.book.outcomes);
  const archived = new Set(
    [...archivedDays].filter(([, day]) => day <= period.end).map(([id]) => id),
  );

  let comparisons: AccountComparison[] = [];
  let modelSwitch: ModelSwitch | null = null;
  if (active && scoringDay !== null && read.book.accounts.length > 0) {
    const result = compareBook(
      prepareBook(read.book),
      read.book.pulses,
      period,
      active,
      versions,
      archived,
    );
    comparisons = result.comparisons;
    modelSwitch = result.modelSwitch;
  }
  const { changes: listed, counts } = listChanges(comparisons, minPoints);

  const current = new Map(read.scores.map((s) => [s.accountId, s]));
  const accounts: DigestAccount[] = read.book.accounts
    .filter((a) => !archivedDays.has(a.id))
    .map((a) => {
      const s = current.get(a.id);
      return {
        accountId: a.id,
        name: a.name || a.id,
        owner: a.owner,
        arr: a.arr,
        renewalDay: a.renewalDate,
        band: s?.band ?? null,
        score: s?.score ?? null,
      };
    });
  // Overdue ones too: a digest that hid them would say the week is clearer than it is.
  const tasks = await readOpenTasksDue(
    db,
    Number.NEGATIVE_INFINITY,
    request.today + DIGEST_TASK_DAYS,
  );
  const digest = buildDigest({
    today: request.today,
    period,
    modelName: active ? `${active.name} v${active.version}` : null,
    comparisons,
    accounts,
    minRise: active?.document.trend.deadZone,
    tasks: tasks.map((t) => ({
      id: t.id,
      accountId: t.accountId,
      title: t.title,
      dueDay: t.dueDay,
      priority: t.priority,
      owner: t.owner,
    })),
  });

  return {
    today: request.today,
    scoringDay,
    period,
    minPoints,
    model: active ? { key: active.key, name: active.name, version: active.version } : null,
    modelSwitch,
    changes: listed,
    counts,
    digest,
    accounts: comparisons.length,
    archived: archived.size,
    ms: performance.now() - started,
  };
}
