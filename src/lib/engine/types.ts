// Core domain types shared by the engine, the worker, the database and the CLI.
// Dates are day numbers: whole days since 1970-01-01 UTC (see dates.ts), so that series
// can live in Int32Arrays and comparisons are integer comparisons.

/** A whole day since 1970-01-01 UTC. */
export type DayNumber = number;

/** Attribute values kept from extra import columns. */
export type AttributeValue = string | number | boolean | null;

/** One customer account (the unit that is scored). */
export interface Account {
  id: string;
  name: string;
  segment: string | null;
  arr: number | null;
  seats: number | null;
  contractStart: DayNumber | null;
  renewalDate: DayNumber | null;
  owner: string | null;
  /** Extra columns from imports, kept verbatim (typed). */
  attributes: Record<string, AttributeValue>;
}

/**
 * One account × metric time series, stored columnar: `days` ascending (unique), `values`
 * aligned with it. Never an object per observation.
 */
export interface SignalSeries {
  accountId: string;
  metric: string;
  days: Int32Array;
  values: Float64Array;
}

/** The four renewal outcomes of the canonical outcomes.csv. */
export type OutcomeKind = 'renewed' | 'churned' | 'expanded' | 'contracted';

/** A renewal outcome on a date. */
export interface Outcome {
  accountId: string;
  day: DayNumber;
  outcome: OutcomeKind;
  reason: string | null;
  /** true = avoidable churn, false = unavoidable, null = unknown. */
  avoidable: boolean | null;
}

/** How a recorded renewal moved an account's renewal date (kept so a delete can undo it). */
export interface RenewalRoll {
  /** The renewal date before (null when the account had none). */
  from: DayNumber | null;
  /** The new renewal date. */
  to: DayNumber;
  termMonths: number;
}

/** The three health bands. */
export type Band = 'red' | 'amber' | 'green';

/** A CSM pulse: a manual 1–5 sentiment entry (red/amber/green map to 1/3/5). */
export interface Pulse {
  accountId: string;
  day: DayNumber;
  value: number;
  reason: string | null;
}

/** A manual band override: in force from `day` until (excluding) `expiresDay`. */
export interface BandOverride {
  accountId: string;
  day: DayNumber;
  band: Band;
  reason: string;
  expiresDay: DayNumber;
}

/** Everything the engine needs to score a book of business. */
export interface Book {
  accounts: Account[];
  series: SignalSeries[];
  outcomes: Outcome[];
  pulses: Pulse[];
  overrides: BandOverride[];
}
