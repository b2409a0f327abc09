import type { Catalog } from '../catalog/catalog-types.ts';
import type { ResultInfo } from '../catalog/result.ts';
import type { ByteIdsFactory } from './byte-dictionary.ts';
import { Dataset } from './dataset.ts';
import type { DictColumn } from './dataset-columns.ts';
import {
  type DecodeField,
  GrowableFloat64,
  GrowableIds,
  GrowableUint32,
  StringDictionary,
  type TextColumnTarget,
  TextColumnWriter,
} from './growable-columns.ts';
import { ResultTable } from './result-table.ts';
import { SOURCE_FILE_DIMENSION, type SourceMark, sourceFileColumn, sourceRuns } from './source-file.ts';

/** A dimension with more distinct values than this is not a dimension (ids, free text): it is dropped. */
export const MAX_DIMENSION_CARDINALITY = 10_000;

/**
 * Dimensions one dataset keeps, across all its files: each costs every row an id, so files that bring
 * their own columns by the hundred (a ZIP of many exports) stop adding them here, with a warning.
 */
export const MAX_DIMENSIONS = 1000;

/** Column names quoted in a warning that summarises many columns. */
const NAMES_SHOWN = 3;

/** A text column being filled: the device column or a dimension (one shape, so writers see one). */
interface TextBuild extends TextColumnTarget {
  name: string;
  ids: GrowableIds;
  dropped: boolean;
}

type DimensionBuild = TextBuild;

/**
 * Fills the columns row by row as ingest streams. Columns that only some files have (time, device, count,
 * a dimension) are created when first needed and back-filled for the rows before, so files with different
 * schemas merge into one dataset.
 */
export class DatasetBuilder {
  /** The family of rows that name none (`codeId`), and the dataset's family when no row is read. */
  readonly catalog: Catalog;
  private rows = 0;
  /** Per row, the id of its result (an index into `results`). */
  private readonly codeIds = new GrowableIds();
  /** The distinct results the rows give (family, code, word), by id. */
  private readonly results = new ResultTable();
  private scratch = new Int32Array(0);
  private time: GrowableFloat64 | null = null;
  private count: GrowableUint32 | null = null;
  private deviceCounts: GrowableUint32 | null = null;
  /** The distinct devices the next row added stands for (see `nextRowDevices`). */
  private nextDevices = 0;
  private device: TextBuild | null = null;
  private readonly dimensions: DimensionBuild[] = [];
  private readonly slots = new Map<string, number>();
  /** Dimensions asked for past MAX_DIMENSIONS: how many, and the first names. */
  private readonly refused = new Set<string>();
  private readonly dropped: string[] = [];
  /** Each file read, in order, with the row its rows start at (see `markSource`). */
  private readonly sources: SourceMark[] = [];

  constructor(catalog: Catalog) {
    this.catalog = catalog;
  }

  get rowCount(): number {
    return this.rows;
  }

  /**
   * The rows added from now on come from the file `name`. With rows from two or more files, `build` makes
   * the SOURCE_FILE_DIMENSION from these marks (source-file.ts): no row pays for it while it is read.
   */
  markSource(name: string): void {
    this.sources.push({ name, start: this.rows });
  }

  /** Columns not used as dimensions for their values or for their number: one warning for each reason. */
  get warnings(): string[] {
    const warnings: string[] = [];
    if (this.slots.has(SOURCE_FILE_DIMENSION) && sourceRuns(this.sources, this.rows).length > 1) {
      warnings.push(
        `The files have a column "${SOURCE_FILE_DIMENSION}" of their own: it is the dimension of that name, not the name of the file each row came from.`,
      );
    }
    const dropped = this.dropped.length;
    if (dropped === 1) {
      warnings.push(
        `Column ${quotedNames(this.dropped)} has more than ${MAX_DIMENSION_CARDINALITY.toLocaleString('en-US')} distinct values, so it is not used as a dimension.`,
      );
    } else if (dropped > 1) {
      warnings.push(
        `${dropped.toLocaleString('en-US')} columns have more than ${MAX_DIMENSION_CARDINALITY.toLocaleString('en-US')} distinct values, so they are not used as dimensions (${quotedNames(this.dropped)}).`,
      );
    }
    const refused = this.refused.size;
    if (refused > 0) {
      warnings.push(
        `${refused.toLocaleString('en-US')} column${refused > 1 ? 's are' : ' is'} not used as ${refused > 1 ? 'dimensions' : 'a dimension'}: a dataset keeps at most ${MAX_DIMENSIONS.toLocaleString('en-US')} (${quotedNames([...this.refused.keys()].slice(0, NAMES_SHOWN), refused)}).`,
      );
    }
    return warnings;
  }

