// Vendor export presets (Stripe, HubSpot, Salesforce, Zendesk, Freshdesk) and the crosswalk
// that joins one customer across them. Pure: runs in the worker and in Node.
export { EXPORT_PRESETS, exportPresetById } from './presets';
export type {
  ExportPreset,
  ExportColumn,
  AmountUnit,
  RowCells,
  DerivedImport,
  BuildInput,
  BuildOutput,
} from './preset';
export { recognizeExport, matchExport, assignColumn, type ExportMatch } from './recognize';
export {
  readExport,
  resolveExport,
  prepareExport,
  mergeAccount,
  type ExportFile,
  type ExportResolution,
  type ExportContext,
  type ExportImport,
} from './prepare-export';
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
export { crosswalkKey, type ExportSource, type SourceKey, type RowKey } from './source-keys';
export { normalizeDomain, customerDomain, isFreeMailDomain, FREE_MAIL_DOMAINS } from './domains';
export { normalizeCompanyName, isUnusableName } from './names';
export { salesforceId18 } from './salesforce-ids';
export { detectAmountUnit, readAmount, readDurationHours } from './units';
export { monthlyAmount, mrrHistory, cancellationOutcomes } from './stripe-mrr';
export { dealOutcome, HUBSPOT_LABELS } from './hubspot-labels';
