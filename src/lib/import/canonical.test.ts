import { describe, expect, it } from 'vitest';
import { ymdToDay } from '../engine/dates';
import { generateDemoBook } from '../engine/demo';
import type { Book } from '../engine/types';
import {
  formatCanonicalError,
  formatCsv,
  readCanonicalBook,
  writeCanonicalBook,
  type CanonicalError,
} from './canonical';

const ACCOUNTS = 'account_id,name,segment,arr\nA1,Acme,SMB,1200\nA2,Beta,Enterprise,\n';

function read(files: Record<string, string>) {
  return readCanonicalBook(Object.entries(files).map(([name, text]) => ({ name, text })));
}

function readOk(files: Record<string, string>): Book {
  const r = read(files);
  if (!r.ok) throw new Error(formatCanonicalError(r.error));
  return r.book;
}

function readError(files: Record<string, string>): CanonicalError {
  const r = read(files);
  if (r.ok) throw new Error('expected an error');
  return r.error;
}

describe('canonical round trip', () => {
  it('reads back exactly the demo book it wrote', () => {
    const book = generateDemoBook({ endDay: ymdToDay(2026, 11, 23), accounts: 60 });
    expect(book.pulses.length).toBeGreaterThan(0);
    expect(book.overrides.length).toBeGreaterThan(0);
    const files = writeCanonicalBook(book);
    expect(files.map((f) => f.name)).toEqual([
      'accounts.csv',
      'signals.csv',
      'outcomes.csv',
      'pulses.csv',
      'overrides.csv',
    ]);
    const r = readCanonicalBook(files);
    expect(r.ok && r.book).toEqual(book);
  });

  it('keeps typed attributes, awkward text and negative numbers through a round trip', () => {
    const book: Book = {
      accounts: [
        {
          id: 'A1',
          name: '=HYPERLINK("x")',
          segment: 'SMB, "small"',
          arr: -1500.25,
          seats: null,
          contractStart: ymdToDay(2024, 2, 29),
          renewalDate: null,
          owner: '-Ann',
          attributes: { industry: 'Retail\nand more', score: -3, vip: true, note: null },
        },
      ],
      series: [
        {
          accountId: 'A1',
          metric: 'balance',
          days: Int32Array.from([10, 20]),
          values: Float64Array.from([-5, 0.1]),
        },
      ],
      outcomes: [
        { accountId: 'A1', day: 30, outcome: 'churned', reason: '@risk', avoidable: false },
      ],
      pulses: [],
      overrides: [],
    };
    const files = writeCanonicalBook(book);
    const accounts = files[0].text;
    expect(accounts).toContain(`"'=HYPERLINK(""x"")"`);
    expect(accounts).toContain(',-1500.25,');
    expect(files[1].text).toContain(',balance,-5\n');
    expect(readOk(Object.fromEntries(files.map((f) => [f.name, f.text])))).toEqual(book);
  });
});

describe('formatCsv', () => {
  it('neutralises formula text but leaves numbers alone', () => {
    expect(formatCsv([['=1+2', '+x', '-y', '@z', '\tt', 'ok', -3, 4.5, true, null]])).toBe(
      `'=1+2,'+x,'-y,'@z,'\tt,ok,-3,4.5,true,\n`,
    );
    expect(formatCsv([['\rcr']])).toBe(`"'\rcr"\n`);
  });

  it('quotes commas, quotes and line breaks', () => {
    expect(formatCsv([['a,b', 'say "hi"', 'two\nlines', ' pad']])).toBe(
      `"a,b","say ""hi""","two\nlines"," pad"\n`,
    );
  });
});

