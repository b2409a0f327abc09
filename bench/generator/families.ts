/**
 * The result families the generator can write besides SCOMO, each with its own small table of the
 * results it emits and their outcome under the outcome model (README "The outcome model"). Independent of
 * src/catalog on purpose: the tests compare ingest against these tables. Sources, per family below.
 */
import { outcomeOf } from './code-table.ts';
import { mulberry32 } from './random.ts';
import type { FleetEvent } from './types.ts';
import { HEADER_PRESETS, type HeaderMap } from './write-options.ts';

export const FAMILY_IDS = [
  'scomo',
  'fumo',
  'lwm2m-5',
  'lwm2m-9',
  'adu',
  'hawkbit',
  'mender',
  'aws-iot-jobs',
] as const;
export type FamilyId = (typeof FAMILY_IDS)[number];

export type ResultOutcome = 'success' | 'failure' | 'not_applied' | 'in_progress' | 'unrecognized';

export interface FamilyTable {
  readonly id: FamilyId;
  /** Whether the family reports an integer code or a status word. */
  readonly kind: 'code' | 'status';
  /** The header / JSON key the platform's export gives the result. */
  readonly column: string;
  /** What the generator writes for each outcome (empty: the family has no such result). */
  readonly emits: Readonly<Record<ResultOutcome, readonly string[]>>;
  /** The outcome of a written value (trimmed, non-empty; an integer for code families). */
  outcome(value: string): ResultOutcome;
}

const inRanges = (n: number, ranges: readonly (readonly [number, number])[]) =>
  ranges.some(([from, to]) => n >= from && n <= to);

/** OMA-TS-DM-FUMO-V1_0 "Result Codes": 200, 250–299 success; 400–412, 450–499, 500–503, 550–599 failures. */
const FUMO_SUCCESS = [
  [200, 200],
  [250, 299],
] as const;
const FUMO_FAILURE = [
  [400, 412],
  [450, 499],
  [500, 503],
  [550, 599],
] as const;

/** LwM2M Registry 5.xml, resource 5 "Update Result": 0 initial, 1 success, 2–9 failures, 10 cancelled, 11 deferred. */
function lwm2m5(n: number): ResultOutcome {
  if (n === 0) return 'in_progress';
  if (n === 1) return 'success';
  if (n >= 2 && n <= 9) return 'failure';
  if (n === 10 || n === 11) return 'not_applied';
  return 'unrecognized';
}

/** LwM2M Registry 9.xml, resource 9 "Update Result": 0, 1, 3 in progress; 2 installed; 50–54, 56–59 failures. */
function lwm2m9(n: number): ResultOutcome {
  if (n === 0 || n === 1 || n === 3) return 'in_progress';
  if (n === 2) return 'success';
  if (n >= 50 && n <= 59 && n !== 55) return 'failure';
  return 'unrecognized';
}

/**
 * Azure Device Update agent adu_core.h (ADUC_ResultCode) and "Device Update for IoT Hub error codes":
 * > 0 success, <= 0 failure, except the "in progress" codes 501, 601, 701, 1002, 1102, and the not-applied
 * ones: 502, 503, 504, 603, 604 and -1 (ADUC_Result_Failure_Cancelled).
 */
function adu(n: number): ResultOutcome {
  if ([501, 601, 701, 1002, 1102].includes(n)) return 'in_progress';
  if ([502, 503, 504, 603, 604, -1].includes(n)) return 'not_applied';
  return n > 0 ? 'success' : 'failure';
}

/** A status table: each outcome's words, matched without case, spaces, `_` or `-`. */
function wordOutcome(words: Readonly<Record<Exclude<ResultOutcome, 'unrecognized'>, readonly string[]>>) {
  const key = (w: string) => w.toLowerCase().replace(/[\s_-]+/g, '');
  const table = new Map<string, ResultOutcome>();
  for (const [outcome, list] of Object.entries(words))
    for (const w of list) table.set(key(w), outcome as ResultOutcome);
  return (value: string): ResultOutcome => table.get(key(value)) ?? 'unrecognized';
}

const codeFamily = (
  id: FamilyId,
  column: string,
  emits: FamilyTable['emits'],
  outcome: (n: number) => ResultOutcome,
): FamilyTable => ({ id, kind: 'code', column, emits, outcome: (v) => outcome(Number(v)) });

function statusFamily(
  id: FamilyId,
  column: string,
  words: Readonly<Record<Exclude<ResultOutcome, 'unrecognized'>, readonly string[]>>,
  unknown: readonly string[],
): FamilyTable {
  return {
    id,
    kind: 'status',
    column,
    emits: { ...words, unrecognized: unknown },
    outcome: wordOutcome(words),
  };
}

const list = (...codes: number[]) => codes.map(String);
/** A raw code the row keeps (see parseRawCode in ground-truth.ts, which cannot be imported here: it imports this). */
const INTEGER = /^-?\d+$/;

/** The families other than SCOMO, whose rows the generator makes from its SCOMO events (see inFamily). */
export type OtherFamilyId = Exclude<FamilyId, 'scomo'>;

