import type { Catalog } from '../catalog/catalog-types.ts';
import { Dataset, type DictColumn } from './dataset.ts';
import { GrowableFloat64, GrowableIds, GrowableUint32, StringDictionary } from './growable-columns.ts';

/** A dimension with more distinct values than this is not a dimension (ids, free text): it is dropped. */
export const MAX_DIMENSION_CARDINALITY = 10_000;

interface DimensionBuild {
  name: string;
  dictionary: StringDictionary;
  ids: GrowableIds;
  dropped: boolean;
}

/**
 * Fills the columns row by row as ingest streams. Columns that only some files have (time, device, count,
 * a dimension) are created when first needed and back-filled for the rows before, so files with different
 * schemas merge into one dataset.
 */
export class DatasetBuilder {
  readonly catalog: Catalog;
  private rows = 0;
  private readonly codeIds = new GrowableIds();
  private readonly codeIndex = new Map<number, number>();
  private readonly codes: number[] = [];
  private time: GrowableFloat64 | null = null;
  private count: GrowableUint32 | null = null;
  private device: { dictionary: StringDictionary; ids: GrowableIds } | null = null;
  private readonly dimensions: DimensionBuild[] = [];
  readonly warnings: string[] = [];

  constructor(catalog: Catalog) {
    this.catalog = catalog;
  }

  get rowCount(): number {
    return this.rows;
  }

  /** The slot of a dimension by name, created (and back-filled with '') on first use. */
  dimensionSlot(name: string): number {
    const at = this.dimensions.findIndex((d) => d.name === name);
    if (at >= 0) return at;
    const dimension: DimensionBuild = {
      name,
      dictionary: new StringDictionary(),
      ids: new GrowableIds(),
      dropped: false,
    };
    const empty = dimension.dictionary.idOf('');
    for (let i = 0; i < this.rows; i++) dimension.ids.push(empty);
    this.dimensions.push(dimension);
    return this.dimensions.length - 1;
  }

  get dimensionCount(): number {
    return this.dimensions.length;
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

  enableDevice(): void {
    if (this.device) return;
    this.device = { dictionary: new StringDictionary(), ids: new GrowableIds() };
    const empty = this.device.dictionary.idOf('');
    for (let i = 0; i < this.rows; i++) this.device.ids.push(empty);
  }

  /**
   * Appends one accepted row. `dims[slot]` is the row's value for that dimension slot ('' when absent);
   * time is NaN when unknown.
   */
  add(code: number, time: number, count: number, device: string, dims: readonly string[]): void {
    let codeId = this.codeIndex.get(code);
    if (codeId === undefined) {
      codeId = this.codes.length;
      this.codes.push(code);
      this.codeIndex.set(code, codeId);
    }
    this.codeIds.push(codeId);
    this.time?.push(time);
    this.count?.push(count);
    if (this.device) this.device.ids.push(this.device.dictionary.idOf(device));
    for (let slot = 0; slot < this.dimensions.length; slot++) {
      const dimension = this.dimensions[slot] as DimensionBuild;
      if (dimension.dropped) continue;
      dimension.ids.push(dimension.dictionary.idOf(dims[slot] ?? ''));
      if (dimension.dictionary.size > MAX_DIMENSION_CARDINALITY) this.drop(dimension);
    }
    this.rows++;
  }

  private drop(dimension: DimensionBuild): void {
    dimension.dropped = true;
    this.warnings.push(
      `Column "${dimension.name}" has more than ${MAX_DIMENSION_CARDINALITY.toLocaleString('en-US')} distinct values, so it is not used as a dimension.`,
    );
  }

  build(): Dataset {
    const dims: DictColumn[] = this.dimensions
      .filter((d) => !d.dropped)
      .map((d) => ({ name: d.name, ids: d.ids.view(), values: d.dictionary.values }));
    return new Dataset({
      catalog: this.catalog,
      rowCount: this.rows,
      codeIds: this.codeIds.view(),
      codes: Int32Array.from(this.codes),
      time: this.time?.view() ?? null,
      count: this.count?.view() ?? null,
      device: this.device
        ? { name: 'device', ids: this.device.ids.view(), values: this.device.dictionary.values }
        : null,
      dimensions: dims,
    });
  }
}
