import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readCsvSync, streamCsv } from './csv-stream';
import { parseCsv } from './csv-table';
import { ImportAbortedError, ImportFileError } from './errors';
import { sniffDelimiter, sniffLineEnding } from './sniff';

function longSignals(rows: number): string {
  const lines = ['account_id,date,metric,value'];
  for (let i = 0; i < rows; i++)
    lines.push(`A${i % 50},2024-01-${String((i % 28) + 1).padStart(2, '0')},m${i % 3},${i}`);
  return lines.join('\n') + '\n';
}

describe('streamCsv', () => {
  it('reports progress as a rising fraction ending at 1', async () => {
    const fractions: number[] = [];
    await streamCsv(
      longSignals(2000),
      () => {},
      () => {},
      { chunkSize: 4096, onProgress: (f) => fractions.push(f) },
    );
    expect(fractions.length).toBeGreaterThan(5);
    expect(fractions.every((f, i) => i === 0 || f > fractions[i - 1])).toBe(true);
    expect(fractions.at(-1)).toBe(1);
  });

  it('stops with ImportAbortedError when the signal fires between chunks', async () => {
    const controller = new AbortController();
    let rowsSeen = 0;
    const run = streamCsv(
      longSignals(5000),
      () => {},
      (rows) => {
        rowsSeen += rows.length;
        if (rowsSeen > 1000) controller.abort();
      },
      { chunkSize: 4096, signal: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(ImportAbortedError);
    expect(rowsSeen).toBeLessThan(5000);
  });

  it('refuses to start on an already aborted signal', async () => {
    await expect(
      streamCsv(
        'a\n1\n',
        () => {},
        () => {},
        { signal: AbortSignal.abort() },
      ),
    ).rejects.toBeInstanceOf(ImportAbortedError);
  });

  it('explains empty and header-only files', async () => {
    await expect(parseCsv('')).rejects.toThrow(/empty/);
    await expect(parseCsv('a,b\n')).rejects.toMatchObject({ problem: 'header-only' });
    await expect(parseCsv('a,b\n')).rejects.toBeInstanceOf(ImportFileError);
  });

  it('gives the same rows whatever the chunk size (quotes, CRLF and blanks across boundaries)', async () => {
    const cell = fc.oneof(
      fc.constantFrom('', 'x', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', ' '),
      fc.string({ maxLength: 4 }),
    );
    const quote = (c: string) =>
      /[",\r\n]/.test(c) || c.trim() !== c ? `"${c.replace(/"/g, '""')}"` : c;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.integer({ min: 1, max: 40 }),
        async (rows, eol, chunkSize) => {
          const body = rows.map((r) => ['k', ...r].map(quote).join(',')).join(eol);
          const text = `h1,h2,h3,h4${eol}${body}${eol}`;
          const whole = await parseCsv(text, { delimiter: ',' });
          const chunked = await parseCsv(text, { delimiter: ',', chunkSize });
          expect(chunked.rows).toEqual(whole.rows);
          expect([...chunked.rowNumbers]).toEqual([...whole.rowNumbers]);
          expect(whole.rows).toEqual(rows.map((r) => ['k', ...r]));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reads every row whatever mix of CRLF, LF and CR ends them; readCsvSync reads the same', async () => {
    const cell = fc.constantFrom('', 'x', 'a,b', 'say "hi"', 'two\nlines', 'cr\r\nlf', 'r\rr');
    const quote = (c: string) => (/[",\r\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c);
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.array(cell, { minLength: 2, maxLength: 2 }),
            fc.constantFrom('\n', '\r\n', '\r'),
          ),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.integer({ min: 1, max: 40 }),
        async (rows, headerEol, chunkSize) => {
          const body = rows.map(([r, eol]) => ['k', ...r].map(quote).join(',') + eol).join('');
          const text = `h1,h2,h3${headerEol}${body}`;
          const streamed = await parseCsv(text, { chunkSize });
          expect(streamed.rows).toEqual(rows.map(([r]) => ['k', ...r]));
          expect([...streamed.rowNumbers]).toEqual(rows.map((_, i) => i + 2));
          const synced: string[][] = [];
          const numbers: number[] = [];
          const summary = readCsvSync(
            text,
            () => {},
            (chunk, n) => {
              synced.push(...chunk);
              numbers.push(...n);
            },
            { chunkSize },
          );
          expect(synced).toEqual(streamed.rows);
          expect(numbers).toEqual([...streamed.rowNumbers]);
          expect(summary).toEqual(streamed.summary);
        },
      ),
      { numRuns: 80 },
    );
  });

  it('readCsvSync returns an empty or header-only file instead of refusing it', () => {
    const none = () => {};
    expect(readCsvSync(' \n', none, none).header).toBeNull();
    const headerOnly = readCsvSync('account_id,date\r\n', none, none);
    expect([headerOnly.header?.names, headerOnly.dataRows]).toEqual([['account_id', 'date'], 0]);
  });
});

describe('sniffing', () => {
  it('finds the delimiter that splits the header consistently', () => {
    expect(sniffDelimiter('a;b;c\n1,5;2,5;3\n')).toBe(';');
    expect(sniffDelimiter('a\tb\n"x,y"\t2\n')).toBe('\t');
    expect(sniffDelimiter('a|b\n1|2\n')).toBe('|');
    expect(sniffDelimiter('a,b\n"1;2",3\n')).toBe(',');
    expect(sniffDelimiter('single\nvalue\n')).toBe(',');
  });

  it('finds the line ending outside quotes', () => {
    expect(sniffLineEnding('a,"x\ny"\r\n1,2')).toBe('\r\n');
    expect(sniffLineEnding('a\rb')).toBe('\r');
    expect(sniffLineEnding('a')).toBe('\n');
  });
});
