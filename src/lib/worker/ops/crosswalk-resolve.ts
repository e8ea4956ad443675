// Crosswalk step 1: recognise a vendor file and resolve its customers against the stored
// accounts and crosswalk — matched (with how), name suggestions to confirm, unmatched keys.
import { getDb, listCrosswalk, listAccounts } from '../../db';
import { readVendorFile, resolveVendorFile, type VendorResolution } from '../../import/vendors';
import type { ProgressFn } from '../progress';
import {
  matchInfo,
  openVendorFile,
  type VendorFileRequest,
  type VendorMatchInfo,
} from './crosswalk-file';
import { rethrowForUser } from './import-errors';

/** What the review step needs. */
export interface CrosswalkResolveResult {
  fileName: string;
  headers: string[];
  dataRows: number;
  /** Every preset the header row fits, best first. */
  matches: VendorMatchInfo[];
  /** The preset used (the best one, or the one asked for); null when none fits. */
  chosen: VendorMatchInfo | null;
  /** Null until the chosen preset has every required column. */
  resolution: VendorResolution | null;
  /** Stored accounts for the match-by-hand picker. */
  accounts: { id: string; name: string }[];
}

/** Recognises the export and resolves its customer keys. */
export default async function crosswalkResolve(
  request: VendorFileRequest,
  onProgress?: ProgressFn,
): Promise<CrosswalkResolveResult> {
  try {
    onProgress?.({ fraction: 0.02, label: 'Reading the file' });
    const { table, matches, match, name } = await openVendorFile(request, (f) =>
      onProgress?.({ fraction: 0.02 + 0.6 * f, label: 'Reading the file' }),
    );
    const db = getDb();
    const [accounts, crosswalk] = await Promise.all([listAccounts(db), listCrosswalk(db)]);
    onProgress?.({ fraction: 0.7, label: 'Matching customers to accounts' });
    const resolution =
      match && match.complete
        ? resolveVendorFile(readVendorFile(table, match), accounts, crosswalk)
        : null;
    onProgress?.({ fraction: 1, label: 'Done' });
    return {
      fileName: name,
      headers: table.headers,
      dataRows: table.rows.length,
      matches: matches.map(matchInfo),
      chosen: match ? matchInfo(match) : null,
      resolution,
      accounts: accounts
        .map((a) => ({ id: a.id, name: a.name }))
        .sort((a, b) => a.name.localeCompare(b.name)),
    };
  } catch (e) {
    rethrowForUser(e);
  }
}
