// Zendesk and Freshdesk tickets → daily counts per account. Facts known when a ticket is opened
// (the ticket, its first reply) go on the creation day; facts known only later (resolution
// time, satisfaction, reopens) go on the day it was solved — or last updated — so a score on
// an earlier day never sees them.
import { columnDateFormat, compact, derivedTable } from './derive';
import { customerDomain } from './domains';
import { col, type VendorPreset, type RowCells } from './preset';
import type { RowKey } from './source-keys';
import { readDurationHours } from './units';

const BAD_CSAT = /^bad|not good|unhappy|dissatisf|poor|terrible|unsatisf/i;

function supportKey(organization: string, emails: string[]): RowKey {
  // Tools without customer ids: the organisation name, else the requester's company domain.
  let sourceId = organization === '' ? '' : `org:${organization}`;
  if (sourceId === '') {
    for (const e of emails) {
      const d = e === '' ? null : customerDomain(e);
      if (d !== null) {
        sourceId = `domain:${d}`;
        break;
      }
    }
  }
  return {
    sourceId,
    name: organization || null,
    domains: emails.filter((e) => e !== ''),
    explicitIds: [],
  };
}

function num(v: number | null | undefined, raw: string): string {
  return v === undefined ? raw : v === null ? '' : String(Math.round(v * 1000) / 1000);
}

function ticketTables(
  createdFormat: ReturnType<typeof columnDateFormat>,
  laterFormat: typeof createdFormat,
) {
  const opened = derivedTable(['Created', 'First reply minutes'], {
    kind: 'events',
    eventCountMetric: 'tickets',
    columns: {
      Created: { role: 'date', format: createdFormat },
      'First reply minutes': { role: 'metric', metric: 'first_reply_minutes', aggregate: 'mean' },
    },
  });
  const closed = derivedTable(
    ['Solved or updated', 'Resolution hours', 'Bad satisfaction', 'Reopens'],
    {
      kind: 'events',
      columns: {
        'Solved or updated': { role: 'date', format: laterFormat },
        'Resolution hours': { role: 'metric', metric: 'resolution_hours', aggregate: 'mean' },
        'Bad satisfaction': { role: 'metric', metric: 'tickets_bad_csat', aggregate: 'sum' },
        Reopens: { role: 'metric', metric: 'ticket_reopens', aggregate: 'sum' },
      },
    },
  );
  return { opened, closed };
}

function later(c: RowCells, keys: string[]): string {
  for (const k of keys) if (c.get(k) !== '') return c.get(k);
  return '';
}

/** Zendesk ticket export (optionally with a leading `Summation column`, any casing). */
export const zendeskTickets: VendorPreset = {
  id: 'zendesk-tickets',
  name: 'Zendesk tickets',
  source: 'zendesk',
  columns: [
    col('id', ['Id', 'ID', 'Ticket ID'], true),
    col('requester', ['Requester']),
    col('requesterEmail', ['Requester email']),
    col('requesterDomain', ['Requester domain']),
    col('organization', ['Organization', 'Organization name']),
    col('status', ['Status']),
    col('priority', ['Priority']),
    col('via', ['Via']),
    col('created', ['Created at'], true),
    col('updated', ['Updated at']),
    col('solved', ['Solved at']),
    col('satisfaction', ['Satisfaction Score', 'Satisfaction']),
    col('reopens', ['Reopens']),
    col('replies', ['Replies']),
    col('firstReply', ['First reply time in minutes']),
    col('fullResolution', ['Full resolution time in minutes']),
    col('resolutionHours', ['Resolution time']),
  ],
  signature: [
    'id',
    'requester',
    'requesterEmail',
    'requesterDomain',
    'organization',
    'created',
    'satisfaction',
    'reopens',
    'replies',
    'via',
  ],
  rowKey: (c) =>
    supportKey(c.get('organization'), [c.get('requesterDomain'), c.get('requesterEmail')]),
  build(input) {
    const createdFormat = columnDateFormat(input.columnValues('created'));
    const laterFormat = columnDateFormat([
      ...input.columnValues('solved'),
      ...input.columnValues('updated'),
    ]);
    const { opened, closed } = ticketTables(createdFormat, laterFormat);
    input.forEachRow((c, accountId, row) => {
      opened.push([accountId, c.get('created'), c.get('firstReply')], row);
      const when = later(c, ['solved', 'updated']);
      if (when === '') return;
      // "Full resolution time in minutes" is exact; "Resolution time" is already in hours.
      const minutes = c.get('fullResolution');
      const hours =
        minutes !== ''
          ? num(readDurationHours(minutes, 'minutes'), minutes)
          : c.get('resolutionHours');
      const bad = BAD_CSAT.test(c.get('satisfaction')) ? '1' : '0';
      closed.push(
        [accountId, when, c.get('solved') === '' ? '' : hours, bad, c.get('reopens')],
        row,
      );
    });
    return {
      imports: compact([opened.done(), closed.done()]),
      accountUpdates: [],
      notes: [
        'Tickets are counted on the day they were created; resolution, satisfaction and reopens on the day they were solved (or last updated).',
      ],
      issues: [],
    };
  },
};