describe('reading canonical files', () => {
  it('matches headers case-insensitively, trimmed and NFC, and ignores a BOM', () => {
    const cafe = 'Cafe\u0301'; // "Café" decomposed
    const book = readOk({
      'ACCOUNTS.CSV': `\uFEFF Account_ID ,NAME,${cafe}\nA1,Acme,yes\n`,
      'signals.csv': 'account_id,Date,METRIC,Value\nA1,2026-01-05,logins,3\n',
    });
    expect(book.accounts[0].name).toBe('Acme');
    expect(book.accounts[0].attributes).toEqual({ ['Caf\u00e9']: 'yes' });
    expect(Array.from(book.series[0].values)).toEqual([3]);
  });

  it('types extra account columns per column and keeps empty cells missing', () => {
    const book = readOk({
      'accounts.csv':
        'account_id,employees,active,region,code\nA1,120,true,EMEA,1\nA2,,FALSE,,x1\n',
    });
    expect(book.accounts.map((a) => a.attributes)).toEqual([
      { employees: 120, active: true, region: 'EMEA', code: '1' },
      { employees: null, active: false, region: null, code: 'x1' },
    ]);
    expect(book.accounts[0].arr).toBeNull();
    expect(book.accounts[0].name).toBe('A1');
  });

  it('groups long signals into sorted columnar series and drops empty values', () => {
    const book = readOk({
      'accounts.csv': ACCOUNTS,
      'signals.csv':
        'account_id,date,metric,value\nA1,2026-01-12,logins,5\nA2,2026-01-05,logins,1\nA1,2026-01-05,logins,4\nA1,2026-01-19,logins,\n',
    });
    expect(book.series.map((s) => [s.accountId, Array.from(s.days), Array.from(s.values)])).toEqual(
      [
        ['A1', [ymdToDay(2026, 1, 5), ymdToDay(2026, 1, 12)], [4, 5]],
        ['A2', [ymdToDay(2026, 1, 5)], [1]],
      ],
    );
    expect(book.series[0].days).toBeInstanceOf(Int32Array);
  });

  it('reads wide signals, one metric per column', () => {
    const book = readOk({
      'accounts.csv': ACCOUNTS,
      'signals.csv': 'account_id,date,logins,tickets\nA1,2026-01-05,4,\nA1,2026-01-12,6,2\n',
    });
    expect(book.series.map((s) => [s.metric, Array.from(s.values)])).toEqual([
      ['logins', [4, 6]],
      ['tickets', [2]],
    ]);
  });

  it('reads outcomes, pulses and overrides', () => {
    const book = readOk({
      'accounts.csv': ACCOUNTS,
      'outcomes.csv':
        'account_id,date,outcome,reason,avoidable\nA1,2026-03-01,Churned,Price,TRUE\nA2,2026-03-01,renewed,,\n',
      'pulses.csv': 'account_id,date,value,reason\nA1,2026-02-01,amber,Quiet\nA2,2026-02-01,4.5,\n',
      'overrides.csv':
        'account_id,date,band,reason,expires\nA1,2026-02-01,red,Exec left,2026-03-01\n',
    });
    expect(book.outcomes.map((o) => [o.outcome, o.reason, o.avoidable])).toEqual([
      ['churned', 'Price', true],
      ['renewed', null, null],
    ]);
    expect(book.pulses.map((p) => p.value)).toEqual([3, 4.5]);
    expect(book.overrides[0]).toMatchObject({ band: 'red', expiresDay: ymdToDay(2026, 3, 1) });
  });
});

