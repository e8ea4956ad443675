// Columns every Stripe export may carry: metadata keys that name the customer's CRM or app
// account (seen in real files as `account_id (metadata)` and `companyId (metadata)`).
import { isUnusableName } from './names';
import { col, type VendorColumn, type RowCells } from './preset';

/** Metadata columns holding an explicit account id. */
export const STRIPE_METADATA_COLUMNS: readonly VendorColumn[] = [
  col('accountIdMeta', [
    'account_id (metadata)',
    'accountId (metadata)',
    'account id (metadata)',
    'canary_account_id (metadata)',
  ]),
  col('companyIdMeta', [
    'companyId (metadata)',
    'company_id (metadata)',
    'hubspot_company_id (metadata)',
    'hubspot_id (metadata)',
    'salesforce_account_id (metadata)',
    'salesforce_id (metadata)',
    'crm_id (metadata)',
  ]),
];

/** The explicit account ids of a Stripe row. */
export function stripeExplicitIds(cells: RowCells): string[] {
  return [cells.get('accountIdMeta'), cells.get('companyIdMeta')].filter((v) => v !== '');
}

/** The first usable customer name among the given cells (Stripe `Name` may be a phone). */
export function usableName(...values: string[]): string | null {
  for (const v of values) if (!isUnusableName(v)) return v;
  return null;
}

/** The key of a Stripe customer: its `cus_…` id, or `email:<address>` for guests without one. */
export function stripeCustomerId(id: string, email: string): string {
  if (id !== '') return id;
  return email === '' ? '' : `email:${email.toLowerCase()}`;
}
