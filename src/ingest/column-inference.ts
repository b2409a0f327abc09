import type { Catalog } from '../catalog/catalog-types.ts';
import { type Cell, parseCode, parseCount, parseTime } from './field-parsers.ts';

/** Which column plays which part. Found from names and values; every part can be overridden. */
export interface ColumnMapping {
  code: string;
  time: string | null;
  device: string | null;
  count: string | null;
  /**
   * An aggregate's distinct devices per row (the `devices` of the sql/ recipes): summed, an upper bound of
   * the distinct devices (see Totals.devices).
   */
  deviceCount: string | null;
  dimensions: string[];
  /** Columns that are none of the above, with why (free text, identifiers, numbers, too many values). */
  ignored: { name: string; reason: string }[];
}

/** A caller's choices; `null` says "there is no such column", a missing field says "infer it". */
export interface MappingOverride {
  code?: string;
  time?: string | null;
  device?: string | null;
  count?: string | null;
  deviceCount?: string | null;
  dimensions?: string[];
}

export type InferenceResult = { ok: true; mapping: ColumnMapping } | { ok: false; reason: string };

/** Column names compared without case, spaces or punctuation: "Result Code" ≡ result_code ≡ resultCode. */
export function normalizeName(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '');
}

/** Best first. The last segment of a dotted JSON name counts too (`result.code` → code). */
const CODE_NAMES = [
  'resultcode',
  'scomoresultcode',
  'scomoresult',
  'resultcodes',
  'itemdata',
  // a LwM2M server's notification of a resource (Leshan's event stream: `{"res": "/5/0/5", "val": {"value": "8"}}`)
  'valvalue',
  'alertdata',
  'resultdata',
  'statuscode',
  'result',
  'code',
  'status',
  'data',
  'errorcode',
  'returncode',
  'rc',
  'outcome',
];
/**
 * Names of numbers that are never a result code, whatever their values: counters, ordinals, sizes and ids
 * (ADU's `retryCount` of 0 and 1, AWS's `executionNumber`, Leshan's `val.id` 5 beside `val.value`, a
 * rollout's id). Such a column is the code only when the caller names it so.
 */
const COUNTER_NAME =
  /(?:count|number|num|no|attempts?|retry|retries|size|weight|version|id|index|seq|rollout)$/i;

/** A dotted name's last segment (`val.id` → `id`). */
function lastName(name: string): string {
  return name.slice(name.lastIndexOf('.') + 1);
}

const STRONG_CODE_NAMES = new Set(['resultcode', 'scomoresultcode', 'scomoresult', 'itemdata', 'code']);
const TIME_NAMES = [
  'timestamp',
  'time',
  'eventtime',
  'datetime',
  'ts',
  'date',
  'received',
  'receivedat',
  'receivedtime',
  'reportedat',
  'reported',
  // when a platform's record was last changed is when its result came (hawkBit, AWS IoT Jobs, Mender)
  'lastmodifiedat',
  'lastupdatedat',
  'updatedat',
  'finishedat',
  'completedat',
  'finished',
  'createdat',
  'created',
  'occurredat',
  'loggedat',
  'logtime',
  'eventdate',
  'day',
  'timeutc',
  'queuedat',
  'startedat',
  'when',
];
const DEVICE_NAMES = [
  'deviceid',
  'devid',
  'device',
  'imei',
  'meid',
  'serial',
  'serialnumber',
  'serialno',
  'devicesn',
  'deviceserial',
  'sn',
  'esn',
  'imsi',
  'iccid',
  'msisdn',
  'deviceidentifier',
  'dmdeviceid',
  // a SyncML message's sender (the syncml-reader's column)
  'synchdrsourcelocuri',
  // the platforms' names: hawkBit DDI, AWS IoT (the thing name is read out of an ARN), Leshan, hawkBit Mgmt
  'controllerid',
  'thingname',
  'thingarn',
  'ep',
  'linkstargetname',
  'clientid',
  'endpoint',
  'mac',
];
const COUNT_NAMES = [
  'count',
  'operations',
  'n',
  'total',
  'events',
  'occurrences',
  'cnt',
  'num',
  'weight',
  'qty',
  'quantity',
  'hits',
];
/** An aggregate's distinct devices per row: sql/ recipes write `devices`. */
const DEVICE_COUNT_NAMES = [
  'devices',
  'devicecount',
  'distinctdevices',
  'uniquedevices',
  'ndevices',
  'numdevices',
];
const IDENTIFIER_NAMES = new Set([
  'id',
  'uuid',
  'guid',
  'eventid',
  'requestid',
  'correlationid',
  'traceid',
  'sessionid',
  'messageid',
  'jobid',
  'rowid',
]);
const FREE_TEXT_NAMES = new Set([
  'note',
  'notes',
  'comment',
  'comments',
  'description',
  'details',
  'detail',
  'text',
]);

