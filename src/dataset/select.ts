import { statusKey } from '../catalog/catalog-types.ts';
import type { ResultInfo } from '../catalog/result.ts';
import type { DatasetColumns } from './dataset-columns.ts';
import type { IdArray } from './growable-columns.ts';
import type { Filter, ResultFilter, Selection } from './query-types.ts';
import { RESULT_FILTER_FIELDS } from './query-types.ts';

/** Which dictionary values (or codes) pass one test: `pass[ids[row]]` is 1 for a row that passes. */
interface IdTest {
  ids: IdArray;
  pass: Uint8Array;
}

/**
 * Filters to selections (row indices, ascending). Filtered a column at a time: the test that passes the
 * fewest dictionary values scans every row, and each further test only the rows still in, each in a tight
 * loop of its own.
 */
export class RowSelector {
  private readonly c: DatasetColumns;
  private readonly info: readonly ResultInfo[];
  /** Device ids in lower case, made on the first device search. */
  private lowerDevices: string[] | null = null;

  constructor(columns: DatasetColumns, info: readonly ResultInfo[]) {
    this.c = columns;
    this.info = info;
  }

  all(): Selection {
    return { rows: null, size: this.c.rowCount };
  }

  select(filter: Filter = {}): Selection {
    const c = this.c;
    const tests: IdTest[] = [];
    const codePass = codeMask(this.info, filter);
    if (codePass) tests.push({ ids: c.codeIds, pass: codePass });
    for (const [dimensions, pass] of [
      [filter.dimensions, 1],
      [filter.not?.dimensions, 0],
    ] as const) {
      for (const { name, values: listed } of dimensions ?? []) {
        const column = c.dimensions.find((d) => d.name === name);
        if (!column) continue;
        const named = new Set(listed);
        tests.push({
          ids: column.ids,
          pass: Uint8Array.from(column.values, (v) => (named.has(v) ? pass : 1 - pass)),
        });
      }
    }
    const deviceQuery = filter.device?.trim().toLowerCase();
    const search = this.textMasks(filter.text);
    const timed = filter.timeFrom !== undefined || filter.timeTo !== undefined;
    if (filter.deviceIds) {
      const exact = this.exactDevices(filter.deviceIds);
      if (!exact) return { rows: new Uint32Array(0), size: 0 };
      tests.push(exact);
    }
    if (tests.length === 0 && !deviceQuery && !search && !timed) return this.all();
    if (timed && !c.time) return { rows: new Uint32Array(0), size: 0 };
    if (deviceQuery) {
      const devices = this.deviceTest(deviceQuery);
      if (!devices) return { rows: new Uint32Array(0), size: 0 };
      tests.push(devices);
    }
    // the most selective test first (by the share of dictionary values it lets through)
    const share = new Map(tests.map((t) => [t, passCount(t.pass) / Math.max(1, t.pass.length)]));
    tests.sort((x, y) => (share.get(x) as number) - (share.get(y) as number));

    const n = c.rowCount;
    const out = new Uint32Array(n);
    let size = -1; // -1: no test has run yet, every row is in
    for (const t of tests) {
      size = size < 0 ? scanIds(t.ids, t.pass, n, out) : refineIds(out, size, t.ids, t.pass);
    }
    if (timed) {
      const from = filter.timeFrom ?? Number.NEGATIVE_INFINITY;
      const to = filter.timeTo ?? Number.POSITIVE_INFINITY;
      size = refineTime(out, size, n, c.time as Float64Array, from, to);
    }
    if (search) {
      if (size < 0) {
        for (let i = 0; i < n; i++) out[i] = i;
        size = n;
      }
      let m = 0;
      for (let k = 0; k < size; k++) {
        const i = out[k] as number;
        if (search.matches(i)) out[m++] = i;
      }
      size = m;
    }
    return { rows: size === out.length ? out : out.slice(0, size), size };
  }

  /** The device ids among `ids` exactly; null without a device column. */
  private exactDevices(ids: readonly string[]): IdTest | null {
    const device = this.c.device;
    if (!device) return null;
    const wanted = new Set(ids);
    return {
      ids: device.ids,
      pass: Uint8Array.from(device.values, (v) => (v !== '' && wanted.has(v) ? 1 : 0)),
    };
  }

  /** The device ids that contain `term` (lower case); null without a device column. */
  private deviceTest(term: string): IdTest | null {
    const device = this.c.device;
    if (!device) return null;
    this.lowerDevices ??= device.values.map((v) => v.toLowerCase());
    return { ids: device.ids, pass: Uint8Array.from(this.lowerDevices, (v) => (v.includes(term) ? 1 : 0)) };
  }

