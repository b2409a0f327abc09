/**
 * OMA-DM SCOMO result codes (Table 5 of the SCOMO spec as amended by the "download failure for unknown
 * reason" CR). Messages and descriptions are verbatim, whitespace normalised; stage and cause are
 * dmscope's own classification of each failure.
 */
import type { Catalog, CatalogEntry } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { SHARED_CATEGORIES } from './family-parts.ts';

/** The spec's own classes of result code, in display order, and the outcome each implies. */
export const SCOMO_CATEGORIES = [
  SHARED_CATEGORIES.success,
  SHARED_CATEGORIES.success_vendor,
  SHARED_CATEGORIES.client_error,
  SHARED_CATEGORIES.client_error_vendor,
  SHARED_CATEGORIES.download_server_error,
  SHARED_CATEGORIES.download_server_error_vendor,
] as const;

/** A SCOMO category, or `unrecognized` for a code the table does not list. */
export type ScomoCategory = (typeof SCOMO_CATEGORIES)[number]['id'] | 'unrecognized';

export const SCOMO_ENTRIES: readonly CatalogEntry[] = [
  {
    from: 1200,
    to: 1200,
    message: 'Successful',
    description: 'Successful - The Request has succeeded',
    category: 'success',
    stage: null,
    cause: null,
  },
  {
    from: 1250,
    to: 1299,
    message: 'Successful – Vendor Specified',
    description: 'Successful operation with vendor specified Result Code',
    category: 'success_vendor',
    stage: null,
    cause: null,
  },
  {
    from: 1400,
    to: 1400,
    message: 'Client Error',
    description: 'Client error – based on User or Device behaviour',
    category: 'client_error',
    stage: 'other',
    cause: 'device',
  },
  {
    from: 1401,
    to: 1401,
    message: 'User Cancelled',
    description: 'User chose not to accept the operation when prompted',
    category: 'client_error',
    stage: 'consent',
    cause: 'user',
  },
  {
    from: 1402,
    to: 1402,
    message: 'Download Failed',
    description: 'The Software Component download failed',
    category: 'client_error',
    stage: 'download',
    cause: 'unknown',
  },
  {
    from: 1403,
    to: 1403,
    message: 'Alternate Download Authentication Failure',
    description:
      'Authentication was Required but Authentication Failure was encountered when downloading Software Component',
    category: 'client_error',
    stage: 'download',
    cause: 'config',
  },
  {
    from: 1404,
    to: 1404,
    message: 'Download Failed Due to Device being Out of Memory',
    description: 'The download failed due to insufficient memory in the Device to save the Delivery Package',
    category: 'client_error',
    stage: 'download',
    cause: 'device',
  },
  {
    from: 1405,
    to: 1405,
    message: 'Install Failed',
    description: 'Software Component installation failed in the Device',
    category: 'client_error',
    stage: 'install',
    cause: 'device',
  },
  {
    from: 1406,
    to: 1406,
    message: 'Install Failed Due to Device being Out of Memory',
    description:
      'The install failed because there was not sufficient memory to install the Software Component in the Device',
    category: 'client_error',
    stage: 'install',
    cause: 'device',
  },
  {
    from: 1407,
    to: 1407,
    message: 'Failed Package Validation',
    description: 'Failed to validate digital signature of the Delivery Package',
    category: 'client_error',
    stage: 'validation',
    cause: 'package',
  },
  {
    from: 1408,
    to: 1408,
    message: 'Remove Failed',
    description: 'The Software Component Remove operation failed',
    category: 'client_error',
    stage: 'remove',
    cause: 'device',
  },
  {
    from: 1409,
    to: 1409,
    message: 'Activate Failed',
    description: 'The Software Component Activate operation failed',
    category: 'client_error',
    stage: 'activate',
    cause: 'device',
  },
  {
    from: 1410,
    to: 1410,
    message: 'Deactivate Failed',
    description: 'The Software Component Deactivate operation failed',
    category: 'client_error',
    stage: 'deactivate',
    cause: 'device',
  },
  {
    from: 1411,
    to: 1411,
    message: 'Not Implemented',
    description: 'The Device does not support the requested operation',
    category: 'client_error',
    stage: 'other',
    cause: 'unsupported',
  },
  {
    from: 1412,
    to: 1412,
    message: 'Undefined Error',
    description: 'Indicates failure not defined by any other error code',
    category: 'client_error',
    stage: 'other',
    cause: 'unknown',
  },
  {
    from: 1413,
    to: 1413,
    message: 'Operation Rejected – Unsupported Environment',
    description: 'The operation was rejected because the device does not support the target environment type',
    category: 'client_error',
    stage: 'other',
    cause: 'unsupported',
  },
  {
    from: 1414,
    to: 1414,
    message: 'Corrupted Package',
    description: 'A Delivery Package corruption was detected by, for example, a failed CRC check',
    category: 'client_error',
    stage: 'validation',
    cause: 'package',
  },
  {
    from: 1415,
    to: 1415,
    message: 'Component Not Acceptable',
    description: 'The Software Component was not acceptable',
    category: 'client_error',
    stage: 'validation',
    cause: 'package',
  },
  {
    from: 1416,
    to: 1416,
    message: 'Firmware Update In Progress',
    description: 'Operation rejected because a firmware update is in progress.',
    category: 'client_error',
    stage: 'other',
    cause: 'device',
  },
  {
    from: 1450,
    to: 1499,
    message: 'Client Error – Vendor Specified',
    description: 'Client Error encountered for operation with vendor specified Result Code',
    category: 'client_error_vendor',
    stage: 'other',
    cause: 'device',
  },
  {
    from: 1500,
    to: 1500,
    message: 'Alternate Download Server Error',
    description: 'Alternate Download Server error encountered',
    category: 'download_server_error',
    stage: 'download',
    cause: 'server',
  },
  {
    from: 1501,
    to: 1501,
    message: 'Alternate Download Server Unavailable',
    description: 'The Alternate Download Server was unavailable or did not respond',
    category: 'download_server_error',
    stage: 'download',
    cause: 'server',
  },
  {
    from: 1502,
    to: 1502,
    message: 'Alternate Download Request Time-Out',
    description: 'Client encountered a time-out when downloading the Delivery Package',
    category: 'download_server_error',
    stage: 'download',
    cause: 'network',
  },
  {
    from: 1503,
    to: 1503,
    message: 'Malformed or Bad URL',
    description:
      'The URL provided for alternate download is either malformed or the response from the server did not match the expected format',
    category: 'download_server_error',
    stage: 'download',
    cause: 'config',
  },
  {
    from: 1504,
    to: 1504,
    message: 'Download Fails Due To Network Issues',
    description: 'The download failed due to network or transport level errors',
    category: 'download_server_error',
    stage: 'download',
    cause: 'network',
  },
  {
    from: 1505,
    to: 1505,
    message: 'Download Fails Due To Unknown Reason',
    description: 'The download failed due to unknown reason',
    category: 'download_server_error',
    stage: 'download',
    cause: 'unknown',
  },
  {
    from: 1550,
    to: 1599,
    message: 'Alternate Download Server Error – Vendor Specified',
    description: 'Alternate Download Server Error encountered with vendor specified Result Code',
    category: 'download_server_error_vendor',
    stage: 'download',
    cause: 'server',
  },
];