/** A dimension is low-cardinality text: at most this many distinct values in the sample… */
const MAX_DIMENSION_VALUES = 500;

/**
 * …filled in at least this share of a sample of SPARSE_SAMPLE_ROWS rows or more: a column that is nearly
 * always empty tells little about a rollout and costs every row an id (a JSON log with a new key in every
 * record has only such columns).
 */
const MIN_FILLED_SHARE = 0.01;
const SPARSE_SAMPLE_ROWS = 100;

/** A time name by its ending: camelCase `At`/`Date`, or `_at`/`_date` after a separator. */
const TIME_SUFFIX = /(?:[a-z0-9]At|[a-z0-9]Date|[_\- ](?:at|date))$/;

function nameRank(name: string, candidates: readonly string[]): number {
  const full = normalizeName(name);
  const last = normalizeName(name.slice(name.lastIndexOf('.') + 1));
  let rank = candidates.indexOf(full);
  if (rank < 0) rank = candidates.indexOf(last);
  if (rank < 0 && candidates === DEVICE_NAMES && (full.endsWith('deviceid') || full.includes('imei')))
    rank = 0;
  if (rank < 0 && candidates === CODE_NAMES && full.endsWith('resultcode')) rank = 0;
  // any other `…At`, `…_at`, `…Date`, `…_date` (createdAt, last_seen_at, install_date), below every listed name
  if (rank < 0 && candidates === TIME_NAMES && TIME_SUFFIX.test(name.slice(name.lastIndexOf('.') + 1)))
    rank = candidates.length - 1;
  return rank < 0 ? -1 : candidates.length - rank;
}

interface ColumnStats {
  nonEmpty: number;
  plausibleCodes: number;
  times: number;
  dateTexts: number;
  counts: number;
  numbers: number;
  distinct: number;
}

function statsOf(at: number, sample: readonly (readonly Cell[])[], catalog: Catalog): ColumnStats {
  const stats: ColumnStats = {
    nonEmpty: 0,
    plausibleCodes: 0,
    times: 0,
    dateTexts: 0,
    counts: 0,
    numbers: 0,
    distinct: 0,
  };
  const seen = new Set<string>();
  for (const row of sample) {
    const cell = row[at];
    if (cell === undefined || cell === null || (typeof cell === 'string' && cell.trim() === '')) continue;
    stats.nonEmpty++;
    const code = parseCode(cell);
    if (!Number.isNaN(code) && catalog.plausible(code)) stats.plausibleCodes++;
    if (!Number.isNaN(parseTime(cell))) {
      stats.times++;
      if (typeof cell === 'string' && /^\s*\d{4}[-/]\d{2}[-/]\d{2}/.test(cell)) stats.dateTexts++;
    }
    if (!Number.isNaN(parseCount(cell))) stats.counts++;
    if (typeof cell === 'number' || (typeof cell === 'string' && Number.isFinite(Number(cell))))
      stats.numbers++;
    if (seen.size <= MAX_DIMENSION_VALUES) seen.add(String(cell).trim());
  }
  stats.distinct = seen.size;
  return stats;
}

/**
 * Chooses the mapping from column names and a sample of rows. The result-code column is the one whose name
 * says so and whose values are mostly codes of the catalog, or failing a name, the column whose values are
 * almost all codes. Time, device and count follow by name (time also by ISO-looking values).
 */
