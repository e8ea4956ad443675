// Every vendor export preset Canary recognises.
import { hubspotCompanies, hubspotDeals } from './hubspot';
import type { ExportPreset } from './preset';
import { salesforceAccounts, salesforceOpportunities } from './salesforce';
import { stripeCustomers } from './stripe-customers';
import { stripeInvoices } from './stripe-invoices';
import { stripeSubscriptions } from './stripe-subscriptions';
import { freshdeskTickets, zendeskTickets } from './support';

/** The vendor export presets, in the order they are offered when equally good. */
export const EXPORT_PRESETS: readonly ExportPreset[] = [
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
export function exportPresetById(id: string): ExportPreset | undefined {
  return EXPORT_PRESETS.find((p) => p.id === id);
}
