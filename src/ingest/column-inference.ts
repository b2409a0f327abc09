import type { Catalog } from '../catalog/catalog-types.ts';
import {
  CODE_NAMES,
  COUNT_NAMES,
  COUNTER_NAME,
  DEVICE_COUNT_NAMES,
  DEVICE_NAMES,
  FREE_TEXT_NAMES,
  IDENTIFIER_NAMES,
  lastName,
  lastSegment,
  listNames,
  nameRank,
  normalizeName,
  PROGRESS_NAME,
  STATUS_NAMES,
  STRONG_CODE_NAMES,
  TIME_NAMES,
} from './column-names.ts';
import { type Cell, parseCode, parseTime } from './field-parsers.ts';

/** Which column plays which part. Found from names and values; every part can be overridden. */
export interface ColumnMapping {
  /** The result-code column; null when the file gives its results as status words only. */
  code: string | null;
  /** The status-word column (hawkBit `detailStatus`, AWS IoT Jobs `status`, …); null for none. */
  status: string | null;
  /**
   * A second status word read with `status` where a platform reports two (hawkBit DDI's
   * `status.result.finished` beside `status.execution`); the family's rule says which decides. Null for none.
   */
  statusResult: string | null;
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
  code?: string | null;
  status?: string | null;
  time?: string | null;
  device?: string | null;
  count?: string | null;
  deviceCount?: string | null;
  dimensions?: string[];
  /** The id of the family (catalog) every file is read in; absent: detected per file. */
  catalog?: string;
}

export type InferenceResult = { ok: true; mapping: ColumnMapping } | { ok: false; reason: string };

/** A dimension is low-cardinality text: at most this many distinct values in the sample… */
const MAX_DIMENSION_VALUES = 500;

/**
 * …filled in at least this share of a sample of SPARSE_SAMPLE_ROWS rows or more: a column that is nearly
 * always empty tells little about a rollout and costs every row an id (a JSON log with a new key in every
 * record has only such columns).
 */
const MIN_FILLED_SHARE = 0.01;
const SPARSE_SAMPLE_ROWS = 100;

interface ColumnStats {
  nonEmpty: number;
  /** Values some family's numbering holds (see Catalog.plausible). */
  plausibleCodes: number;
  /** Of those, the ones of 100 or more: small integers say "code" only under a code's name. */
  largeCodes: number;
  /** Values some family lists as a status word. */
  statusWords: number;
  times: number;
  dateTexts: number;
  counts: number;
  numbers: number;
  distinct: number;
}

/** What one non-empty cell says about its column, as bits (see `cellFacts`). */
const PLAUSIBLE_CODE = 1;
const LARGE_CODE = 2;
const STATUS_WORD = 4;
const TIME = 8;
const DATE_TEXT = 16;
const COUNT = 32;
const NUMBER = 64;

/**
 * The facts of a cell (PLAUSIBLE_CODE …), remembered per text for one inference: a sample's dimension
 * columns repeat a few values, and a cell's facts take a code parse, a time parse and a status-word look-up
 * in every family — most of the cost of choosing a mapping while that code still runs unoptimised.
 */
function cellFacts(catalogs: readonly Catalog[]): (cell: Cell) => number {
  const withWords = catalogs.filter((catalog) => catalog.statuses.length > 0);
  const known = new Map<string, number>();
  const factsOf = (cell: Cell): number => {
    let facts = 0;
    const code = parseCode(cell);
    if (!Number.isNaN(code) && catalogs.some((c) => c.plausible(code))) {
      facts |= PLAUSIBLE_CODE;
      if (code >= 100) facts |= LARGE_CODE;
    }
    if (
      typeof cell === 'string' &&
      Number.isNaN(code) &&
      withWords.some((catalog) => catalog.lookupStatus(cell) !== null)
    )
      facts |= STATUS_WORD;
    if (!Number.isNaN(parseTime(cell))) {
      facts |= TIME;
      if (typeof cell === 'string' && /^\s*\d{4}[-/]\d{2}[-/]\d{2}/.test(cell)) facts |= DATE_TEXT;
    }
    // parseCount's answer: a code of 0 or more
    if (code >= 0) facts |= COUNT;
    if (typeof cell === 'number' || (typeof cell === 'string' && Number.isFinite(Number(cell))))
      facts |= NUMBER;
    return facts;
  };
  return (cell) => {
    if (typeof cell !== 'string') return factsOf(cell);
    let facts = known.get(cell);
    if (facts === undefined) {
      facts = factsOf(cell);
      known.set(cell, facts);
    }
    return facts;
  };
}

