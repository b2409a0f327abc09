import { decodeExtendedResultCode, formatComponent, formatFacility } from '../catalog/adu-extended-result.ts';
import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
import { type DecodeField, StringDictionary, TextColumnWriter } from '../dataset/growable-columns.ts';
import type { RowFields } from './row-writer.ts';

/** Distinct extendedResultCode values decoded and kept; past them a value is decoded on each row. */
const MAX_KEPT = 10_000;

/**
 * Azure Device Update's `extendedResultCode` decoded into two dimensions, facility and component (see
 * adu-extended-result.ts): a list of codes gives the distinct parts, comma-joined; a value that is no code
 * gives "" (no value), like an empty field.
 */
export class ExtendedResultDimensions {
  readonly names: readonly [string, string];
  private readonly column: number;
  private readonly slots: readonly [number, number];
  private readonly writers: readonly [TextColumnWriter, TextColumnWriter];
  private readonly values = new StringDictionary();
  private readonly reader: TextColumnWriter;
  /** Per value id: the two dimension ids (facility, component), as ids + 1 (0: not decoded yet). */
  private known = new Int32Array(64);

  /** Null when the dataset has no room for the two dimensions. */
  static create(
    builder: DatasetBuilder,
    name: string,
    column: number,
    decode: DecodeField,
  ): ExtendedResultDimensions | null {
    const names: [string, string] = [`${name} facility`, `${name} component`];
    const facility = builder.dimensionSlot(names[0]);
    const component = builder.dimensionSlot(names[1]);
    if (facility < 0 || component < 0) return null;
    return new ExtendedResultDimensions(builder, names, column, [facility, component], decode);
  }

  private constructor(
    builder: DatasetBuilder,
    names: [string, string],
    column: number,
    slots: [number, number],
    decode: DecodeField,
  ) {
    this.names = names;
    this.column = column;
    this.slots = slots;
    this.writers = [builder.textColumn(slots[0], decode), builder.textColumn(slots[1], decode)];
    this.values.idOf('');
    this.reader = new TextColumnWriter({ dictionary: this.values, dropped: false, added() {} }, decode);
  }

  /** Sets the row's facility and component ids in `dimIds`. */
  write(row: RowFields, dimIds: Int32Array): void {
    const id = row.textId(this.column, this.reader);
    if (id * 2 + 1 < this.known.length && (this.known[id * 2] as number) > 0) {
      dimIds[this.slots[0]] = (this.known[id * 2] as number) - 1;
      dimIds[this.slots[1]] = (this.known[id * 2 + 1] as number) - 1;
      return;
    }
    const parts = decodeExtendedResultCode(this.values.values[id] ?? '');
    const list = (format: (p: NonNullable<typeof parts>[number]) => string) =>
      parts === null ? '' : [...new Set(parts.map(format))].join(', ');
    const facility = this.writers[0].idOfText(list((p) => formatFacility(p.facility)));
    const component = this.writers[1].idOfText(list((p) => formatComponent(p.component)));
    dimIds[this.slots[0]] = facility;
    dimIds[this.slots[1]] = component;
    if (id >= MAX_KEPT) return;
    if (id * 2 + 1 >= this.known.length) {
      const grown = new Int32Array(Math.max(this.known.length * 2, id * 2 + 2));
      grown.set(this.known);
      this.known = grown;
    }
    this.known[id * 2] = facility + 1;
    this.known[id * 2 + 1] = component + 1;
  }
}
