/**
 * LwM2M Software Management object (9), resource 9 "Update Result". Source: OMA LwM2M Object 9 Software
 * Management (LwM2M Registry, 9.xml, resource 9 Update Result). 4–49 and 60–200 are reserved by the
 * object and 55 is not defined, so they are unrecognized. Stage and cause are dmscope's classification.
 */
import type { Catalog } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { SHARED_CATEGORIES as C, row } from './family-parts.ts';

const F = C.failure.id;
const IP = C.in_progress.id;

export const LWM2M_9_ENTRIES = [
  row(0, 'Initial value', 'Initial value', IP),
  row(1, 'Downloading', 'The package downloading process is on-going', IP),
  row(2, 'Software successfully installed', 'Software successfully installed', C.success.id),
  row(
    3,
    'Successfully Downloaded and package integrity verified',
    'Successfully Downloaded and package integrity verified',
    IP,
  ),
  row(50, 'Not enough storage', 'Not enough storage for the new software package', F, 'download', 'device'),
  row(
    51,
    'Out of memory during downloading process',
    'Out of memory during downloading process',
    F,
    'download',
    'device',
  ),
  row(
    52,
    'Connection lost during downloading process',
    'Connection lost during downloading process',
    F,
    'download',
    'network',
  ),
  row(53, 'Package integrity check failure', 'Package integrity check failure', F, 'validation', 'package'),
  row(54, 'Unsupported package type', 'Unsupported package type', F, 'validation', 'unsupported'),
  row(56, 'Invalid URI', 'Invalid URI', F, 'download', 'config'),
  row(57, 'Device defined update error', 'Device defined update error', F, 'other', 'device'),
  row(58, 'Software installation failure', 'Software installation failure', F, 'install', 'unknown'),
  row(59, 'Uninstallation failure', 'Uninstallation Failure during forUpdate(arg=0)', F, 'remove', 'unknown'),
];

export const lwm2m9Catalog: Catalog = createCatalog({
  id: 'lwm2m-9',
  name: 'LwM2M 9',
  title: 'LwM2M Software Management (object 9) Update Result',
  source:
    'OMA LightweightM2M Object 9 Software Management (LwM2M Registry, 9.xml), resource 9 "Update Result"',
  entries: LWM2M_9_ENTRIES,
  categories: [C.success, C.failure, C.in_progress],
  triage: {
    stages: ['download', 'validation'],
    causes: ['device', 'network', 'package', 'config', 'unsupported'],
    unknownReasonCode: null,
    words: {
      subject: 'Download',
      causes: 'Device (out of storage or memory), network, package, URI or unsupported type',
      unknownReason: 'unknown reason',
    },
  },
  signals: { resources: ['/9/*/9'] },
  plausible: (code) => Number.isInteger(code) && ((code >= 0 && code <= 3) || (code >= 50 && code <= 59)),
  unrecognizedDescription:
    'Not an Update Result value of LwM2M object 9: the object defines 0–3 and 50–59 (55 is not defined).',
});
