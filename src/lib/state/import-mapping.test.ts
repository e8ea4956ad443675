import { describe, expect, it } from 'vitest';
import { isoToDay } from '../engine/dates';
import { createMapping, profileColumn, type ImportMapping } from '../import';
import {
  answerQuestion,
  answerSnapshotOutcome,
  snapshotOutcomeMeaning,
  snapshotOutcomeNote,
  snapshotOutcomeQuestion,
  changeKind,
  choiceOf,
  mappingProblems,
  openQuestions,
  roleChoices,
  roleFromChoice,
  slugOf,
} from './import-mapping';

const longMapping = (): ImportMapping =>
  createMapping({
    kind: 'signals-long',
    columns: {
      account_id: { role: 'account-id' },
      date: { role: 'date' },
      metric: { role: 'metric-name' },
      value: { role: 'value' },
    },
  });

describe('role choices', () => {
  it('offers only the roles a kind uses', () => {
    const long = roleChoices('signals-long').map((c) => c.value);
    expect(long).toEqual(['ignore', 'account-id', 'date', 'metric-name', 'value']);
    const accounts = roleChoices('accounts').map((c) => c.value);
    expect(accounts).toContain('field:arr');
    expect(accounts).not.toContain('date');
    expect(roleChoices('events', { role: 'account-lookup', lookup: 'subs' })[2]).toEqual({
      value: 'account-lookup',
      label: 'Account via subs',
    });
  });

  it('round-trips a role through the menu and names metrics from headers', () => {
    const metric = roleFromChoice('metric', 'Logins Last30d', { role: 'ignore' });
    expect(metric).toEqual({ role: 'metric', metric: 'logins_last30d' });
    expect(choiceOf(metric)).toBe('metric');
    expect(slugOf('seatsUsed')).toBe('seats_used');
    expect(roleFromChoice('field:arr', 'ARR', { role: 'ignore' })).toEqual({
      role: 'field',
      field: 'arr',
    });
    // Choosing the same entry keeps the details the user set.
    const kept = { role: 'metric' as const, metric: 'custom', decimal: ',' as const };
    expect(roleFromChoice('metric', 'x', kept)).toBe(kept);
  });

  it('maps outcome cells from the column samples', () => {
    const profile = profileColumn('Churn', 3, ['Yes', 'No', 'No']);
    expect(roleFromChoice('outcome', 'Churn', { role: 'ignore' }, profile)).toEqual({
      role: 'outcome',
      values: { yes: 'churned', no: 'renewed' },
    });
  });
});

describe('changing the kind', () => {
  it('drops roles the new kind does not use and sets the event count', () => {
    const events = changeKind(longMapping(), 'events');
    expect(events.columns.metric).toEqual({ role: 'ignore' });
    expect(events.columns.date).toEqual({ role: 'date' });
    expect(events.eventCountMetric).toBe('events');
    expect(mappingProblems(events)).toEqual([]);
  });
});

describe('questions', () => {
  const dateQuestion = {
    kind: 'date-order' as const,
    column: 'date',
    examples: ['03/04/2024'],
    message: '?',
  };
  const decimalQuestion = {
    kind: 'decimal-separator' as const,
    column: 'value',
    example: '1,234',
    message: '?',
  };

  it('asks only about columns the mapping reads without a format, until answered', () => {
    const m = longMapping();
    expect(openQuestions([dateQuestion, decimalQuestion], m)).toHaveLength(2);
    const answered = answerQuestion(answerQuestion(m, dateQuestion, 'dmy'), decimalQuestion, ',');
    expect(answered.columns.date).toEqual({ role: 'date', format: 'dmy' });
    expect(answered.columns.value).toEqual({ role: 'value', decimal: ',' });
    expect(openQuestions([dateQuestion, decimalQuestion], answered)).toEqual([]);
    const ignored = { ...m, columns: { ...m.columns, value: { role: 'ignore' as const } } };
    expect(openQuestions([decimalQuestion], ignored)).toEqual([]);
  });
});

describe('mapping problems', () => {
  it('explains what a kind still needs', () => {
    const m = { ...longMapping(), columns: { account_id: { role: 'account-id' as const } } };
    expect(mappingProblems(m)).toEqual([
      'a date column is required',
      'long signals need a metric-name column and a value column',
    ]);
  });
});