/** Freshdesk ticket export (`(in hrs)` values as HH:MM:SS or decimals). */
export const freshdeskTickets: VendorPreset = {
  id: 'freshdesk-tickets',
  name: 'Freshdesk tickets',
  source: 'freshdesk',
  columns: [
    col('id', ['Ticket ID', 'Ticket Id'], true),
    col('status', ['Status']),
    col('priority', ['Priority']),
    col('source', ['Source']),
    col('created', ['Created Time', 'Created time'], true),
    col('resolved', ['Resolved time', 'Resolved Time']),
    col('closed', ['Closed Time', 'Closed time']),
    col('updated', ['Last updated time', 'Last Updated Time']),
    col('survey', ['Survey results', 'Survey Results']),
    col('firstResponse', ['First response time (in hrs)']),
    col('resolution', ['Resolution time (in hrs)']),
    col('agentInteractions', ['Agent interactions']),
    col('email', ['Email']),
    col('fullName', ['Full name']),
    col('company', ['Company Name', 'Company name']),
    col('contactId', ['Contact ID']),
  ],
  signature: [
    'id',
    'created',
    'resolved',
    'survey',
    'firstResponse',
    'resolution',
    'company',
    'email',
    'agentInteractions',
    'source',
  ],
  rowKey: (c) => supportKey(c.get('company'), [c.get('email')]),
  build(input) {
    const createdFormat = columnDateFormat(input.columnValues('created'));
    const laterFormat = columnDateFormat([
      ...input.columnValues('resolved'),
      ...input.columnValues('closed'),
      ...input.columnValues('updated'),
    ]);
    const { opened, closed } = ticketTables(createdFormat, laterFormat);
    input.forEachRow((c, accountId, row) => {
      const first = c.get('firstResponse');
      const firstHours = readDurationHours(first, 'hours');
      opened.push(
        [
          accountId,
          c.get('created'),
          num(firstHours == null ? firstHours : firstHours * 60, first),
        ],
        row,
      );
      const when = later(c, ['resolved', 'closed', 'updated']);
      if (when === '') return;
      const res = c.get('resolution');
      const solved = c.get('resolved') !== '' || c.get('closed') !== '';
      const bad = BAD_CSAT.test(c.get('survey')) ? '1' : '0';
      closed.push(
        [accountId, when, solved ? num(readDurationHours(res, 'hours'), res) : '', bad, ''],
        row,
      );
    });
    return {
      imports: compact([opened.done(), closed.done()]),
      accountUpdates: [],
      notes: [
        '"(in hrs)" values are read as HH:MM:SS or decimal hours; first response is stored in minutes.',
      ],
      issues: [],
    };
  },
};
