import type { Catalog, CategoryClass } from '../catalog/catalog-types.ts';
import type { ResultInfo } from '../catalog/result.ts';
import { attemptSequences } from './attempts.ts';
import { crossCounts } from './cross-counts.ts';
import {
  type CodeTable,
  codeTable,
  columnNamed,
  compareText,
  type DatasetColumns,
} from './dataset-columns.ts';
import { facets, nonFacetFilter } from './facets.ts';
import { type IdArray, stringBytes } from './growable-columns.ts';
import { overview } from './overview.ts';
import type {
  AttemptSequences,
  CrossCounts,
  EventRow,
  Facet,
  Filter,
  ListedDevices,
  Overview,
  OverviewSpec,
  Selection,
  SortSpec,
} from './query-types.ts';
import { sortedRows } from './row-order.ts';
import { RowSelector } from './select.ts';
import { timeSpans } from './time-buckets.ts';

export type { EventRow, Selection } from './query-types.ts';

/**
 * The columnar store and every question the views ask of it. No per-row objects: filters produce a
 * selection (row indices), aggregations scan typed arrays. Everything derived from the code (category,
 * outcome, stage, cause) is looked up once per distinct code, never per row. Each job lives in a file of
 * its own (select, overview, devices, time-buckets, row-order); this class holds the columns and the
 * caches they share.
 */
export class Dataset {
  readonly catalog: Catalog;
  readonly rowCount: number;
  readonly dimensionNames: readonly string[];
  private readonly c: DatasetColumns;
  private readonly codes: CodeTable;
  private readonly selector: RowSelector;
  /** Sort ranks of dictionary columns, made on the first sort by that column. */
  private readonly rankCache = new Map<string, Int32Array>();
  /** The latest time of any row (NaN without times), found on the first attemptSequences. */
  private latest: number | undefined;

  constructor(columns: DatasetColumns) {
    this.c = columns;
    this.catalog = columns.catalog;
    this.rowCount = columns.rowCount;
    this.dimensionNames = columns.dimensions.map((d) => d.name);
    this.codes = codeTable(columns);
    this.selector = new RowSelector(columns, this.codes.info);
  }

  get hasTime(): boolean {
    return this.c.time !== null;
  }
  get hasDevice(): boolean {
    return this.c.device !== null;
  }
  get hasCount(): boolean {
    return this.c.count !== null;
  }
  /** Whether a file had an aggregate's distinct-devices column (see DatasetColumns.deviceCounts). */
  get hasDeviceCounts(): boolean {
    return this.c.deviceCounts !== null;
  }

  /** Bytes held by the columns (typed arrays and dictionary strings at 2 bytes a character). */
  get byteSize(): number {
    const c = this.c;
    let bytes = c.codeIds.byteLength + 64 * c.results.length;
    bytes += (c.time?.byteLength ?? 0) + (c.count?.byteLength ?? 0) + (c.deviceCounts?.byteLength ?? 0);
    for (const col of c.device ? [c.device, ...c.dimensions] : c.dimensions) {
      bytes += col.ids.byteLength;
      for (const v of col.values) bytes += stringBytes(v);
    }
    return bytes;
  }

  all(): Selection {
    return this.selector.all();
  }

  /** The rows that pass the filter, ascending. */
  select(filter: Filter = {}): Selection {
    return this.selector.select(filter);
  }

  /** Every figure of the dashboard for a selection (and for a part of it), in one scan of its rows. */
  overview(sel: Selection, spec: OverviewSpec = {}): Overview {
    return overview(this.c, this.codes, sel, spec);
  }

  /**
   * Per result field and per dimension, its values' rows under `filter` without that field's own part,
   * the first `limit` of each by operations (see facets.ts): one selection, one scan.
   */
  facets(filter: Filter, limit: number): Facet[] {
    return facets(this.c, this.codes, this.select(nonFacetFilter(filter)), filter, limit);
  }

  /**
   * Per dimension named (unknown names and 'device' are left out), the selection's rows per value × result
   * id, in one scan: the cross-tabulation the analyses (findings) sum.
   */
  crossCounts(sel: Selection, names: readonly string[]): CrossCounts[] {
    return crossCounts(this.c, sel, names);
  }

  /**
   * The selection's records per device and value of each key dimension (unknown names are left out), in
   * time order; only the devices of `onlyDevices` when given. Null without a device column.
   */
  attemptSequences(
    sel: Selection,
    keys: readonly string[],
    onlyDevices: ListedDevices | null = null,
  ): AttemptSequences | null {
    this.latest ??= latestTime(this.c.time, this.c.codeIds);
    return attemptSequences(this.c, this.codes, sel, keys, onlyDevices, this.latest);
  }

  /** How many distinct results (result ids 0 … resultCount − 1) the dataset has. */
  get resultCount(): number {
    return this.c.results.length;
  }

  /** The selection's rows in the order of one column; ties keep row order, missing values go last. */
  sortedRows(sel: Selection, sort: SortSpec | null): Uint32Array {
    return sortedRows(this.c, this.codes.info, this.rankCache, sel, sort);
  }

  /** The distinct values of a dimension (or 'device'), sorted. */
  dimensionValues(name: string): string[] {
    return [...(columnNamed(this.c, name)?.values ?? [])].sort(compareText);
  }

  /** Every event of one device, in time order (row order where times tie or are missing). */
  deviceHistory(deviceId: string): EventRow[] {
    const device = this.c.device;
    const d = device?.values.indexOf(deviceId) ?? -1;
    if (!device || d < 0) return [];
    const rows: number[] = [];
    for (let i = 0; i < this.rowCount; i++) if (device.ids[i] === d) rows.push(i);
    const time = this.c.time;
    if (time) rows.sort((a, b) => timeKey(time[a]) - timeKey(time[b]) || a - b);
    return rows.map((i) => this.event(i));
  }

  event(row: number): EventRow {
    const c = this.c;
    const t = c.time ? (c.time[row] as number) : Number.NaN;
    const result = c.codeIds[row] as number;
    const info = c.results[result] as ResultInfo;
    return {
      row,
      time: Number.isNaN(t) ? null : t,
      device: c.device ? (c.device.values[c.device.ids[row] as number] as string) : null,
      result,
      code: info.code,
      status: info.status,
      count: c.count ? (c.count[row] as number) : 1,
      devices: c.deviceCounts ? (c.deviceCounts[row] as number) : null,
      dimensions: c.dimensions.map((d) => d.values[d.ids[row] as number] as string),
    };
  }

  /** What a result id (an EventRow's `result`) means. */
  resultInfo(result: number): ResultInfo {
    const info = this.c.results[result];
    if (info === undefined) throw new Error(`no result ${result} in the dataset`);
    return info;
  }

  /** The dataset's categories: those of its families, `unrecognized` last. */
  get categories(): readonly CategoryClass[] {
    return this.codes.categories;
  }

  /** The dataset's families: the main one (whose triage settings the views use), then the others. */
  get families(): readonly Catalog[] {
    return this.codes.families;
  }
}

function timeKey(t: number | undefined): number {
  return t === undefined || Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
}

/**
 * The latest time in a time column; NaN without one, or without a known time. Asked once per dataset, so
 * found with the overview's loop over the times (`timeSpans`), which the engine has optimised by then (every
 * partial figure runs it), rather than a loop of its own that would run unoptimised over every row.
 */
function latestTime(time: Float64Array | null, codeIds: IdArray): number {
  if (!time) return Number.NaN;
  const latest = timeSpans(null, time.length, time, codeIds, null)[1];
  return latest === Number.NEGATIVE_INFINITY ? Number.NaN : latest;
}
