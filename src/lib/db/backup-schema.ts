// The JSON backup document, as a zod schema: every table, typed arrays as base64 strings.
import { z } from 'zod';
import { CHECKSUM_ALGORITHM } from './backup-digest';

/** The `format` marker of a Canary backup document. */
export const BACKUP_FORMAT = 'canary-backup' as const;

const day = z.int();
const id = z.int().positive();
const b64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'expected base64');
const band = z.enum(['red', 'amber', 'green']);
const nonEmpty = z.string().min(1);

const account = z.object({
  id: nonEmpty,
  name: z.string(),
  segment: z.string().nullable(),
  arr: z.number().nullable(),
  seats: z.number().nullable(),
  contractStart: day.nullable(),
  renewalDate: day.nullable(),
  owner: z.string().nullable(),
  attributes: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});

const outcome = z.object({
  id,
  accountId: nonEmpty,
  day,
  outcome: z.enum(['renewed', 'churned', 'expanded', 'contracted']),
  reason: z.string().nullable(),
  avoidable: z.boolean().nullable(),
  renewalRoll: z
    .object({ from: day.nullable(), to: day, termMonths: z.int().positive() })
    .optional(),
});

const seriesDelta = z.object({
  accountId: nonEmpty,
  metric: nonEmpty,
  created: z.boolean(),
  days: b64,
  previous: b64,
  existed: b64,
});

const importSummary = z.object({
  accountsAdded: z.int(),
  accountsUpdated: z.int(),
  seriesCreated: z.int(),
  pointsAdded: z.int(),
  pointsChanged: z.int(),
  pointsUnchanged: z.int(),
  outcomesAdded: z.int(),
  outcomesUpdated: z.int(),
  outcomesUnchanged: z.int(),
  outcomesRemoved: z.int().optional(),
  outcomeKinds: z
    .object({
      renewed: z.int().optional(),
      churned: z.int().optional(),
      expanded: z.int().optional(),
      contracted: z.int().optional(),
    })
    .optional(),
});

const tables = z.object({
  accounts: z.array(account),
  series: z.array(z.object({ accountId: nonEmpty, metric: nonEmpty, days: b64, values: b64 })),
  outcomes: z.array(outcome),
  pulses: z.array(
    z.object({ id, accountId: nonEmpty, day, value: z.number(), reason: z.string().nullable() }),
  ),
  overrides: z.array(
    z.object({ id, accountId: nonEmpty, day, band, reason: z.string(), expiresDay: day }),
  ),
  notes: z.array(
    z.object({ id, accountId: nonEmpty, day, text: z.string(), createdAt: z.number() }),
  ),
  models: z.array(
    z.object({
      key: nonEmpty,
      modelId: nonEmpty,
      version: z.int().positive(),
      name: z.string(),
      createdAt: z.number(),
      document: z.unknown(),
      backtest: z.unknown().optional(),
    }),
  ),
  currentScores: z.array(
    z.object({
      accountId: nonEmpty,
      modelKey: nonEmpty,
      asOfDay: day,
      score: z.number().nullable(),
      band: band.nullable(),
      coverage: z.number(),
      trendDelta: z.number().nullable(),
      explanation: z.string(),
      summary: z.object({
        priority: z.number(),
        rank: z.number(),
        priorityReason: z.string(),
        overridden: z.boolean(),
        trendDirection: z.enum(['up', 'down', 'flat', 'unknown']),
        trendWindowDays: z.number(),
        daysToRenewal: z.number().nullable(),
        stage: z.string().nullable(),
        patterns: z.array(z.string()),
        sparkDays: z.array(day),
        sparkScores: z.array(z.number()),
        bandLastWeek: band.nullable(),
        status: z.enum(['scored', 'stale', 'unscored']).optional(),
        lastDataDay: day.nullable().optional(),
        archivedDay: day.nullable().optional(),
      }),
    }),
  ),
  scoreDetails: z.array(
    z.object({ accountId: nonEmpty, modelKey: nonEmpty, asOfDay: day, breakdown: z.unknown() }),
  ),
  scoreHistory: z.array(
    z.object({
      accountId: nonEmpty,
      modelKey: nonEmpty,
      days: b64,
      scores: b64,
      bands: b64,
      coverage: b64,
    }),
  ),
  settings: z.array(z.object({ key: nonEmpty, value: z.unknown() })),
  imports: z.array(
    z.object({
      id,
      at: z.number(),
      fileName: z.string(),
      kind: z.string(),
      rows: z.int(),
      skippedRows: z.int(),
      mapping: z.unknown(),
      summary: importSummary,
      undoneAt: z.number().nullable(),
    }),
  ),
  importUndo: z.array(
    z.object({
      importId: id,
      createdAccountIds: z.array(nonEmpty),
      previousAccounts: z.array(account),
      series: z.array(seriesDelta),
      addedOutcomeIds: z.array(id),
      previousOutcomes: z.array(outcome),
      referencedAccountIds: z.array(nonEmpty),
    }),
  ),
  crosswalk: z.array(z.object({ source: nonEmpty, sourceId: nonEmpty, accountId: nonEmpty })),
  tasks: z.array(
    z.object({
      id,
      accountId: nonEmpty,
      playbookId: nonEmpty,
      title: z.string(),
      checklist: z.array(z.object({ text: z.string(), done: z.boolean() })),
      owner: z.string().nullable(),
      priority: z.enum(['low', 'normal', 'high', 'urgent']),
      createdDay: day,
      dueDay: day,
      reason: z.string(),
      status: z.enum(['open', 'snoozed', 'done']),
      snoozedUntil: day.nullable(),
      snoozeReason: z.string().nullable(),
      completedDay: day.nullable(),
      outcomeNote: z.string().nullable(),
      history: z.array(
        z.object({
          day,
          action: z.enum([
            'created',
            'completed',
            'snoozed',
            'reassigned',
            'reopened',
            'checklist',
          ]),
          note: z.string().nullable(),
        }),
      ),
    }),
  ),
  playbooks: z.array(
    z.object({
      id: nonEmpty,
      definition: z.unknown(),
      enabled: z.boolean(),
      updatedAt: z.number(),
    }),
  ),
  playbookState: z.array(
    z.object({ playbookId: nonEmpty, accountId: nonEmpty, state: z.unknown() }),
  ),
  renewalCalls: z.array(
    z.object({
      accountId: nonEmpty,
      renewalDay: day,
      call: z.enum(['commit', 'at-risk', 'will-churn']),
      note: z.string().nullable(),
      at: z.number(),
    }),
  ),
});

/** Schema of a whole backup document. */
export const backupSchema = z.object({
  format: z.literal(BACKUP_FORMAT),
  schemaVersion: z.int().positive(),
  /** Epoch milliseconds. */
  exportedAt: z.number(),
  tables,
  /**
   * Digests of the content (see backup-digest.ts), checked before the schema; absent in
   * backups made before Canary wrote them.
   */
  checksum: z
    .object({
      algorithm: z.literal(CHECKSUM_ALGORITHM),
      tables: z.record(z.string(), z.string()),
      document: z.string(),
    })
    .optional(),
});

/** A Canary backup document (plain JSON). */
export type CanaryBackup = z.infer<typeof backupSchema>;