function statsOf(
  at: number,
  sample: readonly (readonly Cell[])[],
  facts: (cell: Cell) => number,
): ColumnStats {
  const stats: ColumnStats = {
    nonEmpty: 0,
    plausibleCodes: 0,
    largeCodes: 0,
    statusWords: 0,
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
    const f = facts(cell);
    if (f & PLAUSIBLE_CODE) stats.plausibleCodes++;
    if (f & LARGE_CODE) stats.largeCodes++;
    if (f & STATUS_WORD) stats.statusWords++;
    if (f & TIME) stats.times++;
    if (f & DATE_TEXT) stats.dateTexts++;
    if (f & COUNT) stats.counts++;
    if (f & NUMBER) stats.numbers++;
    if (seen.size <= MAX_DIMENSION_VALUES) seen.add(String(cell).trim());
  }
  stats.distinct = seen.size;
  return stats;
}

/** The columns of one file and what is known of them while roles are handed out. */
interface Columns {
  readonly names: readonly string[];
  readonly stats: readonly ColumnStats[];
  readonly sampleRows: number;
  readonly taken: Set<number>;
}

/**
 * The best untaken column by `score` (0: not a candidate), taken; or a given choice (null: "none").
 */
function choose(
  columns: Columns,
  given: string | null | undefined,
  score: (name: string, s: ColumnStats) => number,
): string | null {
  const { names, stats, taken } = columns;
  if (given !== undefined) {
    if (given !== null) taken.add(names.indexOf(given));
    return given;
  }
  let best = -1;
  let bestScore = 0;
  names.forEach((name, at) => {
    if (taken.has(at)) return;
    const value = score(name, stats[at] as ColumnStats);
    if (value > bestScore) {
      bestScore = value;
      best = at;
    }
  });
  if (best < 0) return null;
  taken.add(best);
  return names[best] as string;
}

/**
 * A role's score from a name list and a share of fitting values: a column named for the role whose values
 * mostly fit (or of an empty sample) beats any unnamed one; an unnamed one needs `unnamed` of its values to
 * fit, and a few of them.
 */
function namedOrFitting(
  name: string,
  candidates: readonly string[],
  fitting: number,
  s: ColumnStats,
  sampleRows: number,
): number {
  const ratio = s.nonEmpty === 0 ? 0 : fitting / s.nonEmpty;
  const rank = nameRank(name, candidates);
  if (rank > 0 && (ratio >= 0.5 || (s.nonEmpty === 0 && sampleRows === 0))) return 2 + ratio + rank / 100;
  return 0;
}

function unnamedShare(fitting: number, s: ColumnStats, sampleRows: number): number {
  const ratio = s.nonEmpty === 0 ? 0 : fitting / s.nonEmpty;
  return ratio >= 0.8 && s.nonEmpty >= Math.min(3, sampleRows) ? ratio : 0;
}

/**
 * The result-code column: named for codes with mostly plausible codes, or failing a name, almost all codes
 * of 100 or more (LwM2M's 0–11 are any small number's values). A column named unmistakably for codes is
 * used even when its values are not codes, when no status column is there to read instead: every row is
 * then rejected with its reason, which says more than "no column found".
 */
