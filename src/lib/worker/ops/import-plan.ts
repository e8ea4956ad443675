// Shared by the validate and apply ops: applying a mapping to a source file (with any lookup
// files it needs), cached for the last request so "Import" does not parse the file again.
import { todayDay } from '../../engine/dates';
import {
  getAccounts,
  getDb,
  listAccountIds,
  listAllOutcomes,
  outcomesAndImportsStamp,
} from '../../db';
import {
  buildLookup,
  mappingSchema,
  outcomeFactsOf,
  parseCsv,
  prepareImport,
  type ImportMapping,
  type LookupNeed,
  type PreparedImport,
} from '../../import';
import { InputError } from '../errors';
import { readSourceText, sourceKey, type ImportSource } from './import-source';

/** What to validate (and later apply). */
export interface ImportRequest {
  source: ImportSource;
  mapping: ImportMapping;
  /** 'create': rows of accounts not yet in Canary add bare accounts; 'error': they are skipped. */
  unknownAccounts: 'error' | 'create';
  /** Files providing the lookup tables the mapping needs (e.g. subscription → account). */
  lookups?: { need: LookupNeed; source: ImportSource }[];
}

let cached: { key: string; prepared: PreparedImport } | null = null;

function requestKey(r: ImportRequest, today: number): string {
  const lookups = (r.lookups ?? []).map((l) => `${l.need.name}=${sourceKey(l.source)}`);
  return [
    sourceKey(r.source),
    JSON.stringify(r.mapping),
    r.unknownAccounts,
    today,
    ...lookups,
  ].join('\u0001');
}

async function loadLookups(r: ImportRequest): Promise<Record<string, Map<string, string>>> {
  const tables: Record<string, Map<string, string>> = {};
  for (const { need, source } of r.lookups ?? []) {
    const table = await parseCsv((await readSourceText(source)).text);
    try {
      tables[need.name] = buildLookup(table, need.keyColumn, need.valueColumn);
    } catch {
      throw new InputError(
        `${source.fileName} has no ${need.keyColumn} and ${need.valueColumn} columns, so it cannot say which account each ${need.keyColumn} belongs to.`,
      );
    }
  }
  return tables;
}

/**
 * Applies the mapping to the whole file with the "skip bad rows" policy, so the user sees every
 * problem and decides; cached until the request (or the day) changes. Never writes anything.
 */
export async function prepareRequest(
  r: ImportRequest,
  onFraction?: (f: number) => void,
): Promise<PreparedImport> {
  const parsed = mappingSchema.safeParse(r.mapping);
  if (!parsed.success) {
    throw new InputError(
      `The mapping is not complete: ${parsed.error.issues.map((i) => i.message).join('; ')}.`,
    );
  }
  const today = todayDay();
  const db = getDb();
  // The book's outcomes shape the prepared import (renewals vs churns): a change to them since
  // the check must not reuse it.
  const bookState = await outcomesAndImportsStamp(db);
  const key = `${requestKey(r, today)}\u0001${bookState}`;
  if (cached?.key === key) return cached.prepared;
  cached = null;
  const lookups = await loadLookups(r);
  // Lookups read other files and replace the one-entry text cache; read the source last.
  const text = await readSourceText(r.source);
  const knownAccountIds = new Set(await listAccountIds(db));
  // Renewals are never inferred after a stored churn, and a new churn withdraws the inferred
  // renewals after it: both need the book's outcomes.
  const outcomeFacts = outcomeFactsOf(await listAllOutcomes(db));
  const prepared = await prepareImport(
    text.text,
    parsed.data,
    {
      fileName: text.displayName,
      today,
      knownAccountIds,
      unknownAccounts: r.unknownAccounts,
      lookups,
      errorPolicy: 'skip',
      outcomeFacts,
    },
    { onProgress: onFraction },
  );
  await keepUnmappedArrAndRenewalDate(prepared);
  cached = { key, prepared };
  return prepared;
}

/**
 * An accounts file that does not map ARR or renewal date keeps the stored ones (set by a
 * subscriptions import) instead of blanking them: an account is otherwise replaced as given.
 */
async function keepUnmappedArrAndRenewalDate(p: PreparedImport): Promise<void> {
  const mapped = new Set(
    Object.values(p.mapping.columns).flatMap((c) => (c.role === 'field' ? [c.field] : [])),
  );
  const keepArr = !mapped.has('arr');
  const keepDate = !mapped.has('renewalDate');
  if (p.accounts.length === 0 || !(keepArr || keepDate)) return;
  const stored = await getAccounts(
    getDb(),
    p.accounts.map((a) => a.id),
  );
  p.accounts = p.accounts.map((a, i) => {
    const before = stored[i];
    if (!before) return a;
    return {
      ...a,
      arr: keepArr ? before.arr : a.arr,
      renewalDate: keepDate ? before.renewalDate : a.renewalDate,
    };
  });
}

/** Forgets the cached validation (after it has been applied). */
export function forgetPrepared(): void {
  cached = null;
}