  /** For the search text: which codes, devices and dimension values contain it, and a per-row test. */
  private textMasks(text: string | undefined): { matches(row: number): boolean } | null {
    const term = text?.trim().toLowerCase();
    if (!term) return null;
    const c = this.c;
    const code = Uint8Array.from(this.info, (i) =>
      (i.code !== null && String(i.code).startsWith(term)) ||
      i.status?.toLowerCase().includes(term) ||
      i.name.toLowerCase().includes(term)
        ? 1
        : 0,
    );
    const columns: IdTest[] = [];
    const devices = this.deviceTest(term);
    if (devices) columns.push(devices);
    for (const d of c.dimensions) {
      const pass = Uint8Array.from(d.values, (v) => (v.toLowerCase().includes(term) ? 1 : 0));
      if (pass.includes(1)) columns.push({ ids: d.ids, pass });
    }
    const codeIds = c.codeIds;
    return {
      matches(row) {
        if (code[codeIds[row] as number] === 1) return true;
        for (const column of columns) if (column.pass[column.ids[row] as number] === 1) return true;
        return false;
      },
    };
  }
}

/** A filter split into its result fields, included and excluded (null when none is set), and the rest. */
export function splitResultFilter(filter: Filter): { result: ResultFilter | null; rest: Filter } {
  const { not, ...included } = filter;
  const main = splitFields(included);
  const excluded = splitFields(not ?? {});
  if (Object.keys(excluded.result).length > 0) main.result.not = excluded.result;
  if (Object.keys(excluded.rest).length > 0) main.rest.not = excluded.rest;
  return {
    result: Object.keys(main.result).length > 0 ? (main.result as ResultFilter) : null,
    rest: main.rest as Filter,
  };
}

function splitFields(from: object): { result: Record<string, unknown>; rest: Record<string, unknown> } {
  const result: Record<string, unknown> = {};
  const rest: Record<string, unknown> = {};
  // keyed by Filter's own field names, never by a name from the data
  for (const [key, value] of Object.entries(from)) {
    if (value === undefined) continue;
    if ((RESULT_FILTER_FIELDS as readonly string[]).includes(key)) result[key] = value;
    else rest[key] = value;
  }
  return { result, rest };
}

/**
 * Per distinct code, whether it passes the code-derived parts of the filter: it holds one of the listed
 * values of every included field, and none of the excluded (`not`) values. Null when none is set.
 */
export function codeMask(info: readonly ResultInfo[], filter: Filter | ResultFilter): Uint8Array | null {
  const include = memberships(filter);
  const exclude = filter.not ? memberships(filter.not) : [];
  if (include.length === 0 && exclude.length === 0) return null;
  return Uint8Array.from(info, (i) =>
    include.every((m) => m(i) === true) && exclude.every((m) => m(i) !== true) ? 1 : 0,
  );
}

/**
 * Per result field that is set, whether a result's value is listed; null for a result without that
 * value (no code, no stage), which no include takes and no exclude drops.
 */
function memberships(f: Filter | ResultFilter): ((i: ResultInfo) => boolean | null)[] {
  const out: ((i: ResultInfo) => boolean | null)[] = [];
  const { codes, statuses, categories, outcomes, stages, causes } = f;
  const families = 'families' in f ? f.families : undefined;
  if (codes) {
    const set = new Set(codes);
    out.push((i) => (i.code === null ? null : set.has(i.code)));
  }
  if (families) out.push((i) => families.includes(i.family));
  if (statuses) {
    const set = new Set(statuses.map(statusKey));
    out.push((i) => (i.status === null ? null : set.has(statusKey(i.status))));
  }
  if (categories) out.push((i) => categories.includes(i.category));
  if (outcomes) out.push((i) => outcomes.includes(i.outcome));
  if (stages) out.push((i) => (i.stage === null ? null : stages.includes(i.stage)));
  if (causes) out.push((i) => (i.cause === null ? null : causes.includes(i.cause)));
  return out;
}

function passCount(pass: Uint8Array): number {
  let count = 0;
  for (let v = 0; v < pass.length; v++) count += pass[v] as number;
  return count;
}

/** Writes the rows whose id passes into `out`; returns how many. Branch-free: `pass` holds 0 or 1. */
function scanIds(ids: IdArray, pass: Uint8Array, n: number, out: Uint32Array): number {
  let size = 0;
  for (let i = 0; i < n; i++) {
    out[size] = i;
    size += pass[ids[i] as number] as number;
  }
  return size;
}

/** Keeps, in place, the first `size` rows of `rows` whose id passes; returns how many. */
function refineIds(rows: Uint32Array, size: number, ids: IdArray, pass: Uint8Array): number {
  let m = 0;
  for (let k = 0; k < size; k++) {
    const i = rows[k] as number;
    rows[m] = i;
    m += pass[ids[i] as number] as number;
  }
  return m;
}

/** Keeps the rows with a time in [from, to); `size` -1 means every row of `n`. */
function refineTime(
  rows: Uint32Array,
  size: number,
  n: number,
  time: Float64Array,
  from: number,
  to: number,
): number {
  let m = 0;
  if (size < 0) {
    for (let i = 0; i < n; i++) {
      const t = time[i] as number;
      if (t >= from && t < to) rows[m++] = i;
    }
    return m;
  }
  for (let k = 0; k < size; k++) {
    const i = rows[k] as number;
    const t = time[i] as number;
    if (t >= from && t < to) rows[m++] = i;
  }
  return m;
}
