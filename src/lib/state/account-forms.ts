// Validation of the account page's forms (pulse, override, note, outcome): raw form strings in,
// a domain record or a message per field out. Pure, so every rule is tested in Node.
import { dayToIso, isoToDay } from '../engine/dates';
import type { Band, BandOverride, DayNumber, Outcome, OutcomeKind, Pulse } from '../engine/types';
import type { NewNote } from '../db';

/** A message per invalid field. */
export type FieldErrors<K extends string> = Partial<Record<K, string>>;

/** A validated record, or the reasons it is not valid. */
export type Validated<T, K extends string> =
  { ok: true; value: T } | { ok: false; errors: FieldErrors<K> };

const MAX_TEXT = 2000;

function result<T, K extends string>(errors: FieldErrors<K>, make: () => T): Validated<T, K> {
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, value: make() };
}

/** Reads a date field (yyyy-mm-dd); returns the day or an error message. */
function readDay(raw: string, label: string): DayNumber | string {
  if (raw.trim() === '') return `Enter the ${label}.`;
  const day = isoToDay(raw.trim());
  return day === null ? `Enter the ${label} as a date (yyyy-mm-dd).` : day;
}

/** A date field's value for today (what the forms start with). */
export function todayIso(today: DayNumber): string {
  return dayToIso(today);
}

/** The pulse values offered: 1–5, where red/amber/green mean 1/3/5. */
export const PULSE_CHOICES: readonly { value: number; label: string; band: Band | null }[] = [
  { value: 1, label: '1 · Red — at risk', band: 'red' },
  { value: 2, label: '2 · Worried', band: null },
  { value: 3, label: '3 · Amber — watch', band: 'amber' },
  { value: 4, label: '4 · Good', band: null },
  { value: 5, label: '5 · Green — healthy', band: 'green' },
];

/** What the pulse form holds. */
export interface PulseForm {
  value: string;
  reason: string;
  date: string;
}

/** A pulse needs a value 1–5 (or red/amber/green) and a date no later than today. */
export function validatePulse(
  accountId: string,
  form: PulseForm,
  today: DayNumber,
): Validated<Pulse, keyof PulseForm> {
  const errors: FieldErrors<keyof PulseForm> = {};
  const named: Record<string, number> = { red: 1, amber: 3, green: 5 };
  const raw = form.value.trim().toLowerCase();
  const value = named[raw] ?? (raw === '' ? NaN : Number(raw));
  if (!Number.isInteger(value) || value < 1 || value > 5) {
    errors.value = 'Choose how the account feels, from 1 (red) to 5 (green).';
  }
  const day = readDay(form.date, 'date of the pulse');
  if (typeof day === 'string') errors.date = day;
  else if (day > today) errors.date = 'A pulse cannot be dated in the future.';
  if (form.reason.length > MAX_TEXT)
    errors.reason = `Keep the reason under ${MAX_TEXT} characters.`;
  return result(errors, () => ({
    accountId,
    day: day as DayNumber,
    value,
    reason: form.reason.trim() || null,
  }));
}

/** What the override form holds. */
export interface OverrideForm {
  band: string;
  reason: string;
  expires: string;
}

/** An override needs a band, a reason, and an expiry date after today; it starts today. */
export function validateOverride(
  accountId: string,
  form: OverrideForm,
  today: DayNumber,
): Validated<BandOverride, keyof OverrideForm> {
  const errors: FieldErrors<keyof OverrideForm> = {};
  const band = form.band as Band;
  if (band !== 'red' && band !== 'amber' && band !== 'green') {
    errors.band = 'Choose the band to show.';
  }
  if (form.reason.trim() === '') {
    errors.reason = 'Say why the score is wrong: the reason is shown in every explanation.';
  } else if (form.reason.length > MAX_TEXT) {
    errors.reason = `Keep the reason under ${MAX_TEXT} characters.`;
  }
  const expires = readDay(form.expires, 'expiry date');
  if (typeof expires === 'string') errors.expires = expires;
  else if (expires <= today) errors.expires = 'The expiry date must be after today.';
  return result(errors, () => ({
    accountId,
    day: today,
    band,
    reason: form.reason.trim(),
    expiresDay: expires as DayNumber,
  }));
}

/** What the note form holds. */
export interface NoteForm {
  text: string;
  date: string;
}

/** A note needs text and a date no later than today. */
export function validateNote(
  accountId: string,
  form: NoteForm,
  today: DayNumber,
): Validated<NewNote, keyof NoteForm> {
  const errors: FieldErrors<keyof NoteForm> = {};
  if (form.text.trim() === '') errors.text = 'Write the note.';
  else if (form.text.length > MAX_TEXT) errors.text = `Keep the note under ${MAX_TEXT} characters.`;
  const day = readDay(form.date, 'date of the note');
  if (typeof day === 'string') errors.date = day;
  else if (day > today) errors.date = 'A note cannot be dated in the future.';
  return result(errors, () => ({ accountId, day: day as DayNumber, text: form.text.trim() }));
}

/** The outcomes a CSM can record. */
export const OUTCOME_KINDS: readonly OutcomeKind[] = [
  'renewed',
  'expanded',
  'contracted',
  'churned',
];

/**
 * Whether "Avoidable?" is asked for an outcome: only for a churn or a contraction (a loss that
 * could have been prevented); renewals and expansions never store one.
 */
export function asksAvoidable(outcome: string): boolean {
  return outcome === 'churned' || outcome === 'contracted';
}

/** What the outcome form holds; avoidable is 'yes', 'no' or '' (unknown). */
export interface OutcomeForm {
  outcome: string;
  date: string;
  reason: string;
  avoidable: string;
}

/** An outcome needs a kind and a date no later than today; avoidable only for churn/contraction. */
export function validateOutcome(
  accountId: string,
  form: OutcomeForm,
  today: DayNumber,
): Validated<Outcome, keyof OutcomeForm> {
  const errors: FieldErrors<keyof OutcomeForm> = {};
  const outcome = form.outcome as OutcomeKind;
  if (!OUTCOME_KINDS.includes(outcome)) errors.outcome = 'Choose what happened at the renewal.';
  const day = readDay(form.date, 'date of the outcome');
  if (typeof day === 'string') errors.date = day;
  else if (day > today) errors.date = 'Record an outcome once it has happened (today or earlier).';
  if (form.reason.length > MAX_TEXT)
    errors.reason = `Keep the reason under ${MAX_TEXT} characters.`;
  const asked = asksAvoidable(outcome);
  if (asked && !['yes', 'no', ''].includes(form.avoidable)) {
    errors.avoidable = 'Choose yes, no or unknown.';
  }
  return result(errors, () => ({
    accountId,
    day: day as DayNumber,
    outcome,
    reason: form.reason.trim() || null,
    avoidable: !asked || form.avoidable === '' ? null : form.avoidable === 'yes',
  }));
}
