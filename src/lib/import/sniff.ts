// Guessing the dialect of a CSV from its first lines: delimiter and line ending.
import Papa from 'papaparse';

/** Delimiters seen in real exports. */
export type Delimiter = ',' | ';' | '\t' | '|';
/** Line endings papaparse understands. */
export type LineEnding = '\n' | '\r\n' | '\r';

const DELIMITERS: readonly Delimiter[] = [',', ';', '\t', '|'];
const SAMPLE_CHARS = 65_536;
const SAMPLE_ROWS = 50;

/** The first line ending outside quotes; '\n' for single-line text. */
export function sniffLineEnding(text: string): LineEnding {
  let quoted = false;
  const n = Math.min(text.length, SAMPLE_CHARS * 4);
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 13) return text.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
    else if (!quoted && c === 10) return '\n';
  }
  return '\n';
}

/** True when every CR is followed by LF and every LF preceded by CR, anywhere in the text. */
function onlyCrlf(text: string): boolean {
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
    if (text.charCodeAt(i - 1) !== 13) return false;
  }
  for (let i = text.indexOf('\r'); i >= 0; i = text.indexOf('\r', i + 1)) {
    if (text.charCodeAt(i + 1) !== 10) return false;
  }
  return true;
}

/** True when a line end other than `first` occurs outside quotes (a file edited on two systems). */
function hasOtherLineEnd(text: string, first: LineEnding): boolean {
  // Native searches first: most files never hold a second kind of line end anywhere.
  if (first === '\n' && text.indexOf('\r') < 0) return false;
  if (first === '\r' && text.indexOf('\n') < 0) return false;
  if (first === '\r\n' && onlyCrlf(text)) return false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted || (c !== 13 && c !== 10)) continue;
    else if (c === 10) {
      if (first !== '\n') return true;
    } else if (text.charCodeAt(i + 1) === 10) {
      if (first !== '\r\n') return true;
      i++;
    } else if (first !== '\r') return true;
  }
  return false;
}

/** CSV text with one kind of line end, and that line end. */
export interface UnifiedText {
  text: string;
  newline: LineEnding;
}

/**
 * Makes every line end outside quotes the same, so a file mixing CRLF, LF and lone CR is read
 * row by row (papaparse splits on one line end only). Line breaks inside quoted fields stay as
 * written; text with one kind of line end is returned as it is.
 */
export function unifyLineEndings(text: string): UnifiedText {
  const first = sniffLineEnding(text);
  if (!hasOtherLineEnd(text, first)) return { text, newline: first };
  const parts: string[] = [];
  let quoted = false;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (!quoted && c === 13) {
      parts.push(text.slice(start, i), '\n');
      if (text.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return { text: parts.join(''), newline: '\n' };
}

function fieldCounts(sample: string, delimiter: Delimiter, newline: LineEnding): number[] {
  const parser = new Papa.Parser({ delimiter, newline, preview: SAMPLE_ROWS });
  const rows = parser.parse(sample, 0, sample.length === SAMPLE_CHARS).data as string[][];
  return rows.filter((r) => !(r.length === 1 && r[0].trim() === '')).map((r) => r.length);
}

/**
 * Picks the delimiter whose rows agree with the header row's field count most often (and
 * split it into more than one field); ties go to the one giving more fields, then to comma.
 */
export function sniffDelimiter(text: string, newline = sniffLineEnding(text)): Delimiter {
  const sample = text.slice(0, SAMPLE_CHARS);
  let best: Delimiter = ',';
  let bestScore = -1;
  let bestFields = 0;
  for (const d of DELIMITERS) {
    const counts = fieldCounts(sample, d, newline);
    if (counts.length === 0 || counts[0] < 2) continue;
    const agreeing = counts.filter((c) => c === counts[0]).length / counts.length;
    if (agreeing > bestScore || (agreeing === bestScore && counts[0] > bestFields)) {
      best = d;
      bestScore = agreeing;
      bestFields = counts[0];
    }
  }
  return best;
}
