// Every vendor file preset Canary recognises.
import { hubspotCompanies, hubspotDeals } from './hubspot';
import type { VendorPreset } from './preset';
import { salesforceAccounts, salesforceOpportunities } from './salesforce';
import { stripeCustomers } from './stripe-customers';
import { stripeInvoices } from './stripe-invoices';
import { stripeSubscriptions } from './stripe-subscriptions';
import { freshdeskTickets, zendeskTickets } from './support';

/** The vendor file presets, in the order they are offered when equally good. */
export const VENDOR_PRESETS: readonly VendorPreset[] = [
  stripeCustomers,
  stripeSubscriptions,
  stripeInvoices,
  hubspotCompanies,
  hubspotDeals,
  salesforceAccounts,
  salesforceOpportunities,
  zendeskTickets,
  freshdeskTickets,
];

/** The preset with this id, or undefined. */
export function vendorPresetById(id: string): VendorPreset | undefined {
  return VENDOR_PRESETS.find((p) => p.id === id);
}