export const FAMILIES: Readonly<Record<OtherFamilyId, FamilyTable>> = {
  fumo: codeFamily(
    'fumo',
    'result_code',
    {
      success: list(200, 250, 299),
      failure: list(
        400,
        401,
        402,
        403,
        404,
        405,
        406,
        407,
        408,
        409,
        410,
        411,
        412,
        450,
        500,
        501,
        502,
        503,
        550,
      ),
      not_applied: [],
      in_progress: [],
      unrecognized: list(201, 300, 413, 504, 600),
    },
    (n) => (inRanges(n, FUMO_SUCCESS) ? 'success' : inRanges(n, FUMO_FAILURE) ? 'failure' : 'unrecognized'),
  ),
  'lwm2m-5': codeFamily(
    'lwm2m-5',
    'update_result',
    {
      success: list(1),
      failure: list(2, 3, 4, 5, 6, 7, 8, 9),
      not_applied: list(10, 11),
      in_progress: list(0),
      unrecognized: list(12, 42),
    },
    lwm2m5,
  ),
  'lwm2m-9': codeFamily(
    'lwm2m-9',
    'update_result',
    {
      success: list(2),
      failure: list(50, 51, 52, 53, 54, 56, 57, 58, 59),
      not_applied: [],
      in_progress: list(0, 1, 3),
      unrecognized: list(55, 60),
    },
    lwm2m9,
  ),
  adu: codeFamily(
    'adu',
    'resultCode',
    {
      success: list(700, 1, 200),
      failure: list(0, -2, -805306367),
      not_applied: list(502, 503, 504, 603, 604, -1),
      in_progress: list(501, 601, 701, 1002, 1102),
      unrecognized: [],
    },
    adu,
  ),
  // hawkBit Management API, action status `type` (docs "Management API", Targets: actions/{id}/status)
  hawkbit: statusFamily(
    'hawkbit',
    'status',
    {
      success: ['finished'],
      failure: ['error'],
      not_applied: ['canceled'],
      in_progress: [
        'running',
        'retrieved',
        'download',
        'downloaded',
        'scheduled',
        'wait_for_confirmation',
        'canceling',
        'warning',
        'cancel_rejected',
      ],
    },
    ['exploded'],
  ),
  // Mender Deployments management API v1, device deployment `status`
  mender: statusFamily(
    'mender',
    'status',
    {
      success: ['success'],
      failure: ['failure'],
      not_applied: ['aborted', 'noartifact', 'already-installed', 'decommissioned'],
      in_progress: [
        'pending',
        'downloading',
        'installing',
        'rebooting',
        'pause_before_installing',
        'pause_before_rebooting',
      ],
    },
    ['vanished'],
  ),
  // AWS IoT API Reference, JobExecutionStatus
  'aws-iot-jobs': statusFamily(
    'aws-iot-jobs',
    'status',
    {
      success: ['SUCCEEDED'],
      failure: ['FAILED', 'TIMED_OUT', 'REJECTED'],
      not_applied: ['CANCELED', 'REMOVED'],
      in_progress: ['QUEUED', 'IN_PROGRESS'],
    },
    ['EXPLODED'],
  ),
};

/**
 * ADU's result is `resultCode` with `extendedResultCode` beside it (ADU agent adu_core.h, ADUC_Result): the
 * generator writes the extended code in the component column, under that name. 0 unless the result
 * failed; a failure's is one of the agent docs' examples (0x30200002 APT handler, 0x0000000C
 * ADUC_ERC_NOMEM, 0x30101001 SWUpdate child process).
 */
const ADU_EXTENDED = 'extendedResultCode';
const ADU_FAILURE_EXTENDED = ['0x30200002', '0x0000000C', '0x30101001'];

/** The snake-case headers with the family's result column (and ADU's extended code). */
export function familyHeaders(id: FamilyId): HeaderMap {
  if (id === 'scomo') return HEADER_PRESETS.snake;
  const headers = { ...HEADER_PRESETS.snake, code: FAMILIES[id].column };
  return id === 'adu' ? { ...headers, component: ADU_EXTENDED } : headers;
}

/** Of SCOMO-outcome rows, the share made in progress, and (up to this) not applied, where the family has those. */
const IN_PROGRESS_SHARE = 0.06;
const NOT_APPLIED_SHARE = 0.1;

/**
 * The events written in another family: each accepted row keeps its SCOMO outcome (so the stories stay:
 * the out-of-memory model, the flaky server), except a share made in progress or not applied, and gets
 * one of the family's values for that outcome. A rejected row stays rejected: its raw code for a family
 * of codes, an empty status for a family of words. Deterministic for a seed.
 */
export function* inFamily(events: Iterable<FleetEvent>, id: FamilyId, seed: number): Generator<FleetEvent> {
  if (id === 'scomo') {
    for (const ev of events) yield { ...ev, family: id };
    return;
  }
  const table = FAMILIES[id];
  const rng = mulberry32((seed ^ 0x5f3759df) >>> 0);
  for (const ev of events) {
    const u = rng();
    const k = rng();
    const trimmed = ev.rawCode.trim();
    const code = INTEGER.test(trimmed) ? Number(trimmed) : null;
    if (code === null) {
      const adu = id === 'adu' ? { component: '0' } : {};
      yield { ...ev, rawCode: table.kind === 'code' ? ev.rawCode : '', code: null, family: id, ...adu };
      continue;
    }
    let outcome: ResultOutcome = outcomeOf(code);
    if (u < IN_PROGRESS_SHARE && table.emits.in_progress.length > 0) outcome = 'in_progress';
    else if (u < NOT_APPLIED_SHARE && table.emits.not_applied.length > 0) outcome = 'not_applied';
    // a family whose every value is recognised (ADU) writes a failure where SCOMO had an unrecognized code
    const values = table.emits[outcome].length > 0 ? table.emits[outcome] : table.emits.failure;
    const raw = values[Math.floor(k * values.length)] as string;
    const adu = id === 'adu' ? { component: extendedCode(table.outcome(raw), k) } : {};
    yield { ...ev, rawCode: raw, code: table.kind === 'code' ? Number(raw) : null, family: id, ...adu };
  }
}

function extendedCode(outcome: ResultOutcome, k: number): string {
  return outcome === 'failure'
    ? (ADU_FAILURE_EXTENDED[Math.floor(k * 997) % ADU_FAILURE_EXTENDED.length] as string)
    : '0';
}