function chooseCode(columns: Columns, given: string | null | undefined): string | null {
  const { sampleRows } = columns;
  return choose(columns, given, (name, s) =>
    Math.max(
      namedOrFitting(name, CODE_NAMES, s.plausibleCodes, s, sampleRows),
      COUNTER_NAME.test(lastName(name)) ? 0 : unnamedShare(s.largeCodes, s, sampleRows),
    ),
  );
}

/**
 * The status column: named for status with mostly status words, or — in a file without a code column —
 * failing a name, almost all status words. Beside a code column a name is needed: a column of outcome
 * words (dmscope's own export's `category`) is then a dimension, not a second result.
 */
function chooseStatus(columns: Columns, given: string | null | undefined, byValues: boolean): string | null {
  const { sampleRows } = columns;
  return choose(columns, given, (name, s) =>
    Math.max(
      namedOrFitting(name, STATUS_NAMES, s.statusWords, s, sampleRows),
      byValues ? unnamedShare(s.statusWords, s, sampleRows) : 0,
    ),
  );
}

/**
 * A family's pair of status-word columns, by the names its signals give (hawkBit DDI's `execution` and
 * `finished`: `status.execution`, `status.result.finished`), when both are there and untaken: the first is
 * the status column, the second its result (see ColumnMapping.statusResult). The names alone decide: the
 * first word of a pair need not be one the table lists (DDI's `closed` says only "look at the second").
 */
function statusPair(columns: Columns, catalogs: readonly Catalog[]): [number, number] | null {
  const { names, taken } = columns;
  const find = (key: string) => names.findIndex((name, at) => !taken.has(at) && lastSegment(name) === key);
  for (const catalog of catalogs) {
    const pair = catalog.signals?.statusNames;
    if (pair === undefined || pair.length !== 2) continue;
    const first = find(normalizeName(pair[0] as string));
    const second = find(normalizeName(pair[1] as string));
    if (first >= 0 && second >= 0) return [first, second];
  }
  return null;
}

/** The status column and its result column: a family's pair (see statusPair), else one column by name or words. */
function chooseStatusColumns(
  columns: Columns,
  catalogs: readonly Catalog[],
  given: string | null | undefined,
  hasCode: boolean,
): { status: string | null; statusResult: string | null } {
  const pair = given === undefined ? statusPair(columns, catalogs) : null;
  if (pair === null) return { status: chooseStatus(columns, given, !hasCode), statusResult: null };
  for (const at of pair) columns.taken.add(at);
  return { status: columns.names[pair[0]] as string, statusResult: columns.names[pair[1]] as string };
}

/**
 * Chooses the mapping from column names and a sample of rows. The result is read from a code column and/or
 * a status-word column: the code column is the one whose name says so and whose values are mostly codes
 * of one of `catalogs`, or failing a name, the column whose values are almost all such codes; the status
 * column likewise from status words. Time, device and count follow by name (time also by ISO-looking values).
 */