/** SCOMO numbers its result codes in the 1xxx blocks. */
export function isPlausibleScomoCode(code: number): boolean {
  return Number.isInteger(code) && code >= 1000 && code <= 1999;
}

export const scomoCatalog: Catalog = createCatalog({
  id: 'scomo',
  name: 'SCOMO',
  title: 'OMA-DM SCOMO result codes',
  source:
    'OMA Software Component Management Object (SCOMO) v1.0, "Result Codes" table, as amended by the DM working group change request for action DM-2011-A017 (1505, download fails due to unknown reason)',
  entries: SCOMO_ENTRIES,
  categories: SCOMO_CATEGORIES,
  // Download triage: failures while fetching and checking the package, and how many the server could
  // not explain (1505, "Download Fails Due To Unknown Reason").
  triage: {
    stages: ['download', 'validation'],
    causes: ['device', 'package', 'network', 'server', 'config', 'unknown'],
    unknownReasonCode: 1505,
    words: {
      subject: 'Download',
      causes: 'Device (out of memory), network, server, configuration, package or unknown',
      unknownReason: 'unknown reason',
    },
  },
  // SCOMO reports results in Generic Alerts typed urn:oma:at:scomo:1.0:<operation> (SCOMO v1.0, "Alert Types");
  // the candidate drafts typed them org.openmobilealliance.softwarecomponent.OperationComplete.
  signals: { alertTypes: ['urn:oma:at:scomo', 'org.openmobilealliance.softwarecomponent'] },
  plausible: isPlausibleScomoCode,
  unrecognizedDescription:
    'Not a SCOMO result code: the specification says a result code MUST be one of the listed values.',
});
