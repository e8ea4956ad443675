// Applying a mapping to a whole file: stream (or walk) the rows through the row mapper, then
// group observations into series and settle the bad-input policy (reject or skip bad rows).
import type { Account, Outcome } from '../engine/types';
import {
  streamCsv,
  type CsvHeader,
  type CsvParseOptions,
  type CsvStreamSummary,
} from './csv-stream';
import type { CsvTable } from './csv-table';
import { dayToIso, isoToDay } from '../engine/dates';
import type { ImportMapping } from './mapping';
import {
  outcomeBalanceNotes,
  reconcileInferredRenewals,
  renewalsToWithdraw,
  yieldedRenewalsNote,
} from './outcome-balance';
import type { AccountPatch, ImportContext, PreparedImport, RowIssue } from './prepared-import';
import { resolveColumns, type ResolvedColumn } from './resolve-columns';
import { RowMapper, type MappedSink } from './row-mapper';
import { SeriesAccumulator, type Collapse } from './series-accumulator';
import { finishSubscriptions } from './subscriptions-import';
import { snapshotOutcomeDay } from './snapshot-outcome';

/** Accumulates one file's rows under a mapping; `finish` yields the PreparedImport. */
export class ImportBuilder {
  readonly #mapping: ImportMapping;
  readonly #context: ImportContext;
  readonly #fileErrors: RowIssue[] = [];
  readonly #notices: RowIssue[] = [];
  readonly #sink: MappedSink = {
    accounts: new Map(),
    accountRows: new Map(),
    observations: new SeriesAccumulator(),
    outcomes: new Map(),
    createdAccounts: new Map(),
    subscriptions: new Map(),
    newestDay: null,
  };
  #mapper: RowMapper | null = null;
  #width = 0;
  #rows = 0;
  #skipped = 0;

  constructor(mapping: ImportMapping, context: ImportContext) {
    this.#mapping = mapping;
    this.#context = context;
  }

  /** Resolves the mapping against the header row; missing columns become row-1 errors. */
  onHeader(headers: readonly string[]): void {
    this.#width = headers.length;
    const { columns, missing } = resolveColumns(this.#mapping, headers);
    for (const name of missing) {
      this.#fileErrors.push({
        row: 1,
        column: name,
        value: '',
        reason: 'this column is mapped but missing from the file',
        code: 'missing-column',
      });
    }
    const snap = this.#mapping.snapshotDate;
    const asOf = snap ? isoToDay(snap) : null;
    if (this.#mapping.kind === 'subscriptions' && asOf !== null && asOf > this.#context.today) {
      this.#fileErrors.push({
        row: 1,
        column: '',
        value: snap ?? '',
        reason: 'the date subscriptions are current on is in the future',
        code: 'future-date',
      });
    }
    if (this.#mapping.kind === 'snapshot') {
      const day = snap ? isoToDay(snap) : null;
      if (day === null) {
        this.#fileErrors.push({
          row: 1,
          column: '',
          value: snap ?? '',
          reason: 'choose the date this snapshot was taken',
          code: 'missing-snapshot-date',
        });
      } else if (day > this.#context.today) {
        this.#fileErrors.push({
          row: 1,
          column: '',
          value: snap ?? '',
          reason: 'the snapshot date is in the future',
          code: 'future-date',
        });
      } else this.#checkOutcomeTiming(day, columns);
    }
    if (this.#fileErrors.length === 0)
      this.#mapper = new RowMapper(this.#mapping, columns, this.#context, this.#sink);
  }

  /** A snapshot's outcomes need their observation period, and must not be dated in the future. */
  #checkOutcomeTiming(snapshotDay: number, columns: readonly ResolvedColumn[]): void {
    const outcome = columns.find((c) => c.role.role === 'outcome');
    if (!outcome && this.#mapping.constantOutcome === null) return;
    const days = this.#mapping.snapshotOutcomeDays ?? null;
    const column = outcome?.name ?? '';
    if (days === null) {
      this.#fileErrors.push({
        row: 1,
        column,
        value: '',
        reason:
          'say when this outcome was observed: by the snapshot date, or within how many days after it',
        code: 'missing-outcome-timing',
      });
      return;
    }
    const observed = snapshotOutcomeDay(snapshotDay, days);
    if (observed > this.#context.today) {
      this.#fileErrors.push({
        row: 1,
        column,
        value: String(days),
        reason: `the outcomes would be dated ${dayToIso(observed)}, ${days} days after the snapshot, which is in the future`,
        code: 'future-date',
      });
    }
  }

  /** Maps a chunk of data rows (`rowNumbers` 1-based, header = 1). */
  addRows(rows: readonly string[][], rowNumbers: ArrayLike<number>): void {
    this.#rows += rows.length;
    const mapper = this.#mapper;
    if (!mapper) return;
    const duplicate = (kept: number, dropped: number, what: string) =>
      this.#notices.push({
        row: dropped,
        column: '',
        value: '',
        reason: `replaced by row ${kept} (same ${what}; the last row wins)`,
        code: 'duplicate',
      });
    for (let i = 0; i < rows.length; i++) {
      const row = rows[i];
      const rowNo = rowNumbers[i];
      if (row.length > this.#width && row.slice(this.#width).some((v) => v.trim() !== '')) {
        mapper.issues.row = rowNo;
        mapper.issues.add(
          '',
          row.slice(this.#width).join(','),
          `the row has ${row.length} fields but the header has ${this.#width} (an unquoted delimiter?)`,
          'too-many-fields',
        );
        this.#skipped++;
        continue;
      }
      if (!mapper.mapRow(row, rowNo, duplicate)) this.#skipped++;
    }
  }

  #collapseOf(): (metric: string) => Collapse {
    const m = this.#mapping;
    if (m.kind !== 'events') return () => m.duplicatePolicy;
    const aggregates = new Map<string, Collapse>();
    for (const role of Object.values(m.columns)) {
      if (role.role === 'metric') aggregates.set(role.metric, role.aggregate ?? 'sum');
    }
    if (m.eventCountMetric) aggregates.set(m.eventCountMetric, 'sum');
    return (metric) => aggregates.get(metric) ?? 'sum';
  }

  /** The file's outcomes, plus — for subscriptions — inferred renewals and account fields. */
  #outcomes(): { outcomes: Outcome[]; patches: AccountPatch[]; notes: string[] } {
    const rows = [...this.#sink.outcomes.values()].map((o) => o.outcome);
    const sink = this.#sink;
    if (this.#mapping.kind !== 'subscriptions' || sink.newestDay === null)
      return { outcomes: rows, patches: [], notes: [] };
    const snap = this.#mapping.snapshotDate;
    const asOf = Math.min(
      snap ? (isoToDay(snap) ?? sink.newestDay) : sink.newestDay,
      this.#context.today,
    );
    const subs = finishSubscriptions(sink.subscriptions, asOf, this.#context.outcomeFacts);
    const all = [...rows, ...subs.outcomes];
    const outcomes = reconcileInferredRenewals(all, this.#context.outcomeFacts);
    const dropped = all.length - outcomes.length;
    return {
      outcomes,
      patches: subs.patches,
      notes: dropped > 0 ? [...subs.notes, yieldedRenewalsNote(dropped)] : subs.notes,
    };
  }

  /** Groups the series and applies the error policy. */
  finish(fileNotes: string[] = []): PreparedImport {
    const m = this.#mapping;
    // Event logs aggregate same-day rows by design; elsewhere a repeat is a duplicate to report.
    const report =
      m.kind === 'events'
        ? undefined
        : (kept: number, dropped: number, accountId: string, metric: string, day: number) => {
            const how =
              m.duplicatePolicy === 'sum'
                ? `summed with row ${kept}`
                : `replaced by row ${kept}; the last row wins`;
            this.#notices.push({
              row: dropped,
              column: metric,
              value: dayToIso(day),
              reason: `repeats (${accountId}, ${dayToIso(day)}, ${metric}): ${how}`,
              code: 'duplicate',
            });
          };
    const series = this.#sink.observations.finish(this.#collapseOf(), report);
    const errors = [...this.#fileErrors, ...(this.#mapper?.issues.list ?? [])];
    const fileFailed = this.#fileErrors.length > 0;
    const rejected =
      fileFailed || (errors.length > 0 && (this.#context.errorPolicy ?? 'reject') === 'reject');
    const accounts: Account[] = [
      ...this.#sink.createdAccounts.values(),
      ...this.#sink.accounts.values(),
    ];
    this.#notices.sort((a, b) => a.row - b.row);
    const { outcomes, patches, notes } = this.#outcomes();
    const withdrawn = renewalsToWithdraw(this.#context.outcomeFacts, outcomes);
    const churnLog = m.kind === 'outcomes' && m.constantOutcome === 'churned';
    return {
      status: rejected ? 'rejected' : 'ready',
      fileName: this.#context.fileName,
      kind: m.kind,
      rows: this.#rows,
      skippedRows: rejected ? this.#rows : this.#skipped,
      mapping: m,
      accounts: rejected ? [] : accounts,
      series: rejected ? [] : series,
      outcomes: rejected ? [] : outcomes,
      accountPatches: rejected ? [] : patches,
      withdrawnOutcomes: rejected ? [] : withdrawn,
      outcomeNotes: rejected
        ? []
        : [
            ...notes,
            ...outcomeBalanceNotes(
              outcomes,
              withdrawn.length,
              this.#context.outcomeFacts,
              churnLog,
            ),
          ],
      duplicatePolicy: m.duplicatePolicy,
      errors,
      notices: this.#notices,
      fileNotes,
    };
  }
}

/** Human notes about what parsing skipped or renamed. */
export function describeCsvSummary(summary: CsvStreamSummary): string[] {
  const notes: string[] = [];
  for (const r of summary.header.renamed) {
    notes.push(
      r.original === ''
        ? `Blank column names were named ${r.renamedTo.join(', ')}.`
        : `The column name "${r.original}" appears ${r.columns.length} times; the columns were named ${r.renamedTo.join(', ')}.`,
    );
  }
  if (summary.blankRows > 0) notes.push(`${summary.blankRows} blank line(s) were skipped.`);
  if (summary.footerRows > 0)
    notes.push(`${summary.footerRows} report footer line(s) (totals, copyright) were skipped.`);
  for (const w of summary.warnings) notes.push(`Row ${w.row}: ${w.message}`);
  return notes;
}

/** Streams CSV text through a mapping into a PreparedImport (cancellable, with progress). */
export async function prepareImport(
  text: string,
  mapping: ImportMapping,
  context: ImportContext,
  options: CsvParseOptions = {},
): Promise<PreparedImport> {
  const builder = new ImportBuilder(mapping, context);
  const summary = await streamCsv(
    text,
    (h: CsvHeader) => builder.onHeader(h.names),
    (rows, numbers) => builder.addRows(rows, numbers),
    options,
  );
  return builder.finish(describeCsvSummary(summary));
}

/** Applies a mapping to an already parsed table. */
export function prepareImportFromTable(
  table: CsvTable,
  mapping: ImportMapping,
  context: ImportContext,
): PreparedImport {
  const builder = new ImportBuilder(mapping, context);
  builder.onHeader(table.headers);
  builder.addRows(table.rows, table.rowNumbers);
  return builder.finish(describeCsvSummary(table.summary));
}