describe('the snapshot outcome question', () => {
  const telcoLike = (): ImportMapping =>
    createMapping({
      kind: 'snapshot',
      snapshotDate: '2024-06-30',
      columns: {
        customerID: { role: 'account-id' },
        tenure: { role: 'metric', metric: 'tenure' },
        Churn: { role: 'outcome', values: { yes: 'churned', no: 'renewed' } },
      },
    });
  const churnProfile = profileColumn('Churn', 2, ['No', 'Yes', 'No']);

  it('is asked for a snapshot with an outcome column, in the file’s own words', () => {
    const q = snapshotOutcomeQuestion(telcoLike(), [churnProfile]);
    expect(q).toEqual({ column: 'Churn', churnValues: ['Yes'], days: null, observedDay: null });
    expect(snapshotOutcomeMeaning(q!)).toBe('“Churn” = Yes means the customer left');
    // Not asked of other kinds, nor of a snapshot without outcomes.
    expect(snapshotOutcomeQuestion(longMapping())).toBeNull();
    const noOutcome = telcoLike();
    delete noOutcome.columns.Churn;
    expect(snapshotOutcomeQuestion(noOutcome)).toBeNull();
  });

  it('records the answer: by the snapshot date (0) or within N days, dated accordingly', () => {
    const same = answerSnapshotOutcome(telcoLike(), 0);
    expect(same.snapshotOutcomeDays).toBe(0);
    expect(snapshotOutcomeQuestion(same)!.observedDay).toBe(isoToDay('2024-06-30'));
    expect(snapshotOutcomeNote(same)).toBe(
      'The outcomes are dated on the snapshot date: only a same-day backtest (horizon 0) is possible.',
    );
    const later = answerSnapshotOutcome(telcoLike(), 90);
    expect(snapshotOutcomeQuestion(later)!.observedDay).toBe(isoToDay('2024-09-28'));
    expect(snapshotOutcomeNote(later)).toBe(
      'The outcomes are dated 90 days after the snapshot: a backtest can look up to 90 days ahead.',
    );
    // Out of range or not whole: left unanswered, so the import still asks.
    for (const bad of [-1, 2.5, 4000])
      expect(answerSnapshotOutcome(later, bad).snapshotOutcomeDays).toBeNull();
    expect(snapshotOutcomeNote(telcoLike())).toBeNull();
    expect(mappingProblems(later)).toEqual([]);
  });
});

describe('subscriptions files', () => {
  const subs = (): ImportMapping =>
    createMapping({
      kind: 'subscriptions',
      columns: {
        account_id: { role: 'account-id' },
        start: { role: 'date', format: 'ymd' },
        ends: { role: 'end-date' },
        mrr: { role: 'amount', per: 'month' },
      },
    });

  it('offers start and end dates, an amount per year or month, and metrics', () => {
    expect(roleChoices('subscriptions').map((c) => c.value)).toEqual([
      'ignore',
      'account-id',
      'date',
      'end-date',
      'amount:year',
      'amount:month',
      'metric',
    ]);
    expect(choiceOf({ role: 'amount', per: 'month' })).toBe('amount:month');
    expect(roleFromChoice('amount:year', 'ARR', { role: 'ignore' })).toEqual({
      role: 'amount',
      per: 'year',
    });
    const ends = profileColumn('ends', 2, ['2024-03-01', '']);
    expect(roleFromChoice('end-date', 'ends', { role: 'ignore' }, ends)).toEqual({
      role: 'end-date',
      format: 'ymd',
    });
  });

  it('needs a start date and an amount; end dates and amounts belong to subscriptions only', () => {
    expect(mappingProblems(subs())).toEqual([]);
    const noAmount = {
      ...subs(),
      columns: { ...subs().columns, mrr: { role: 'ignore' as const } },
    };
    expect(mappingProblems(noAmount)).toEqual([
      'subscriptions need a start date column and an amount column',
    ]);
    expect(changeKind(subs(), 'signals-wide').columns).toMatchObject({
      ends: { role: 'ignore' },
      mrr: { role: 'ignore' },
    });
  });

  it('asks the day/month order of an end date and the decimal mark of an amount', () => {
    const questions = [
      { kind: 'date-order' as const, column: 'ends', examples: ['03/04/2024'], message: '' },
      { kind: 'decimal-separator' as const, column: 'mrr', example: '1,250', message: '' },
    ];
    expect(openQuestions(questions, subs()).map((q) => q.column)).toEqual(['ends', 'mrr']);
    const answered = answerQuestion(answerQuestion(subs(), questions[0], 'dmy'), questions[1], ',');
    expect(answered.columns.ends).toEqual({ role: 'end-date', format: 'dmy' });
    expect(answered.columns.mrr).toEqual({ role: 'amount', per: 'month', decimal: ',' });
    expect(openQuestions(questions, answered)).toEqual([]);
  });
});
