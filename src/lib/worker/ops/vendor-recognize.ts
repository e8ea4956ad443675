// Recognises a vendor file (Stripe, HubSpot, Salesforce, Zendesk, Freshdesk) from a header
// row alone, so the import page can offer the crosswalk path without reading the file again.
import { VENDOR_PRESETS, recognizeVendorFile } from '../../import/vendors';
import { matchInfo, type VendorMatchInfo } from './crosswalk-file';

/** The header row of an opened CSV. */
export interface VendorRecognizeRequest {
  headers: string[];
}

/** Every export preset the header row fits, best first (empty: not a known export). */
export default async function vendorRecognize(
  request: VendorRecognizeRequest,
  _onProgress?: unknown,
): Promise<VendorMatchInfo[]> {
  return recognizeVendorFile(request.headers, VENDOR_PRESETS).map(matchInfo);
}
