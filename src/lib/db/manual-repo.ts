// Manual entries on accounts: CSM pulses, band overrides and notes (add, list, delete).
import type { BandOverride, Pulse } from '../engine/types';
import type { CanaryDb } from './canary-db';
import type { NoteRecord, OverrideRecord, PulseRecord } from './records';

/** Adds a CSM pulse; returns its id. */
export function addPulse(db: CanaryDb, pulse: Pulse): Promise<number> {
  return db.pulses.add(pulse);
}

/** One account's pulses, oldest first. */
export function listPulses(db: CanaryDb, accountId: string): Promise<PulseRecord[]> {
  return db.pulses.where('accountId').equals(accountId).sortBy('day');
}

/** Deletes a pulse by id. */
export function deletePulse(db: CanaryDb, id: number): Promise<void> {
  return db.pulses.delete(id);
}

/** Adds a band override (an addition, never a silent replacement); returns its id. */
export function addOverride(db: CanaryDb, override: BandOverride): Promise<number> {
  return db.overrides.add(override);
}

/** One account's band overrides, oldest first. */
export function listOverrides(db: CanaryDb, accountId: string): Promise<OverrideRecord[]> {
  return db.overrides.where('accountId').equals(accountId).sortBy('day');
}

/** Deletes a band override by id. */
export function deleteOverride(db: CanaryDb, id: number): Promise<void> {
  return db.overrides.delete(id);
}

/** A note to add; `createdAt` defaults to now. */
export type NewNote = Omit<NoteRecord, 'id' | 'createdAt'> & { createdAt?: number };

/** Adds a note to an account; returns its id. */
export function addNote(db: CanaryDb, note: NewNote): Promise<number> {
  return db.notes.add({ ...note, createdAt: note.createdAt ?? Date.now() });
}

/** One account's notes, oldest first. */
export function listNotes(db: CanaryDb, accountId: string): Promise<NoteRecord[]> {
  return db.notes.where('accountId').equals(accountId).sortBy('day');
}

/** Deletes a note by id. */
export function deleteNote(db: CanaryDb, id: number): Promise<void> {
  return db.notes.delete(id);
}
