// Scores the book point in time as of the period's start and end and compares every account.
// Each score reads only data dated on or before its own day (the engine's point-in-time rule),
// so the list for a past period does not change when later data arrives.
import { scoreBook } from '../score/account';
import type { PreparedBook } from '../score/prepare';
import type { ModelDocument } from '../model/schema';
import type { DayNumber, Pulse } from '../types';
import { compareAccount, type AccountComparison, type ModelSwitch } from './attribute';
import type { ChangePeriod } from './period';

/** A saved model version with the day it was saved (every save makes it the active one). */
export interface DatedModel {
  key: string;
  name: string;
  version: number;
  savedDay: DayNumber;
  document: ModelDocument;
}

/**
 * The version in force at the period's start: the newest saved on or before that day. When
 * none had been saved by then (a book scored first within the period, or one whose data is
 * older than every model), the oldest saved version: the book was first scored with it.
 */
export function modelAtStart(
  versions: readonly DatedModel[],
  active: DatedModel,
  period: Pick<ChangePeriod, 'start'>,
): DatedModel {
  const all = versions.some((v) => v.key === active.key) ? versions : [...versions, active];
  // Saving is activating, so among versions saved the same day the later one (the active one,
  // or the higher version) was in force.
  const later = (a: DatedModel, b: DatedModel) =>
    a.savedDay !== b.savedDay
      ? a.savedDay > b.savedDay
      : a.key === active.key || (b.key !== active.key && a.version > b.version);
  let newest: DatedModel | null = null;
  let oldest: DatedModel | null = null;
  for (const v of all) {
    if (!oldest || later(oldest, v)) oldest = v;
    if (v.savedDay <= period.start && (!newest || later(v, newest))) newest = v;
  }
  return newest ?? oldest ?? active;
}

/** The model switch in the period, if the version in force at its start is not the active one. */
export function modelSwitchOf(
  versions: readonly DatedModel[],
  active: DatedModel,
  period: Pick<ChangePeriod, 'start'>,
): ModelSwitch | null {
  const start = modelAtStart(versions, active, period);
  if (start.key === active.key) return null;
  return {
    from: { key: start.key, name: start.name, version: start.version },
    to: { key: active.key, name: active.name, version: active.version },
    day: active.savedDay,
  };
}

/** The pulses of each account, in the order given. */
export function pulsesByAccount(pulses: readonly Pulse[]): Map<string, Pulse[]> {
  const byAccount = new Map<string, Pulse[]>();
  for (const p of pulses) {
    let list = byAccount.get(p.accountId);
    if (!list) byAccount.set(p.accountId, (list = []));
    list.push(p);
  }
  return byAccount;
}

/**
 * Compares every account of `prepared` (except `skip`, e.g. archived ones) between the
 * period's start and end, under the models in force then.
 */
export function compareBook(
  prepared: PreparedBook,
  pulses: readonly Pulse[],
  period: ChangePeriod,
  active: DatedModel,
  versions: readonly DatedModel[],
  skip: ReadonlySet<string> = new Set(),
): { comparisons: AccountComparison[]; modelSwitch: ModelSwitch | null } {
  const modelSwitch = modelSwitchOf(versions, active, period);
  const startModel = modelSwitch ? modelAtStart(versions, active, period) : active;
  const after = scoreBook(prepared, active.document, period.end);
  const before = scoreBook(prepared, startModel.document, period.start);
  const beforeActive = modelSwitch ? scoreBook(prepared, active.document, period.start) : null;
  const pulsesOf = pulsesByAccount(pulses);
  const comparisons: AccountComparison[] = [];
  for (let i = 0; i < after.length; i++) {
    if (skip.has(after[i].accountId)) continue;
    comparisons.push(
      compareAccount(
        {
          before: before[i],
          beforeActive: beforeActive ? beforeActive[i] : null,
          after: after[i],
          pulses: pulsesOf.get(after[i].accountId) ?? [],
        },
        active.document,
        period,
        modelSwitch,
      ),
    );
  }
  return { comparisons, modelSwitch };
}