  /**
   * The slot of a dimension by name, created (and back-filled with '') on first use; -1 when the dataset
   * has MAX_DIMENSIONS already (the column is then not a dimension, and the warnings say so).
   */
  dimensionSlot(name: string): number {
    const at = this.slots.get(name);
    if (at !== undefined) return at;
    if (this.dimensions.length >= MAX_DIMENSIONS) {
      this.refused.add(name);
      return -1;
    }
    const dimension: DimensionBuild = {
      name,
      dictionary: new StringDictionary(),
      ids: new GrowableIds(),
      dropped: false,
      added: () => {
        if (dimension.dictionary.size > MAX_DIMENSION_CARDINALITY && !dimension.dropped) this.drop(dimension);
      },
    };
    const empty = dimension.dictionary.idOf('');
    for (let i = 0; i < this.rows; i++) dimension.ids.push(empty);
    this.dimensions.push(dimension);
    this.slots.set(name, this.dimensions.length - 1);
    return this.dimensions.length - 1;
  }

  get dimensionCount(): number {
    return this.dimensions.length;
  }

  /** Bytes a row takes in the columns as they are now (ids at their current width). */
  get bytesPerRow(): number {
    let bytes = this.codeIds.bytesPerId + (this.time ? 8 : 0) + (this.count ? 4 : 0);
    if (this.deviceCounts) bytes += 4;
    if (this.device) bytes += this.device.ids.bytesPerId;
    for (const d of this.dimensions) if (!d.dropped) bytes += d.ids.bytesPerId;
    return bytes;
  }

  /** Bytes the builder holds: its columns' capacity and its string tables (what a load budget counts). */
  get byteSize(): number {
    let bytes = this.codeIds.byteSize + this.results.byteSize;
    bytes += (this.time?.byteSize ?? 0) + (this.count?.byteSize ?? 0) + (this.deviceCounts?.byteSize ?? 0);
    if (this.device) bytes += this.device.ids.byteSize + this.device.dictionary.byteSize;
    for (const d of this.dimensions) bytes += d.ids.byteSize + d.dictionary.byteSize;
    return bytes;
  }

  enableTime(): void {
    if (this.time) return;
    this.time = new GrowableFloat64();
    for (let i = 0; i < this.rows; i++) this.time.push(Number.NaN);
  }

  enableCount(): void {
    if (this.count) return;
    this.count = new GrowableUint32();
    for (let i = 0; i < this.rows; i++) this.count.push(1);
  }

  /** A column of distinct devices per row (an aggregate's); the rows before stand for none. */
  enableDeviceCounts(): void {
    if (this.deviceCounts) return;
    this.deviceCounts = new GrowableUint32();
    for (let i = 0; i < this.rows; i++) this.deviceCounts.push(0);
  }

  /** The distinct devices the next row added stands for, once `enableDeviceCounts` was called. */
  nextRowDevices(devices: number): void {
    this.nextDevices = devices;
  }

  /**
   * Device ids are 32-bit from the first row, as in any large fleet: the engine warm-up's few thousand
   * devices would otherwise train the dashboard's device loops on 16-bit ids, and the first real file's
   * 32-bit ones undo that.
   */
  enableDevice(): void {
    if (this.device) return;
    this.device = {
      name: 'device',
      dictionary: new StringDictionary(),
      ids: new GrowableIds(true),
      dropped: false,
      added: () => undefined,
    };
    const empty = this.device.dictionary.idOf('');
    for (let i = 0; i < this.rows; i++) this.device.ids.push(empty);
  }

  /**
   * Room for `rows` rows in every column, so that a file whose size says how many rows are coming fills
   * its columns without the copies of doubling them (each a new, larger array and a free of the old).
   */
  reserve(rows: number): void {
    this.codeIds.reserve(rows);
    this.time?.reserve(rows);
    this.count?.reserve(rows);
    this.deviceCounts?.reserve(rows);
    this.device?.ids.reserve(rows);
    for (const dimension of this.dimensions) if (!dimension.dropped) dimension.ids.reserve(rows);
  }

  /** The id of a result code of the builder's own family (see `resultId`). */
  codeId(code: number): number {
    return this.resultId(this.catalog, code, '');
  }

  /**
   * The id of a row's result (ids are dense, in first-seen order): its family, its code (NaN: none) and its
   * status word ('' or blank: none). Words are one result whatever their case and spacing (see statusKey).
   */
  resultId(catalog: Catalog, code: number, status: string): number {
    return this.results.idOf(catalog, code, status);
  }

  /** What result `id` means (resolved on each call: the dataset resolves each result once, at build). */
  resolve(id: number): ResultInfo {
    return this.results.resolve(id);
  }

  /** The id of a device id text; '' (no device) is always 0. */
  deviceId(value: string): number {
    return this.device ? this.device.dictionary.idOf(value) : 0;
  }

