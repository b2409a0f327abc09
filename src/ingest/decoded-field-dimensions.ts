import type { DecodedField } from '../catalog/catalog-types.ts';
import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
import { type DecodeField, StringDictionary, TextColumnWriter } from '../dataset/growable-columns.ts';
import type { RowFields } from './row-writer.ts';

/** Distinct values of the field decoded and kept; past them a value is decoded on each row. */
const MAX_KEPT = 10_000;

/**
 * A family's decoded field (Catalog.decodedField, e.g. ADU's extendedResultCode) written as one dimension
 * per part, named after the field: "extendedResultCode facility". Each distinct value is decoded once; a
 * value the field does not hold gives "" (no value) in every part, like an empty field.
 */
export class DecodedFieldDimensions {
  readonly names: readonly string[];
  private readonly field: DecodedField;
  private readonly column: number;
  private readonly slots: readonly number[];
  private readonly writers: readonly TextColumnWriter[];
  private readonly values = new StringDictionary();
  private readonly reader: TextColumnWriter;
  /** Per value id, its parts' dimension ids + 1 (0: not decoded yet), `slots.length` to a value. */
  private known = new Int32Array(64);

  /** Null when the dataset has no room for the field's dimensions. */
  static create(
    builder: DatasetBuilder,
    field: DecodedField,
    header: string,
    column: number,
    decode: DecodeField,
  ): DecodedFieldDimensions | null {
    const names = field.parts.map((part) => `${header} ${part}`);
    const slots = names.map((name) => builder.dimensionSlot(name));
    if (slots.some((slot) => slot < 0)) return null;
    return new DecodedFieldDimensions(builder, field, names, column, slots, decode);
  }

  private constructor(
    builder: DatasetBuilder,
    field: DecodedField,
    names: readonly string[],
    column: number,
    slots: readonly number[],
    decode: DecodeField,
  ) {
    this.field = field;
    this.names = names;
    this.column = column;
    this.slots = slots;
    this.writers = slots.map((slot) => builder.textColumn(slot, decode));
    this.values.idOf('');
    this.reader = new TextColumnWriter({ dictionary: this.values, dropped: false, added() {} }, decode);
  }

  /** Sets the row's part ids in `dimIds`. */
  write(row: RowFields, dimIds: Int32Array): void {
    const id = row.textId(this.column, this.reader);
    const n = this.slots.length;
    const at = id * n;
    if (at + n <= this.known.length && (this.known[at] as number) > 0) {
      for (let k = 0; k < n; k++) dimIds[this.slots[k] as number] = (this.known[at + k] as number) - 1;
      return;
    }
    const parts = this.field.decode(this.values.values[id] ?? '');
    for (let k = 0; k < n; k++) {
      dimIds[this.slots[k] as number] = (this.writers[k] as TextColumnWriter).idOfText(parts?.[k] ?? '');
    }
    if (id >= MAX_KEPT) return;
    if (at + n > this.known.length) {
      const grown = new Int32Array(Math.max(this.known.length * 2, at + n));
      grown.set(this.known);
      this.known = grown;
    }
    for (let k = 0; k < n; k++) this.known[at + k] = (dimIds[this.slots[k] as number] as number) + 1;
  }
}
