// The key each export row carries for its customer (a billing id, a CRM record id, an
// organisation name, an email domain), collected once per distinct key.

/** The tools whose exports Canary recognises; also the crosswalk's `source` values. */
export type VendorSource = 'stripe' | 'hubspot' | 'salesforce' | 'zendesk' | 'freshdesk';

/** What one row says about its customer. */
export interface RowKey {
  /** The id in the source system (or a name/domain key for tools without ids); '' = none. */
  sourceId: string;
  /** A display name for the customer, if the row has one. */
  name: string | null;
  /** Emails, hosts or URLs the row gives for the customer (normalised later). */
  domains: string[];
  /** Ids that name the Canary/CRM account explicitly (metadata, association columns). */
  explicitIds: string[];
}

/** One distinct customer key of a file, with what its rows say about it. */
export interface SourceKey {
  /** `${source}\u0000${sourceId}`: unique within a resolution. */
  key: string;
  source: VendorSource;
  sourceId: string;
  name: string | null;
  /** Customer domains (normalised, free mail removed). */
  domains: string[];
  explicitIds: string[];
  /** Data rows carrying this key, and the first one's 1-based row number. */
  rowCount: number;
  firstRow: number;
}

/** The crosswalk key of a source id. */
export function crosswalkKey(source: string, sourceId: string): string {
  return `${source}\u0000${sourceId}`;
}

/** Accumulates the distinct keys of a file; `add` returns the key's index (-1 = no key). */
export class SourceKeyCollector {
  readonly keys: SourceKey[] = [];
  readonly #index = new Map<string, number>();

  constructor(readonly source: VendorSource) {}

  /** Records one row's key; returns its index in `keys`, or -1 when the row has no key. */
  add(row: RowKey, rowNumber: number, toDomain: (raw: string) => string | null): number {
    if (row.sourceId === '') return -1;
    const key = crosswalkKey(this.source, row.sourceId);
    let i = this.#index.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.#index.set(key, i);
      this.keys.push({
        key,
        source: this.source,
        sourceId: row.sourceId,
        name: null,
        domains: [],
        explicitIds: [],
        rowCount: 0,
        firstRow: rowNumber,
      });
    }
    const k = this.keys[i];
    k.rowCount++;
    if (k.name === null && row.name) k.name = row.name;
    for (const raw of row.domains) {
      const d = toDomain(raw);
      if (d !== null && !k.domains.includes(d)) k.domains.push(d);
    }
    for (const id of row.explicitIds) {
      const t = id.trim();
      if (t !== '' && !k.explicitIds.includes(t)) k.explicitIds.push(t);
    }
    return i;
  }
}
