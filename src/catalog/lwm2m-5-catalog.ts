/**
 * LwM2M Firmware Update object (5), resource 5 "Update Result". Source: OMA LightweightM2M Object 5
 * Firmware Update (LwM2M Registry, 5.xml, resource 5 Update Result; values 10 and 11 from object version
 * 1.2), as repeated in the LwM2M 1.1/1.2 Core TS appendix "Firmware Update Object". Messages follow the
 * resource description's value list; stage and cause are dmscope's classification of each failure.
 */
import type { Catalog } from './catalog-types.ts';
import { createCatalog } from './create-catalog.ts';
import { SHARED_CATEGORIES as C, row } from './family-parts.ts';

const F = C.failure.id;

export const LWM2M_5_ENTRIES = [
  row(
    0,
    'Initial value',
    'Once the updating process is initiated (Download /Update), this Resource MUST be reset to Initial value',
    C.in_progress.id,
  ),
  row(1, 'Firmware updated successfully', 'Firmware updated successfully', C.success.id),
  row(
    2,
    'Not enough flash memory',
    'Not enough flash memory for the new firmware package',
    F,
    'download',
    'device',
  ),
  row(
    3,
    'Out of RAM during downloading process',
    'Out of RAM during downloading process',
    F,
    'download',
    'device',
  ),
  row(
    4,
    'Connection lost during downloading process',
    'Connection lost during downloading process',
    F,
    'download',
    'network',
  ),
  row(
    5,
    'Integrity check failure',
    'Integrity check failure for new downloaded package',
    F,
    'validation',
    'package',
  ),
  row(6, 'Unsupported package type', 'Unsupported package type', F, 'validation', 'unsupported'),
  row(7, 'Invalid URI', 'Invalid URI', F, 'download', 'config'),
  row(8, 'Firmware update failed', 'Firmware update failed', F, 'install', 'unknown'),
  row(
    9,
    'Unsupported protocol',
    'The client could not retrieve the firmware image because the Package URI uses a protocol it does not support',
    F,
    'download',
    'unsupported',
  ),
  row(10, 'Firmware update cancelled', 'A Cancel operation has been executed successfully', C.not_applied.id),
  row(11, 'Firmware update deferred', 'The firmware update was deferred', C.not_applied.id),
];

export const lwm2m5Catalog: Catalog = createCatalog({
  id: 'lwm2m-5',
  name: 'LwM2M 5',
  title: 'LwM2M Firmware Update (object 5) Update Result',
  source:
    'OMA LightweightM2M Object 5 Firmware Update (LwM2M Registry, 5.xml), resource 5 "Update Result"; LwM2M 1.1/1.2 Core TS, appendix "Firmware Update Object"',
  entries: LWM2M_5_ENTRIES,
  categories: [C.success, C.failure, C.not_applied, C.in_progress],
  triage: {
    stages: ['download', 'validation'],
    causes: ['device', 'network', 'package', 'config', 'unsupported'],
    unknownReasonCode: null,
    words: {
      subject: 'Download',
      causes: 'Device (out of flash or RAM), network, package, URI or unsupported type or protocol',
      unknownReason: 'unknown reason',
    },
  },
  signals: { resources: ['/5/*/5'] },
  plausible: (code) => Number.isInteger(code) && code >= 0 && code <= 11,
  unrecognizedDescription: 'Not an Update Result value of LwM2M object 5: the object defines 0–11.',
});
