// Shared Vitest setup: a real (in-memory) IndexedDB for Dexie, and a fixed clock reference.
import 'fake-indexeddb/auto';

/** The fixed "today" used by tests that need one: 2026-11-23 (a Monday). */
export const FIXED_TODAY_ISO = '2026-11-23';