describe('reading canonical files as the Import page reads them', () => {
  it('sniffs tabs and semicolons and reads decimal commas decided by the whole column', () => {
    const book = readOk({
      'accounts.txt': 'account_id\tname\tarr\nA1\tAcme, Inc\t1200\nA2\tBeta\t\n',
      'signals.csv':
        'account_id;date;metric;value\r\nA1;2026-01-05;csat;4,5\r\nA1;2026-01-12;csat;"1.234,5"\r\nA2;2026-01-05;csat;3\r\n',
    });
    expect(book.accounts.map((a) => [a.name, a.arr])).toEqual([
      ['Acme, Inc', 1200],
      ['Beta', null],
    ]);
    expect(book.series.map((s) => Array.from(s.values))).toEqual([[4.5, 1234.5], [3]]);
  });

  it('keeps the calendar date of ISO datetimes as written and decides day/month order per column', () => {
    const book = readOk({
      'accounts.csv': 'account_id,renewal_date\nA1,31/12/2026\nA2,05/01/2027\n',
      'signals.csv':
        'account_id,date,metric,value\nA1,2026-01-05T23:30:00-05:00,logins,3\nA1,2026-01-06 00:15:00Z,logins,4\nA1,2026-01-07T08:00:00.123+0900,logins,5\n',
      'outcomes.csv':
        'account_id,date,outcome,avoidable\nA1,2026-03-01,churned,No\nA2,2026-03-01,renewed,\n',
    });
    expect(Array.from(book.series[0].days)).toEqual([
      ymdToDay(2026, 1, 5),
      ymdToDay(2026, 1, 6),
      ymdToDay(2026, 1, 7),
    ]);
    // "31/12/2026" proves the column is day first, so "05/01/2027" is 5 January.
    expect(book.accounts.map((a) => a.renewalDate)).toEqual([
      ymdToDay(2026, 12, 31),
      ymdToDay(2027, 1, 5),
    ]);
    expect(book.outcomes.map((o) => o.avoidable)).toEqual([false, null]);
  });

  it('settles a day/month order no value settles with the date order option', () => {
    const files = [
      { name: 'accounts.csv', text: ACCOUNTS },
      { name: 'outcomes.csv', text: 'account_id,date,outcome\nA1,05/01/2026,churned\n' },
    ];
    const day = (dateOrder: 'dmy' | 'mdy') => {
      const r = readCanonicalBook(files, { dateOrder });
      return r.ok ? r.book.outcomes[0].day : r.error.message;
    };
    expect([day('dmy'), day('mdy')]).toEqual([ymdToDay(2026, 1, 5), ymdToDay(2026, 5, 1)]);
  });

  it('refuses two files standing for the same canonical file', () => {
    expect(readError({ 'accounts.csv': ACCOUNTS, 'Accounts.txt': ACCOUNTS }).message).toBe(
      'accounts.csv and Accounts.txt are both accounts.csv; keep one',
    );
  });
});

