/** Realistic value pools and the stories the fleet tells. Every value is free of delimiters, quotes and
 * line breaks; notes are the exception. */

import { type Weighted, weighted } from './random.ts';
import type { GeneratorOptions } from './types.ts';

interface ModelSpec {
  name: string;
  tac: string;
  firmware: Weighted<string>;
}

export const OOM_MODEL = 'Kestrel Mini';
export const OOM_FIRMWARE = '5.0.0-rc2';
export const FLAKY_SERVER = 'alt-cdn-3.fleet.example';

export const MODELS: Weighted<ModelSpec> = weighted<ModelSpec>([
  [
    {
      name: 'Aurora X2',
      tac: '35420911',
      firmware: weighted([
        ['4.3.0', 3],
        ['4.3.1', 5],
        ['4.4.0', 2],
      ]),
    },
    20,
  ],
  [
    {
      name: 'Aurora X3',
      tac: '35420912',
      firmware: weighted([
        ['4.4.0', 6],
        ['5.0.0', 3],
      ]),
    },
    12,
  ],
  [
    {
      name: 'Nimbus 5',
      tac: '86731005',
      firmware: weighted([
        ['3.9.2', 4],
        ['4.0.0', 5],
        ['4.0.1', 1],
      ]),
    },
    18,
  ],
  [
    {
      name: 'Nimbus 5 Lite',
      tac: '86731006',
      firmware: weighted([
        ['3.9.2', 6],
        ['4.0.0', 4],
      ]),
    },
    10,
  ],
  [
    {
      name: OOM_MODEL,
      tac: '49015420',
      firmware: weighted([
        ['4.3.1', 4],
        ['4.4.0', 2],
        [OOM_FIRMWARE, 4],
      ]),
    },
    12,
  ],
  [
    {
      name: 'Kestrel Max',
      tac: '49015421',
      firmware: weighted([
        ['4.4.0', 5],
        ['5.0.0', 5],
      ]),
    },
    8,
  ],
  [
    {
      name: 'Orca Pro',
      tac: '01326300',
      firmware: weighted([
        ['2.1.7', 3],
        ['2.2.0', 7],
      ]),
    },
    12,
  ],
  [
    {
      name: 'Orca Go',
      tac: '01326301',
      firmware: weighted([
        ['2.1.7', 6],
        ['2.2.0', 4],
      ]),
    },
    8,
  ],
]);

export const REGIONS = weighted([
  ['eu-west', 20],
  ['eu-central', 14],
  ['us-east', 22],
  ['us-west', 14],
  ['apac-south', 12],
  ['apac-northeast', 10],
  ['latam-south', 8],
] as const);

export const OPERATIONS = weighted([
  ['download', 30],
  ['install', 28],
  ['update', 20],
  ['activate', 10],
  ['deactivate', 4],
  ['remove', 8],
] as const);

export const SERVERS = weighted([
  ['dl1.fleet.example', 38],
  ['dl2.fleet.example', 30],
  [FLAKY_SERVER, 16],
  ['alt-cdn-4.fleet.example', 10],
  ['mirror-eu.fleet.example', 6],
] as const);

export const COMPONENTS = weighted([
  ['com.acme.nav', 20],
  ['com.acme.maps', 18],
  ['com.acme.voice', 10],
  ['com.acme.telemetry', 16],
  ['com.acme.store', 8],
  ['com.globex.payments', 6],
  ['org.example.fleetagent', 12],
  ['org.example.diagnostics', 10],
] as const);

export const VENDOR_SUCCESS = weighted([
  [1250, 6],
  [1251, 3],
  [1255, 2],
  [1299, 1],
] as const);