export function inferColumns(
  names: readonly string[],
  sample: readonly (readonly Cell[])[],
  catalog: Catalog,
  override: MappingOverride = {},
): InferenceResult {
  const known = new Set(names);
  const missing = [
    override.code,
    override.time,
    override.device,
    override.count,
    override.deviceCount,
    ...(override.dimensions ?? []),
  ]
    .filter((n): n is string => typeof n === 'string')
    .filter((n) => !known.has(n));
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `no column named ${missing.map((n) => `"${n}"`).join(', ')}; the columns are ${listNames(names)}.`,
    };
  }
  const stats = names.map((_, at) => statsOf(at, sample, catalog));
  const taken = new Set<number>();
  const pick = (at: number): string => {
    taken.add(at);
    return names[at] as string;
  };

  let code: string | null = override.code ?? null;
  if (code !== null) taken.add(names.indexOf(code));
  else {
    let best = -1;
    let bestScore = 0;
    names.forEach((name, at) => {
      const s = stats[at] as ColumnStats;
      const ratio = s.nonEmpty === 0 ? 0 : s.plausibleCodes / s.nonEmpty;
      const rank = nameRank(name, CODE_NAMES);
      let score = 0;
      if (rank > 0 && (ratio >= 0.5 || (s.nonEmpty === 0 && sample.length === 0)))
        score = 2 + ratio + rank / 100;
      else if (ratio >= 0.8 && s.nonEmpty >= Math.min(3, sample.length) && !COUNTER_NAME.test(lastName(name)))
        score = ratio;
      if (score > bestScore) {
        bestScore = score;
        best = at;
      }
    });
    // A column named unmistakably for codes is used even when its values are not codes: every row is then
    // rejected with its reason, which says more than "no column found".
    if (best < 0) best = names.findIndex((name) => STRONG_CODE_NAMES.has(normalizeName(name)));
    if (best >= 0) code = pick(best);
  }
  if (code === null) {
    return {
      ok: false,
      reason:
        `no result-code column found (a column named like result_code, ResultCode or code, holding ${catalog.title} such as 1200 or 1404). ` +
        `The columns are ${listNames(names)}; choose one with the column mapping (CLI: --code NAME).`,
    };
  }

  const byName = (
    candidates: readonly string[],
    accept: (s: ColumnStats) => boolean,
    given: string | null | undefined,
  ): string | null => {
    if (given !== undefined) {
      if (given !== null) taken.add(names.indexOf(given));
      return given;
    }
    let best = -1;
    let bestRank = 0;
    names.forEach((name, at) => {
      if (taken.has(at)) return;
      const rank = nameRank(name, candidates);
      if (rank > bestRank && accept(stats[at] as ColumnStats)) {
        bestRank = rank;
        best = at;
      }
    });
    return best >= 0 ? pick(best) : null;
  };

  const mostly = (part: number, s: ColumnStats, share: number) =>
    s.nonEmpty === 0 || part >= s.nonEmpty * share;
  let time = byName(TIME_NAMES, (s) => mostly(s.times, s, 0.8), override.time);
  if (time === null && override.time === undefined) {
    // no time by name: a column of date-time texts will do
    const at = names.findIndex((_, k) => {
      const s = stats[k] as ColumnStats;
      return !taken.has(k) && s.nonEmpty > 0 && s.dateTexts >= s.nonEmpty * 0.9;
    });
    if (at >= 0) time = pick(at);
  }
  const device =
    byName(DEVICE_NAMES, () => true, override.device) ?? deviceRecordId(names, taken, pick, override);
  const countable = (s: ColumnStats) => s.nonEmpty > 0 && mostly(s.counts, s, 0.5);
  const count = byName(COUNT_NAMES, countable, override.count);
  const deviceCount = byName(DEVICE_COUNT_NAMES, countable, override.deviceCount);

  const dimensions: string[] = [];
  const ignored: { name: string; reason: string }[] = [];
  const chosen = override.dimensions ? new Set(override.dimensions) : null;
  names.forEach((name, at) => {
    if (taken.has(at)) return;
    if (chosen) {
      if (chosen.has(name)) dimensions.push(name);
      else ignored.push({ name, reason: 'not chosen as a dimension' });
      return;
    }
    const reason = notDimensionReason(name, stats[at] as ColumnStats, sample.length);
    if (reason === null) dimensions.push(name);
    else ignored.push({ name, reason });
  });
  return { ok: true, mapping: { code, time, device, count, deviceCount, dimensions, ignored } };
}

/**
 * A record that describes a device (it has a device type: a Mender deployment's device list) and names it by
 * nothing but its `id`: that id is the device.
 */
function deviceRecordId(
  names: readonly string[],
  taken: ReadonlySet<number>,
  pick: (at: number) => string,
  override: MappingOverride,
): string | null {
  if (override.device !== undefined) return null;
  const at = names.indexOf('id');
  if (at < 0 || taken.has(at)) return null;
  return names.some((n) => normalizeName(n) === 'devicetype') ? pick(at) : null;
}

function notDimensionReason(name: string, s: ColumnStats, sampleRows: number): string | null {
  const key = normalizeName(name.slice(name.lastIndexOf('.') + 1));
  if (IDENTIFIER_NAMES.has(key) || IDENTIFIER_NAMES.has(normalizeName(name))) return 'identifier';
  if (s.nonEmpty === 0) return 'always empty';
  if (sampleRows >= SPARSE_SAMPLE_ROWS && s.nonEmpty < sampleRows * MIN_FILLED_SHARE) {
    return 'almost always empty';
  }
  if (s.distinct > MAX_DIMENSION_VALUES) return 'too many distinct values';
  if (s.numbers === s.nonEmpty && s.distinct > 20) return 'numeric measure';
  if (FREE_TEXT_NAMES.has(key)) return 'free text';
  if (s.nonEmpty >= 50 && s.distinct > s.nonEmpty * 0.5) return 'too many distinct values';
  return null;
}

function listNames(names: readonly string[]): string {
  if (names.length === 0) return 'none (no header row found)';
  // a name is shown short: a header cell can hold anything, up to megabytes of a file that is not a log
  const shown = names.slice(0, 20).map((n) => `"${n.length > 40 ? `${n.slice(0, 40)}…` : n}"`);
  return names.length > 20 ? `${shown.join(', ')} and ${names.length - 20} more` : shown.join(', ');
}
