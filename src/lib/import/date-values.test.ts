import { describe, expect, it } from 'vitest';
import { dayToIso } from '../engine/dates';
import { detectDateFormat, excelSerialToDay, parseDate, type DateFormat } from './date-values';

const iso = (raw: string, f: DateFormat) => {
  const d = parseDate(raw, f);
  return typeof d === 'number' ? dayToIso(d) : d;
};

describe('parseDate', () => {
  it.each([
    ['2024-03-05', 'ymd', '2024-03-05'],
    ['2024-3-5', 'ymd', '2024-03-05'],
    ['2024/03/05', 'ymd', '2024-03-05'],
    ['2024-03-05T23:30:00Z', 'ymd', '2024-03-05'],
    ['2024-03-05T23:30:00-05:00', 'dmy', '2024-03-05'],
    ['2024-03-05 23:30', 'mdy', '2024-03-05'],
    ['2024-03-05 11:30 PM', 'ymd', '2024-03-05'],
    ['05/03/2024', 'dmy', '2024-03-05'],
    ['05/03/2024', 'mdy', '2024-05-03'],
    ['5.3.2024', 'dmy', '2024-03-05'],
    ['03-05-24', 'mdy', '2024-03-05'],
    ['03/05/99', 'mdy', '1999-03-05'],
    ['5 Mar 2024', 'mdy', '2024-03-05'],
    ['March 5, 2024', 'dmy', '2024-03-05'],
    ['45356', 'excel', '2024-03-05'],
    ['2024-03-05', 'excel', '2024-03-05'],
  ] as const)('%s as %s → %s', (raw, f, expected) => {
    expect(iso(raw, f)).toBe(expected);
  });

  it('reads empty as null and impossible dates as undefined', () => {
    expect(parseDate(' ', 'ymd')).toBeNull();
    for (const bad of [
      '2023-02-29',
      '2024-13-01',
      '31/04/2024',
      'yesterday',
      '05/03/2024',
      'Marx 5, 2024',
    ]) {
      expect(
        parseDate(bad, bad.includes('/') && bad !== '31/04/2024' ? 'ymd' : 'dmy'),
        bad,
      ).toBeUndefined();
    }
  });

  it('handles Excel serials including the 1900 leap-year bug', () => {
    expect(dayToIso(excelSerialToDay(1)!)).toBe('1900-01-01');
    expect(dayToIso(excelSerialToDay(59)!)).toBe('1900-02-28');
    expect(excelSerialToDay(60)).toBeUndefined();
    expect(dayToIso(excelSerialToDay(61)!)).toBe('1900-03-01');
    expect(dayToIso(excelSerialToDay(25569)!)).toBe('1970-01-01');
    expect(dayToIso(excelSerialToDay(45322.75)!)).toBe('2024-01-31');
    expect(excelSerialToDay(0)).toBeUndefined();
  });
});

describe('detectDateFormat', () => {
  it('settles the order from any value that only fits one order', () => {
    expect(detectDateFormat(['01/02/2024', '13/02/2024'])).toEqual({
      status: 'decided',
      format: 'dmy',
    });
    expect(detectDateFormat(['01/02/2024', '02/13/2024'])).toEqual({
      status: 'decided',
      format: 'mdy',
    });
    expect(detectDateFormat(['2024-01-02', '', 'Jan 3, 2024'])).toEqual({
      status: 'decided',
      format: 'ymd',
    });
    expect(detectDateFormat(['01/01/2024', '02/02/2024'])).toEqual({
      status: 'decided',
      format: 'dmy',
    });
  });

  it('asks when no value settles the order', () => {
    expect(detectDateFormat(['01/02/2024', '03/04/2024', '05/05/2024'])).toEqual({
      status: 'ambiguous',
      examples: ['01/02/2024', '03/04/2024'],
    });
  });

  it('reports a column with both orders, and non-dates', () => {
    expect(detectDateFormat(['13/02/2024', '02/13/2024'])).toMatchObject({ status: 'conflict' });
    expect(detectDateFormat(['2024-01-01', 'soon'])).toEqual({
      status: 'not-dates',
      invalidCount: 1,
      example: 'soon',
    });
  });

  it('takes plausible serials as Excel dates only when allowed (a date-like header)', () => {
    expect(detectDateFormat(['45292', '45300'], true)).toEqual({
      status: 'decided',
      format: 'excel',
    });
    expect(detectDateFormat(['45292', '45300'], false).status).toBe('not-dates');
    expect(detectDateFormat(['3', '14'], true).status).toBe('not-dates');
  });
});