export function inferColumns(
  names: readonly string[],
  sample: readonly (readonly Cell[])[],
  catalogs: readonly Catalog[],
  override: MappingOverride = {},
): InferenceResult {
  const missing = missingColumns(names, override);
  if (missing.length > 0) {
    return {
      ok: false,
      reason: `no column named ${missing.map((n) => `"${n}"`).join(', ')}; the columns are ${listNames(names)}.`,
    };
  }
  const facts = cellFacts(catalogs);
  const columns: Columns = {
    names,
    stats: names.map((_, at) => statsOf(at, sample, facts)),
    sampleRows: sample.length,
    taken: new Set<number>(),
  };
  let code = chooseCode(columns, override.code);
  const { status, statusResult } = chooseStatusColumns(columns, catalogs, override.status, code !== null);
  if (code !== null && status !== null && override.code === undefined && nameRank(code, CODE_NAMES) <= 0) {
    // beside a status column, a column of numbers no name calls codes is no result (hawkBit's
    // lastStatusCode 200 is the device's HTTP-like status): the status words give the results
    columns.taken.delete(names.indexOf(code));
    code = null;
  }
  if (code === null && status === null && override.code === undefined) {
    code = choose(columns, undefined, (name) => (STRONG_CODE_NAMES.has(normalizeName(name)) ? 1 : 0));
  }
  if (code === null && status === null) {
    return {
      ok: false,
      reason:
        `no result-code column found (a column named like result_code, ResultCode or code, holding codes such as 1200, 402 or 8), and no status-word column (named like status, detailStatus or deviceState, holding words such as finished, error or SUCCEEDED). ` +
        `The columns are ${listNames(names)}; choose one with the column mapping (CLI: --code NAME or --status NAME).`,
    };
  }
  const mostly = (part: number, s: ColumnStats, share: number) =>
    s.nonEmpty === 0 || part >= s.nonEmpty * share;
  const rank =
    (candidates: readonly string[], accept: (s: ColumnStats) => boolean) => (name: string, s: ColumnStats) =>
      accept(s) ? Math.max(0, nameRank(name, candidates)) : 0;
  let time = choose(
    columns,
    override.time,
    rank(TIME_NAMES, (s) => mostly(s.times, s, 0.8)),
  );
  if (time === null && override.time === undefined) {
    // no time by name: a column of date-time texts will do
    time = choose(columns, undefined, (_, s) => (s.nonEmpty > 0 && s.dateTexts >= s.nonEmpty * 0.9 ? 1 : 0));
  }
  const device =
    choose(
      columns,
      override.device,
      rank(DEVICE_NAMES, () => true),
    ) ?? deviceRecordId(columns, override);
  const countable = (candidates: readonly string[]) => (name: string, s: ColumnStats) =>
    PROGRESS_NAME.test(normalizeName(name)) || s.nonEmpty === 0 || !mostly(s.counts, s, 0.5)
      ? 0
      : Math.max(0, nameRank(name, candidates));
  const count = choose(columns, override.count, countable(COUNT_NAMES));
  const deviceCount = choose(columns, override.deviceCount, countable(DEVICE_COUNT_NAMES));
  const { dimensions, ignored } = dimensionsOf(columns, override.dimensions);
  return {
    ok: true,
    mapping: { code, status, statusResult, time, device, count, deviceCount, dimensions, ignored },
  };
}

function missingColumns(names: readonly string[], override: MappingOverride): string[] {
  const known = new Set(names);
  return [
    override.code,
    override.status,
    override.time,
    override.device,
    override.count,
    override.deviceCount,
    ...(override.dimensions ?? []),
  ]
    .filter((n): n is string => typeof n === 'string')
    .filter((n) => !known.has(n));
}

/** The untaken columns: chosen dimensions (all given ones when `given`), the others ignored with why. */
function dimensionsOf(
  columns: Columns,
  given: readonly string[] | undefined,
): Pick<ColumnMapping, 'dimensions' | 'ignored'> {
  const dimensions: string[] = [];
  const ignored: { name: string; reason: string }[] = [];
  const chosen = given ? new Set(given) : null;
  columns.names.forEach((name, at) => {
    if (columns.taken.has(at)) return;
    if (chosen) {
      if (chosen.has(name)) dimensions.push(name);
      else ignored.push({ name, reason: 'not chosen as a dimension' });
      return;
    }
    const reason = notDimensionReason(name, columns.stats[at] as ColumnStats, columns.sampleRows);
    if (reason === null) dimensions.push(name);
    else ignored.push({ name, reason });
  });
  return { dimensions, ignored };
}

/**
 * A record that describes a device (it has a device type: a Mender deployment's device list) and names it by
 * nothing but its `id`: that id is the device.
 */
function deviceRecordId(columns: Columns, override: MappingOverride): string | null {
  if (override.device !== undefined) return null;
  const { names, taken } = columns;
  const at = names.indexOf('id');
  if (at < 0 || taken.has(at)) return null;
  if (!names.some((n) => normalizeName(n) === 'devicetype')) return null;
  taken.add(at);
  return 'id';
}

function notDimensionReason(name: string, s: ColumnStats, sampleRows: number): string | null {
  const key = lastSegment(name);
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
