// Vendor file presets (Stripe, HubSpot, Salesforce, Zendesk, Freshdesk) and the crosswalk
// that joins one customer across them. Pure: runs in the worker and in Node.
export { VENDOR_PRESETS, vendorPresetById } from './presets';
export type {
  VendorPreset,
  VendorColumn,
  AmountUnit,
  RowCells,
  DerivedImport,
  BuildInput,
  BuildOutput,
} from './preset';
export {
  recognizeVendorFile,
  matchVendorPreset,
  assignColumn,
  type VendorMatch,
} from './recognize';
export {
  readVendorFile,
  resolveVendorFile,
  prepareVendorFile,
  mergeAccount,
  type VendorFile,
  type VendorResolution,
  type VendorContext,
  type VendorImport,
} from './prepare-vendor';
export {
  resolveAccounts,
  accountDomains,
  type CrosswalkEntry,
  type CrosswalkResolution,
  type MatchMethod,
  type MatchedKey,
  type Suggestion,
  type Candidate,
  type UnmatchedKey,
  type MatchableAccount,
} from './resolve';
export {
  planCrosswalk,
  newAccountId,
  keyName,
  type CrosswalkDecision,
  type CrosswalkPlan,
} from './decisions';
export { crosswalkKey, type VendorSource, type SourceKey, type RowKey } from './source-keys';
export { normalizeDomain, customerDomain, isFreeMailDomain, FREE_MAIL_DOMAINS } from './domains';
export { normalizeCompanyName, isUnusableName } from './names';
export { salesforceId18 } from './salesforce-ids';
export { detectAmountUnit, readAmount, readDurationHours } from './units';
export { monthlyAmount, mrrHistory, cancellationOutcomes } from './stripe-mrr';
export { dealOutcome, HUBSPOT_LABELS } from './hubspot-labels';
