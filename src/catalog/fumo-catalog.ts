/**
 * OMA-DM FUMO result codes. Source: OMA Firmware Update Management Object v1.0 (OMA-TS-DM-FUMO-V1_0),
 * section "Result Codes" (the table of Result Code, Result Message and Description). Messages are the
 * spec's Result Messages and descriptions its Descriptions (whitespace normalised); stage and cause are
 * dmscope's own classification of each failure, chosen as for the SCOMO table.
 */
import type { Catalog } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { SHARED_CATEGORIES as C, row } from './family-parts.ts';

const S = C.success.id;
const SV = C.success_vendor.id;
const CE = C.client_error.id;
const CEV = C.client_error_vendor.id;
const DS = C.download_server_error.id;
const DSV = C.download_server_error_vendor.id;

export const FUMO_ENTRIES = [
  row(200, 'Successful', 'Request succeeded', S),
  row(
    [250, 299],
    'Successful – Vendor Specified',
    'Successful operation with vendor specified Result Code',
    SV,
  ),
  row(
    400,
    'Management Client Error',
    'Management Client error – based on User or Device behavior',
    CE,
    'other',
    'device',
  ),
  row(401, 'User Cancelled', 'User chose not to accept the operation when prompted', CE, 'consent', 'user'),
  row(
    402,
    'Corrupted Firmware Update Package',
    'Corrupted firmware update package, did not store correctly. Detected, for example, by mismatched CRCs between actual and expected',
    CE,
    'validation',
    'package',
  ),
  row(
    403,
    'Firmware Update Package – Device Mismatch',
    'Wrong Firmware Update Package delivered to device based on current device characteristics',
    CE,
    'validation',
    'unsupported',
  ),
  row(
    404,
    'Failed Firmware Update Package Validation',
    'Failure to positively validate digital signature of firmware update package',
    CE,
    'validation',
    'package',
  ),
  row(
    405,
    'Firmware Update Package Not Acceptable',
    'Firmware Update Package is Not Acceptable',
    CE,
    'validation',
    'package',
  ),
  row(
    406,
    'Alternate Download Authentication Failure',
    'Authentication was Required but Authentication Failure was encountered when downloading Firmware Update Package',
    CE,
    'download',
    'config',
  ),
  row(
    407,
    'Alternate Download Request Time-Out',
    'Client has encountered a time-out when downloading Firmware Update Package',
    CE,
    'download',
    'network',
  ),
  row(
    408,
    'Not Implemented',
    'The device does not support the requested operation',
    CE,
    'other',
    'unsupported',
  ),
  row(
    409,
    'Undefined Error',
    'Indicates failure not defined by any other error code',
    CE,
    'other',
    'unknown',
  ),
  row(410, 'Firmware Update Failed', 'Firmware Update operation failed in device', CE, 'install', 'unknown'),
  row(
    411,
    'Malformed or Bad URL',
    'The URL provided for alternate download is bad',
    CE,
    'download',
    'config',
  ),
  row(
    412,
    'Alternate Download Server Unavailable',
    'The Alternate Download Server is Unavailable or does not respond',
    CE,
    'download',
    'server',
  ),
  row(
    [450, 499],
    'Client Error – Vendor Specified',
    'Client Error encountered for Operation with Vendor Specified Result Code',
    CEV,
    'other',
    'device',
  ),
  row(
    500,
    'Alternate Download Server Error',
    'Alternate Download Server Error Encountered',
    DS,
    'download',
    'server',
  ),
  row(
    501,
    'Download fails due to device is out of memory',
    'The download fails due insufficient memory in the device to save the firmware update package',
    DS,
    'download',
    'device',
  ),
  row(
    502,
    'Firmware update fails due to device out of memory',
    "The update fails because there isn't sufficient memory to update the device",
    DS,
    'install',
    'device',
  ),
  row(
    503,
    'Download fails due to network issues',
    'The download fails due to network/transport level errors',
    DS,
    'download',
    'network',
  ),
  row(
    [550, 599],
    'Alternate Download Server Error – Vendor Specified',
    'Alternate Download Server Error encountered for Operation with Vendor Specified Result Code',
    DSV,
    'download',
    'server',
  ),
];

/** FUMO numbers its result codes in the 2xx, 4xx and 5xx blocks. */
export function isPlausibleFumoCode(code: number): boolean {
  return Number.isInteger(code) && code >= 200 && code <= 599;
}

export const fumoCatalog: Catalog = createCatalog({
  id: 'fumo',
  name: 'FUMO',
  title: 'OMA-DM FUMO result codes',
  source: 'OMA Firmware Update Management Object v1.0 (OMA-TS-DM-FUMO-V1_0), section "Result Codes"',
  entries: FUMO_ENTRIES,
  categories: [
    C.success,
    C.success_vendor,
    C.client_error,
    C.client_error_vendor,
    C.download_server_error,
    C.download_server_error_vendor,
  ],
  // Download triage: failures fetching and checking the package. FUMO has no "download failed for an
  // unknown reason" code (409 Undefined Error is not a download code), so no unknown-reason series.
  triage: {
    stages: ['download', 'validation'],
    causes: ['device', 'package', 'network', 'server', 'config', 'unsupported'],
    unknownReasonCode: null,
    words: {
      subject: 'Download',
      causes: 'Device (out of memory), network, server, configuration, package or device mismatch',
      unknownReason: 'unknown reason',
    },
  },
  // FUMO reports in Generic Alerts typed org.openmobilealliance.dm.firmwareupdate.<operation> (FUMO v1.0, "Alert Types").
  signals: { alertTypes: ['org.openmobilealliance.dm.firmwareupdate'] },
  plausible: isPlausibleFumoCode,
  unrecognizedDescription:
    'Not a FUMO result code: the specification lists 200, 250–299, 400–412, 450–499, 500–503 and 550–599.',
});
