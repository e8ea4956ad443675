import { beforeEach, describe, expect, it } from 'vitest';
import { MemoryBook, seriesOf } from '../../../../tests/fixtures/vendors/book';
import { readDurationHours } from './units';

let book: MemoryBook;
beforeEach(async () => {
  book = new MemoryBook();
  await book.import('hubspot-companies.csv');
});

describe('Zendesk tickets', () => {
  it('counts tickets per account and day, with real units and later facts on the solved day', async () => {
    const r = await book.import('zendesk-tickets.csv');
    expect(book.last!.match.preset.id).toBe('zendesk-tickets');
    expect(
      book.last!.resolution.matched.map((m) => [m.key.sourceId, m.accountId, m.method]),
    ).toEqual([
      ['org:Acme Corp', 'hubspot-1001', 'domain'],
      ['domain:globex.de', 'hubspot-1002', 'domain'],
      ['org:Initech', 'hubspot-1003', 'domain'],
    ]);
    // The gmail requester without an organisation names no customer: listed, never guessed.
    expect(book.last!.resolution.keylessRows).toEqual([5]);
    expect(r.prepared.notices).toEqual([expect.objectContaining({ row: 5 })]);
    expect(seriesOf(r, 'hubspot-1001', 'tickets')).toEqual({ '2025-05-02': 2 });
    expect(seriesOf(r, 'hubspot-1001', 'first_reply_minutes')).toEqual({ '2025-05-02': 60 });
    // "Full resolution time in minutes" 1500 and 5760 → 25 h and 96 h.
    expect(seriesOf(r, 'hubspot-1001', 'resolution_hours')).toEqual({
      '2025-05-03': 25,
      '2025-05-06': 96,
    });
    expect(seriesOf(r, 'hubspot-1001', 'tickets_bad_csat')).toEqual({
      '2025-05-03': 0,
      '2025-05-06': 1,
    });
    expect(seriesOf(r, 'hubspot-1001', 'ticket_reopens')).toEqual({
      '2025-05-03': 0,
      '2025-05-06': 1,
    });
    expect(seriesOf(r, 'hubspot-1003', 'resolution_hours')).toEqual({});
    expect(seriesOf(r, 'hubspot-1003', 'tickets_bad_csat')).toEqual({ '2025-06-02': 0 });
    expect(r.prepared.errors).toEqual([]);
  });
});

describe('Freshdesk tickets', () => {
  it('reads (in hrs) values written as HH:MM:SS', async () => {
    const r = await book.import('freshdesk-tickets.csv');
    expect(book.last!.match.preset.id).toBe('freshdesk-tickets');
    expect(seriesOf(r, 'hubspot-1001', 'first_reply_minutes')).toEqual({ '2025-05-10': 90 });
    expect(seriesOf(r, 'hubspot-1001', 'resolution_hours')).toEqual({ '2025-05-11': 25.5 });
    expect(seriesOf(r, 'hubspot-1001', 'tickets_bad_csat')).toEqual({ '2025-05-11': 1 });
    expect(seriesOf(r, 'hubspot-1002', 'resolution_hours')).toEqual({ '2025-05-12': 2.25 });
    expect(seriesOf(r, 'hubspot-1003', 'tickets')).toEqual({ '2025-06-02': 1 });
  });

  it('reads the `Created time` spelling and decimal hours', async () => {
    const r = await book.import('freshdesk-tickets-created-time.csv');
    expect(book.last!.match.complete).toBe(true);
    expect(seriesOf(r, 'hubspot-1001', 'tickets')).toEqual({ '2025-05-20': 2 });
    expect(seriesOf(r, 'hubspot-1001', 'first_reply_minutes')).toEqual({ '2025-05-20': 52.5 });
    expect(seriesOf(r, 'hubspot-1001', 'resolution_hours')).toEqual({
      '2025-05-20': 3,
      '2025-05-21': 24,
    });
    expect(seriesOf(r, 'hubspot-1001', 'tickets_bad_csat')).toEqual({
      '2025-05-20': 0,
      '2025-05-21': 1,
    });
  });
});

describe('durations', () => {
  it('reads clock text and decimals in the column unit', () => {
    expect(readDurationHours('01:30:00', 'hours')).toBe(1.5);
    expect(readDurationHours('25:30', 'hours')).toBe(25.5);
    expect(readDurationHours('2.25', 'hours')).toBe(2.25);
    expect(readDurationHours('90', 'minutes')).toBe(1.5);
    expect(readDurationHours('', 'hours')).toBeNull();
    expect(readDurationHours('soon', 'hours')).toBeUndefined();
  });
});
