// Every file of tests/fixtures/csv against its expected outcome in manifest.ts.
import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CORPUS, type CorpusCase, type CorpusImport } from '../../../tests/fixtures/csv/manifest';
import { FIXED_TODAY_ISO } from '../../../tests/setup';
import { dayToIso, isoToDay } from '../engine/dates';
import { detectColumnTypes } from './column-types';
import { parseCsv, type CsvTable } from './csv-table';
import { ImportFileError } from './errors';
import { createMapping } from './mapping';
import { prepareImport, prepareImportFromTable } from './prepare';
import type { PreparedImport } from './prepared-import';
import { suggestMapping } from './suggest';
import { openImportFile } from './open-file';
import { decodeZipEntry } from './zip';

const DIR = new URL('../../../tests/fixtures/csv/', import.meta.url);
const TODAY = isoToDay(FIXED_TODAY_ISO)!;

async function problemOf(work: () => unknown): Promise<string | null> {
  try {
    await work();
    return null;
  } catch (e) {
    if (e instanceof ImportFileError) return e.problem;
    throw e;
  }
}

function seriesOf(plan: PreparedImport): Record<string, [string, number][]> {
  const out: Record<string, [string, number][]> = {};
  for (const s of plan.series) {
    out[`${s.accountId}|${s.metric}`] = [...s.days].map((d, i) => [dayToIso(d), s.values[i]]);
  }
  return out;
}

function checkImport(plan: PreparedImport, c: CorpusImport): void {
  expect(plan.status).toBe(c.status);
  if (c.errors) expect(plan.errors.map((e) => [e.row, e.column, e.code])).toEqual(c.errors);
  else expect(plan.errors).toEqual([]);
  if (c.skippedRows !== undefined) expect(plan.skippedRows).toBe(c.skippedRows);
  if (c.notices !== undefined) expect(plan.notices).toHaveLength(c.notices);
  if (c.series) expect(seriesOf(plan)).toEqual(c.series);
  if (c.outcomes) {
    expect(plan.outcomes.map((o) => [o.accountId, dayToIso(o.day), o.outcome])).toEqual(c.outcomes);
  }
  if (c.accounts) {
    expect(plan.accounts.map((a) => a.id)).toEqual(Object.keys(c.accounts));
    for (const a of plan.accounts) {
      const flat = { ...a.attributes, ...a } as Record<string, unknown>;
      for (const [k, v] of Object.entries(c.accounts[a.id]))
        expect(flat[k], `${a.id}.${k}`).toEqual(v);
    }
  }
  if (plan.status === 'rejected') {
    expect([plan.accounts, plan.series, plan.outcomes]).toEqual([[], [], []]);
  }
}

async function checkTable(c: CorpusCase, text: string, table: CsvTable): Promise<void> {
  const { summary } = table;
  if (c.delimiter) expect(summary.header.delimiter).toBe(c.delimiter);
  if (c.newline) expect(summary.header.newline).toBe(c.newline);
  if (c.headers) expect(table.headers).toEqual(c.headers);
  if (c.rows) expect(table.rows).toEqual(c.rows);
  if (c.rowNumbers) expect([...table.rowNumbers]).toEqual(c.rowNumbers);
  expect(summary.header.rowNumber).toBe(c.headerRow ?? 1);
  if (c.blankRows !== undefined) expect(summary.blankRows).toBe(c.blankRows);
  expect(summary.footerRows).toBe(c.footerRows ?? 0);
  expect(summary.warnings).toHaveLength(c.parseWarnings ?? 0);
  if (c.renamed) expect(summary.header.renamed.map((r) => r.original)).toEqual(c.renamed);
  const profiles = detectColumnTypes(table.headers, table.rows);
  const byName = new Map(profiles.map((p) => [p.name, p]));
  for (const [col, type] of Object.entries(c.types ?? {}))
    expect(byName.get(col)?.type, col).toBe(type);
  for (const [col, f] of Object.entries(c.formats ?? {})) {
    const p = byName.get(col);
    expect(p?.dateFormat ?? p?.decimal, col).toBe(f);
  }
  const asked = Object.fromEntries(
    profiles.flatMap((p) => (p.question ? [[p.name, p.question.kind]] : [])),
  );
  expect(asked).toEqual(c.questions ?? {});
  if (c.suggestedKind)
    expect(suggestMapping(table.headers, table.rows).mapping.kind).toBe(c.suggestedKind);
  for (const imp of c.imports ?? []) {
    const mapping = createMapping(imp.mapping);
    const context = {
      fileName: c.file,
      today: TODAY,
      knownAccountIds: new Set(imp.known ?? []),
      errorPolicy: imp.errorPolicy,
    };
    const fromTable = prepareImportFromTable(table, mapping, context);
    checkImport(fromTable, imp);
    // Tiny chunks put chunk boundaries inside quotes, CRLFs and rows: same result required.
    const streamed = await prepareImport(text, mapping, context, { chunkSize: 7 });
    expect(streamed).toEqual(fromTable);
  }
}

describe('CSV corpus (tests/fixtures/csv)', () => {
  it('has at least 40 files, each listed in the manifest exactly once', () => {
    const files = readdirSync(DIR).filter((f) => !/\.(ts|py)$/.test(f));
    expect(files.length).toBeGreaterThanOrEqual(40);
    expect(CORPUS.map((c) => c.file).sort()).toEqual(files.sort());
  });

  for (const c of CORPUS) {
    it(`${c.file}: ${c.covers}`, async () => {
      const bytes = new Uint8Array(readFileSync(new URL(c.file, DIR)));
      // The Import page's first step: spreadsheets, damaged zips and binary files stop here.
      const openProblem = await problemOf(() => openImportFile(bytes, c.file));
      if (openProblem) {
        expect(openProblem).toBe(c.fileError);
        return;
      }
      const opened = openImportFile(bytes, c.file);
      if (opened.kind === 'zip') {
        const seen = [];
        for (const entry of opened.entries) {
          const decoded = decodeZipEntry(entry);
          const table = await parseCsv(decoded.text);
          seen.push({ name: entry.name, encoding: decoded.encoding, headers: table.headers });
        }
        expect(seen).toEqual(c.zipEntries);
        return;
      }
      const decoded = opened.decoded;
      if (c.encoding) expect(decoded.encoding).toBe(c.encoding);
      if (c.bom !== undefined) expect(decoded.bom).toBe(c.bom);
      expect(decoded.nulCount).toBe(c.nulCount ?? 0);
      const parseProblem = await problemOf(() => parseCsv(decoded.text));
      expect(parseProblem).toBe(c.fileError ?? null);
      if (parseProblem) return;
      await checkTable(c, decoded.text, await parseCsv(decoded.text));
    });
  }
});
