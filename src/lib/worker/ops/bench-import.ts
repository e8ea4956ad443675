// Benchmark support for `npm run bench`: a generated 1,000,000-row long signals CSV (~28 MB)
// imported end to end along the app's own path (decode → parse → validate → plan → applyImport)
// into a scratch database, against a floor measured in the same run: a bare papaparse parse of
// the same text plus one bulk write of the same typed arrays. The scratch database is deleted.
import Papa from 'papaparse';
import { CanaryDb, applyImport, putAccounts, putSeriesRaw } from '../../db';
import { dayToIso } from '../../engine/dates';
import { createRandom } from '../../engine/random';
import type { Account } from '../../engine/types';
import { createMapping, decodeBytes, prepareImport } from '../../import';
import type { ProgressFn } from '../progress';

/** Timings of the import benchmark, in milliseconds. */
export interface ImportBenchResult {
  rows: number;
  bytes: number;
  /** The app's path: decode, parse + validate + plan, applyImport. */
  decodeMs: number;
  prepareMs: number;
  applyMs: number;
  totalMs: number;
  /** The floor: papaparse alone, and one bulkPut of the same series. */
  floorParseMs: number;
  floorWriteMs: number;
  floorMs: number;
  pointsAdded: number;
}

const BENCH_DB = 'canary-bench';
const FIRST_DAY = 20000; // 2024-10-04: well in the past, so no row is a future date.

function accountId(i: number): string {
  return `A${String(i).padStart(4, '0')}`;
}

/** Generates a long-form signals CSV of accounts × metrics × days rows, as UTF-8 bytes. */
export function generateLongSignalsCsv(
  accounts: number,
  metrics: number,
  days: number,
  seed = 11,
): Uint8Array {
  const random = createRandom(seed);
  const metricNames = Array.from({ length: metrics }, (_, m) => `m${String(m).padStart(2, '0')}`);
  const isoDays = Array.from({ length: days }, (_, d) => dayToIso(FIRST_DAY + d));
  const parts: string[] = ['account_id,date,metric,value\n'];
  for (let a = 0; a < accounts; a++) {
    const id = accountId(a);
    const lines: string[] = [];
    for (let m = 0; m < metrics; m++) {
      const metric = metricNames[m];
      for (let d = 0; d < days; d++) {
        lines.push(`${id},${isoDays[d]},${metric},${Math.round(random.next() * 1000) / 10}\n`);
      }
    }
    parts.push(lines.join(''));
  }
  return new TextEncoder().encode(parts.join(''));
}

function benchAccounts(n: number): Account[] {
  return Array.from({ length: n }, (_, i) => ({
    id: accountId(i),
    name: `Bench ${i}`,
    segment: null,
    arr: null,
    seats: null,
    contractStart: null,
    renewalDate: null,
    owner: null,
    attributes: {},
  }));
}

async function freshDb(accounts: Account[]): Promise<CanaryDb> {
  await CanaryDb.delete(BENCH_DB);
  const db = new CanaryDb(BENCH_DB);
  await putAccounts(db, accounts);
  return db;
}

/** Generates the file, times the app's import path and the floor, and deletes the scratch DB. */
export default async function benchImport(
  request: { accounts: number; metrics: number; days: number },
  onProgress?: ProgressFn,
): Promise<ImportBenchResult> {
  onProgress?.({ fraction: 0.02, label: 'Generating the CSV' });
  const bytes = generateLongSignalsCsv(request.accounts, request.metrics, request.days);
  const accounts = benchAccounts(request.accounts);
  const mapping = createMapping({
    kind: 'signals-long',
    columns: {
      account_id: { role: 'account-id' },
      date: { role: 'date', format: 'ymd' },
      metric: { role: 'metric-name' },
      value: { role: 'value', decimal: '.' },
    },
  });
  let db = await freshDb(accounts);
  try {
    onProgress?.({ fraction: 0.1, label: 'Importing (the app’s path)' });
    const t0 = performance.now();
    const text = decodeBytes(bytes).text;
    const t1 = performance.now();
    const prepared = await prepareImport(
      text,
      mapping,
      {
        fileName: 'bench.csv',
        today: FIRST_DAY + request.days + 30,
        knownAccountIds: new Set(accounts.map((a) => a.id)),
        errorPolicy: 'skip',
      },
      {
        onProgress: (f) =>
          onProgress?.({ fraction: 0.1 + 0.4 * f, label: 'Importing (the app’s path)' }),
      },
    );
    const t2 = performance.now();
    const record = await applyImport(db, {
      fileName: 'bench.csv',
      kind: prepared.kind,
      rows: prepared.rows,
      skippedRows: prepared.skippedRows,
      mapping: prepared.mapping,
      accounts: prepared.accounts,
      series: prepared.series,
      outcomes: prepared.outcomes,
      duplicatePolicy: prepared.duplicatePolicy,
    });
    const t3 = performance.now();
    if (prepared.errors.length > 0 || record.summary.pointsAdded !== prepared.rows) {
      throw new Error(
        `Benchmark import went wrong: ${prepared.errors.length} errors, ${record.summary.pointsAdded} points of ${prepared.rows} rows`,
      );
    }

    onProgress?.({ fraction: 0.6, label: 'Measuring the floor' });
    db.close();
    db = await freshDb(accounts);
    const f0 = performance.now();
    const parsed = Papa.parse<string[]>(text, { delimiter: ',', newline: '\n' });
    const f1 = performance.now();
    await putSeriesRaw(db, prepared.series);
    const f2 = performance.now();
    if (parsed.data.length < prepared.rows) throw new Error('Floor parse lost rows');
    onProgress?.({ fraction: 1, label: 'Done' });
    return {
      rows: prepared.rows,
      bytes: bytes.length,
      decodeMs: t1 - t0,
      prepareMs: t2 - t1,
      applyMs: t3 - t2,
      totalMs: t3 - t0,
      floorParseMs: f1 - f0,
      floorWriteMs: f2 - f1,
      floorMs: f2 - f0,
      pointsAdded: record.summary.pointsAdded,
    };
  } finally {
    db.close();
    await CanaryDb.delete(BENCH_DB);
  }
}
