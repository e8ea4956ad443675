// Recognises a vendor export (Stripe, HubSpot, Salesforce, Zendesk, Freshdesk) from a header
// row alone, so the import page can offer the crosswalk path without reading the file again.
import { EXPORT_PRESETS, recognizeExport } from '../../import/exports';
import { matchInfo, type ExportMatchInfo } from './crosswalk-file';

/** The header row of an opened CSV. */
export interface ExportRecognizeRequest {
  headers: string[];
}

/** Every export preset the header row fits, best first (empty: not a known export). */
export default async function exportRecognize(
  request: ExportRecognizeRequest,
  _onProgress?: unknown,
): Promise<ExportMatchInfo[]> {
  return recognizeExport(request.headers, EXPORT_PRESETS).map(matchInfo);
}