  /** The id of a dimension value; '' is always 0. */
  dimensionValueId(slot: number, value: string): number {
    const dimension = this.dimensions[slot] as DimensionBuild;
    if (dimension.dropped) return 0;
    const id = dimension.dictionary.idOf(value);
    dimension.added();
    return id;
  }

  /**
   * The writer of a text column — the device column (enabled first) or a dimension's slot — for one file's
   * values as bytes or text: see TextColumnWriter. `decode` is the file's reading of a field's bytes.
   */
  textColumn(column: 'device' | number, decode: DecodeField, byteIds?: ByteIdsFactory): TextColumnWriter {
    const target = column === 'device' ? this.device : this.dimensions[column];
    if (!target) throw new Error(`no text column ${column}`);
    return new TextColumnWriter(target, decode, byteIds);
  }

  isDropped(slot: number): boolean {
    return this.dimensions[slot]?.dropped ?? true;
  }

  /**
   * Appends one accepted row from ids already resolved. `dimIds[slot]` is the value id for each dimension
   * slot (missing slots are ''); time is NaN when unknown.
   */
  addResolved(
    codeId: number,
    time: number,
    count: number,
    deviceId: number,
    dimIds: ArrayLike<number>,
  ): void {
    this.codeIds.push(codeId);
    this.time?.push(time);
    this.count?.push(count);
    if (this.deviceCounts) {
      this.deviceCounts.push(this.nextDevices);
      this.nextDevices = 0;
    }
    this.device?.ids.push(deviceId);
    const dimensions = this.dimensions;
    for (let slot = 0; slot < dimensions.length; slot++) {
      const dimension = dimensions[slot] as DimensionBuild;
      if (!dimension.dropped) dimension.ids.push(slot < dimIds.length ? (dimIds[slot] as number) : 0);
    }
    this.rows++;
  }

  /** Appends one accepted row from its texts (`dims[slot]`, '' when absent). */
  add(code: number, time: number, count: number, device: string, dims: readonly string[]): void {
    const dimIds =
      this.scratch.length === this.dimensions.length ? this.scratch : new Int32Array(this.dimensions.length);
    this.scratch = dimIds;
    for (let slot = 0; slot < dimIds.length; slot++)
      dimIds[slot] = this.dimensionValueId(slot, dims[slot] ?? '');
    this.addResolved(this.codeId(code), time, count, this.deviceId(device), dimIds);
  }

  private drop(dimension: DimensionBuild): void {
    dimension.dropped = true;
    this.dropped.push(dimension.name);
  }

  build(): Dataset {
    return this.dataset(true);
  }

  /**
   * The rows appended so far as a dataset of the columns the Summary's figures read — results, counts,
   * devices; no times or dimensions, whose scans those figures do not need — without copying one: they are
   * views of the builder's, valid until the next row is appended (a column that grows moves to a new
   * array). For figures asked at once while rows stream in: the totals and results are exactly those of
   * `build()` for the same rows.
   */
  snapshot(): Dataset {
    return this.dataset(false);
  }

  /**
   * The dataset of the rows so far: `whole`, every column with its spare capacity trimmed (build), else
   * views of the Summary's columns (snapshot).
   */
  private dataset(whole: boolean): Dataset {
    const column = <T extends Float64Array | Uint32Array | Uint16Array | Uint8Array>(g: {
      view(): T;
      filled(): T;
    }): T => (whole ? g.view() : g.filled());
    const dims: DictColumn[] = this.dimensions
      .filter((d) => whole && !d.dropped)
      .map((d) => ({ name: d.name, ids: d.ids.view(), values: d.dictionary.values }));
    const sourceFile =
      !whole || this.slots.has(SOURCE_FILE_DIMENSION) ? null : sourceFileColumn(this.sources, this.rows);
    if (sourceFile !== null) dims.push(sourceFile);
    const codeIds = column(this.codeIds);
    return new Dataset({
      catalog: this.results.mainFamily(codeIds, this.catalog),
      catalogs: this.results.catalogs(),
      rowCount: this.rows,
      codeIds,
      results: this.results.resolveAll(),
      time: this.time && whole ? this.time.view() : null,
      count: this.count ? column(this.count) : null,
      deviceCounts: this.deviceCounts ? column(this.deviceCounts) : null,
      device: this.device
        ? { name: 'device', ids: column(this.device.ids), values: this.device.dictionary.values }
        : null,
      dimensions: dims,
    });
  }
}

/**
 * The first few of `total` column names, quoted, for a warning that summarises many columns: a header cell
 * can hold megabytes, so each name is cut short; "…" when there are more.
 */
export function quotedNames(names: readonly string[], total = names.length): string {
  const shown = names.slice(0, NAMES_SHOWN).map((n) => `"${n.length > 40 ? `${n.slice(0, 40)}…` : n}"`);
  return total > shown.length ? `${shown.join(', ')}, …` : shown.join(', ');
}
