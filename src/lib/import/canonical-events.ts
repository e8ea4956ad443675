// Reads the dated per-account files: outcomes.csv, and the manual inputs pulses.csv and
// overrides.csv. Every row must name a known account; enumerations are checked, not guessed.
import type { Band, BandOverride, Outcome, OutcomeKind, Pulse } from '../engine/types';
import { parseBoolean } from './booleans';
import { readDate, readNumber } from './canonical-cells';
import { fail, readRequired, readText, requireColumn, type CsvTable } from './canonical-csv';

const OUTCOMES: readonly OutcomeKind[] = ['renewed', 'churned', 'expanded', 'contracted'];
const BANDS: readonly Band[] = ['red', 'amber', 'green'];
const PULSE_WORDS: Record<string, number> = { red: 1, amber: 3, green: 5 };
const isPulseWord = (raw: string) => Object.hasOwn(PULSE_WORDS, raw.toLowerCase());

function account(t: CsvTable, r: number, col: number, known: ReadonlySet<string>): string {
  const id = readRequired(t, r, col);
  if (!known.has(id)) {
    fail(t.file, t.rowNumbers[r], t.header[col], `account_id "${id}" is not in accounts.csv`);
  }
  return id;
}

function requiredDate(t: CsvTable, r: number, col: number): number {
  const day = readDate(t, r, col);
  if (day === null) fail(t.file, t.rowNumbers[r], t.header[col], 'is empty but required');
  return day;
}

/** Reads outcomes.csv: account_id,date,outcome[,reason][,avoidable]. */
export function readOutcomes(t: CsvTable, known: ReadonlySet<string>): Outcome[] {
  const idCol = requireColumn(t, 'account_id');
  const dateCol = requireColumn(t, 'date');
  const outcomeCol = requireColumn(t, 'outcome');
  const reasonCol = t.columns.get('reason');
  const avoidCol = t.columns.get('avoidable');
  const out: Outcome[] = [];
  for (let r = 0; r < t.rows.length; r++) {
    const accountId = account(t, r, idCol, known);
    const day = requiredDate(t, r, dateCol);
    const word = readRequired(t, r, outcomeCol).toLowerCase() as OutcomeKind;
    if (!OUTCOMES.includes(word)) {
      fail(
        t.file,
        t.rowNumbers[r],
        t.header[outcomeCol],
        `"${t.rows[r][outcomeCol].trim()}" is not one of ${OUTCOMES.join(', ')}`,
      );
    }
    const a = avoidCol === undefined ? '' : t.rows[r][avoidCol];
    const avoidable = parseBoolean(a);
    if (avoidable === undefined) {
      fail(
        t.file,
        t.rowNumbers[r],
        t.header[avoidCol!],
        `"${a.trim()}" is not true, false (or yes, no, 1, 0) or empty`,
      );
    }
    out.push({ accountId, day, outcome: word, reason: readText(t, r, reasonCol), avoidable });
  }
  return out;
}

/** Reads pulses.csv: account_id,date,value[,reason]; value 1–5 or red/amber/green (1/3/5). */
export function readPulses(t: CsvTable, known: ReadonlySet<string>): Pulse[] {
  const idCol = requireColumn(t, 'account_id');
  const dateCol = requireColumn(t, 'date');
  const valueCol = requireColumn(t, 'value');
  const reasonCol = t.columns.get('reason');
  const out: Pulse[] = [];
  for (let r = 0; r < t.rows.length; r++) {
    const accountId = account(t, r, idCol, known);
    const day = requiredDate(t, r, dateCol);
    const word = t.rows[r][valueCol].trim().toLowerCase();
    const value = isPulseWord(word) ? PULSE_WORDS[word] : readNumber(t, r, valueCol, isPulseWord);
    if (value === null || value < 1 || value > 5) {
      fail(
        t.file,
        t.rowNumbers[r],
        t.header[valueCol],
        `pulse "${t.rows[r][valueCol].trim()}" must be 1–5 or red, amber, green`,
      );
    }
    out.push({ accountId, day, value, reason: readText(t, r, reasonCol) });
  }
  return out;
}

/** Reads overrides.csv: account_id,date,band,reason,expires (reason and expiry required). */
export function readOverrides(t: CsvTable, known: ReadonlySet<string>): BandOverride[] {
  const idCol = requireColumn(t, 'account_id');
  const dateCol = requireColumn(t, 'date');
  const bandCol = requireColumn(t, 'band');
  const reasonCol = requireColumn(t, 'reason');
  const expiresCol = requireColumn(t, 'expires');
  const out: BandOverride[] = [];
  for (let r = 0; r < t.rows.length; r++) {
    const accountId = account(t, r, idCol, known);
    const day = requiredDate(t, r, dateCol);
    const band = readRequired(t, r, bandCol).toLowerCase() as Band;
    if (!BANDS.includes(band)) {
      fail(
        t.file,
        t.rowNumbers[r],
        t.header[bandCol],
        `"${t.rows[r][bandCol].trim()}" is not one of red, amber, green`,
      );
    }
    const reason = readRequired(t, r, reasonCol);
    const expiresDay = requiredDate(t, r, expiresCol);
    if (expiresDay <= day) {
      fail(
        t.file,
        t.rowNumbers[r],
        t.header[expiresCol],
        'the override expires on or before it starts',
      );
    }
    out.push({ accountId, day, band, reason, expiresDay });
  }
  return out;
}