describe('canonical file errors', () => {
  it('refuses a column no value settles, naming the file, row, column and option', () => {
    const e = readError({
      'accounts.csv': ACCOUNTS,
      'signals.csv':
        'account_id,date,metric,value\nA1,2026-01-05,logins,3\nA1,2026-01-12,logins,"1,234"\n',
    });
    expect(e).toMatchObject({ file: 'signals.csv', row: 3, column: 'value' });
    expect(formatCanonicalError(e)).toBe(
      'signals.csv, column "value": "1,234" reads as 1234 with --decimal point or as 1.234 with --decimal comma, and no other value in the column settles which (row 3, counting the header as row 1)',
    );
    const files = {
      'accounts.csv': ACCOUNTS,
      'signals.csv': 'account_id,date,metric,value\nA1,2026-01-05,logins,"1,234"\n',
    };
    const values = (decimal: ',' | '.') => {
      const r = readCanonicalBook(
        Object.entries(files).map(([name, text]) => ({ name, text })),
        { decimal },
      );
      return r.ok ? Array.from(r.book.series[0].values) : r.error.message;
    };
    expect([values('.'), values(',')]).toEqual([[1234], [1.234]]);
  });

  it('refuses a column mixing decimal points and commas, and a cell that is no number', () => {
    const mixed = readError({
      'accounts.csv': 'account_id,arr\nA1,"1,5"\nA2,2.5\n',
    });
    expect(mixed).toMatchObject({ row: 3, column: 'arr' });
    expect(mixed.message).toMatch(
      /decimal point \("2\.5", row 3\) and a decimal comma \("1,5", row 2\); say which .*--decimal/,
    );
    const e = readError({
      'accounts.csv': ACCOUNTS,
      'signals.csv':
        'account_id,date,metric,value\nA1,2026-01-05,logins,"3,5"\nA1,2026-01-12,logins,lots\n',
    });
    expect(formatCanonicalError(e)).toBe(
      'signals.csv, column "value": "lots" is not a number (row 3, counting the header as row 1)',
    );
  });

  it('names both rows of a duplicate observation', () => {
    const e = readError({
      'accounts.csv': ACCOUNTS,
      'signals.csv':
        'account_id,date,metric,value\nA1,2026-01-05,logins,3\nA1,2026-01-12,logins,4\nA1,2026-01-05,logins,5\n',
    });
    expect(e).toMatchObject({ file: 'signals.csv', row: 4 });
    expect(e.message).toMatch(/row 2/);
  });

  it('rejects unknown accounts, bad dates, bad enumerations and missing columns', () => {
    const cases: [Record<string, string>, Partial<CanonicalError>, RegExp][] = [
      [
        {
          'accounts.csv': ACCOUNTS,
          'signals.csv': 'account_id,date,metric,value\nZ9,2026-01-05,x,1\n',
        },
        { row: 2, column: 'account_id' },
        /"Z9" is not in accounts.csv/,
      ],
      [
        {
          'accounts.csv': ACCOUNTS,
          'outcomes.csv': 'account_id,date,outcome\nA1,05/01/2026,churned\n',
        },
        { row: 2, column: 'date' },
        /"05\/01\/2026" can be day first or month first .*--date-order dmy .*--date-order mdy/,
      ],
      [
        {
          'accounts.csv': ACCOUNTS,
          'outcomes.csv': 'account_id,date,outcome\nA1,2026-02-30,churned\n',
        },
        { row: 2, column: 'date' },
        /"2026-02-30" is not a date/,
      ],
      [
        {
          'accounts.csv': ACCOUNTS,
          'outcomes.csv': 'account_id,date,outcome\nA1,2026-01-05,lost\n',
        },
        { column: 'outcome' },
        /not one of renewed/,
      ],
      [
        {
          'accounts.csv': ACCOUNTS,
          'outcomes.csv': 'account_id,date,outcome,avoidable\nA1,2026-01-05,churned,maybe\n',
        },
        { column: 'avoidable' },
        /not true, false/,
      ],
      [
        { 'accounts.csv': ACCOUNTS, 'outcomes.csv': 'account_id,date\nA1,2026-01-05\n' },
        { row: 1, column: 'outcome' },
        /required column "outcome"/,
      ],
      [{ 'accounts.csv': 'name\nAcme\n' }, { row: 1, column: 'account_id' }, /required column/],
      [
        { 'accounts.csv': 'account_id,arr\nA1,12k\n' },
        { row: 2, column: 'arr' },
        /"12k" is not a number/,
      ],
      [{ 'accounts.csv': 'account_id\nA1\nA1\n' }, { row: 3 }, /already used on row 2/],
      [{ 'accounts.csv': 'account_id,name\nA1\n' }, { row: 2 }, /1 cells but the header has 2/],
      [{ 'accounts.csv': 'account_id,Name,NAME\nA1,x,y\n' }, { row: 1 }, /appears twice/],
      [
        { 'accounts.csv': ACCOUNTS, 'pulses.csv': 'account_id,date,value\nA1,2026-01-05,7\n' },
        { column: 'value' },
        /must be 1–5/,
      ],
      [
        {
          'accounts.csv': ACCOUNTS,
          'overrides.csv': 'account_id,date,band,reason,expires\nA1,2026-01-05,red,,2026-02-01\n',
        },
        { column: 'reason' },
        /empty but required/,
      ],
      [
        {
          'accounts.csv': ACCOUNTS,
          'overrides.csv': 'account_id,date,band,reason,expires\nA1,2026-01-05,red,x,2026-01-01\n',
        },
        { column: 'expires' },
        /expires on or before/,
      ],
      [
        { 'signals.csv': 'account_id,date,metric,value\n' },
        { file: 'accounts.csv' },
        /accounts.csv is missing/,
      ],
      [{ 'accounts.csv': '' }, { row: 1 }, /empty/],
    ];
    for (const [files, where, message] of cases) {
      const e = readError(files);
      expect(e, JSON.stringify(files)).toMatchObject(where);
      expect(e.message).toMatch(message);
    }
  });

  it('treats an empty value as missing, never as 0', () => {
    const book = readOk({
      'accounts.csv': 'account_id,arr,seats\nA1,,\n',
      'signals.csv': 'account_id,date,metric,value\nA1,2026-01-05,logins,\n',
    });
    expect([book.accounts[0].arr, book.accounts[0].seats, book.series.length]).toEqual([
      null,
      null,
      0,
    ]);
  });
});