const DOWNLOAD_FAILURES: ReadonlyArray<readonly [number, number]> = [
  [1402, 30],
  [1404, 4],
  [1403, 3],
  [1401, 5],
  [1400, 1],
  [1412, 2],
  [1416, 1],
  [1500, 4],
  [1501, 5],
  [1502, 6],
  [1503, 2],
  [1504, 8],
  [1505, 2],
  [1450, 2],
  [1550, 2],
  [1551, 1],
  [1560, 1],
  [1599, 1],
];
const INSTALL_FAILURES: ReadonlyArray<readonly [number, number]> = [
  [1405, 20],
  [1406, 5],
  [1407, 10],
  [1414, 6],
  [1415, 4],
  [1413, 3],
  [1401, 6],
  [1416, 3],
  [1412, 2],
  [1411, 1],
  [1400, 1],
  [1460, 3],
  [1475, 2],
];
export const FAILURES_BY_OP: Record<string, Weighted<number>> = {
  download: weighted(DOWNLOAD_FAILURES),
  install: weighted(INSTALL_FAILURES),
  update: weighted([...DOWNLOAD_FAILURES, ...INSTALL_FAILURES]),
  activate: weighted([
    [1409, 30],
    [1412, 3],
    [1411, 2],
    [1401, 3],
    [1400, 1],
    [1451, 2],
  ]),
  deactivate: weighted([
    [1410, 30],
    [1412, 3],
    [1411, 3],
    [1400, 1],
  ]),
  remove: weighted([
    [1408, 30],
    [1401, 4],
    [1412, 3],
    [1400, 1],
    [1499, 1],
  ]),
};

export const GENERAL_NOTES = weighted([
  ['checked in late, battery 14%', 6],
  ['user said "not now"', 4],
  ['postponed by policy', 6],
  ['scheduled window 02:00-04:00', 4],
  ['mise à jour différée', 3],
  ['日本 pilot group', 3],
  ['rollout wave 3 🚀', 3],
  ['multi-line note:\nsecond line', 3],
  ['Windows line\r\nbreak', 2],
  ['a;b|c\td', 2],
  ['"quoted" at start', 2],
  ['ends with a quote "', 1],
  [' padded with spaces ', 1],
] as const);

export const FAILURE_NOTES = weighted([
  ['E/Installer: INSUFFICIENT_STORAGE\nfree=12MB, need=48MB', 5],
  ['download stalled at 73%, retrying', 6],
  ['HTTP 504 from "alt-cdn-3"', 4],
  ['signature mismatch, package rejected', 4],
  ['sha256 mismatch: expected "ab12", got "cd34"', 3],
  ["échec de l'installation", 3],
  ['ダウンロード失敗 (日本)', 3],
  ['💥 crash in updater', 2],
  ['stack:\r\n  at Installer.run\r\n  at Agent.loop', 2],
  ['timeout; will retry | attempt logged', 2],
] as const);

export const RETRY_NOTES = ['', '', 'retry 2 of 3', 'retry 3 of 3'];

export const DIRTY_KINDS = weighted([
  ['empty', 25],
  ['ERR', 15],
  ['n/a', 15],
  ['unrecognized', 25],
  ['padded', 20],
] as const);

export const DAY = 86_400_000;
export const DEFAULT_START = Date.UTC(2026, 9, 1);
export const MAX_DEVICES = 1_000_000;

/** The exact string pools, exposed for tests (e.g. to check they need no CSV quoting). */
export const POOLS = {
  models: MODELS.items.map((m) => m.name),
  firmware: [...new Set(MODELS.items.flatMap((m) => m.firmware.items))],
  regions: REGIONS.items as readonly string[],
  operations: OPERATIONS.items as readonly string[],
  servers: SERVERS.items as readonly string[],
  components: COMPONENTS.items as readonly string[],
  notes: [...GENERAL_NOTES.items, ...FAILURE_NOTES.items, ...RETRY_NOTES.filter((n) => n !== '')],
  story: { model: OOM_MODEL, firmware: OOM_FIRMWARE, server: FLAKY_SERVER },
} as const;

export function luhnDigit(digits14: string): number {
  let sum = 0;
  for (let i = 0; i < 14; i++) {
    let d = digits14.charCodeAt(i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

/** The time window of the flaky-server story: two days centred on the middle of the span. */
export function storyWindow(opts: Pick<GeneratorOptions, 'startTime' | 'days'>): {
  from: number;
  to: number;
} {
  const start = opts.startTime ?? DEFAULT_START;
  const span = (opts.days ?? 7) * DAY;
  const mid = start + span / 2;
  const half = Math.min(DAY, span / 4);
  return { from: mid - half, to: mid + half };
}

export interface Retry {
  due: number;
  device: number;
  component: string;
  operation: string;
  server: string;
  attempt: number;
}
