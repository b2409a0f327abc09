/**
 * The family parts of a file's reading: the families its rows are read in (one, or per record by its alert
 * type or resource), a catalog's decoded field (ADU's extendedResultCode) read as dimensions, and how a device column of ARNs is
 * read. Pure; the file sink asks once per file, when the mapping is chosen.
 */
import type { Catalog } from '../catalog/catalog-types.ts';
import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
import { type DecodeField, StringDictionary, TextColumnWriter } from '../dataset/growable-columns.ts';
import { lastSegment, normalizeName } from './column-names.ts';
import { DecodedFieldDimensions } from './decoded-field-dimensions.ts';
import { type FamilyChoice, familyOfValue } from './family-detection.ts';
import type { RowFields, RowLayout } from './row-writer.ts';

/**
 * A device column that holds ARNs (`thingArn`: `arn:aws:iot:eu-west-1:123456789012:thing/kestrel-0042`):
 * the device is the resource's name after the last `/`, as the AWS IoT console names things.
 */
export function isArnName(name: string): boolean {
  return /arn$/i.test(name.slice(name.lastIndexOf('.') + 1));
}

/** The families of a file's rows, and the column read per record (-1: none). */
export interface FileFamilies extends Pick<RowLayout, 'families' | 'familyOf'> {
  column: number;
}

/**
 * The families the file's rows are read in: the chosen one (`forced`, else the detected one), or — per
 * record — every family, each record in the one its alert type or resource names (read once per distinct
 * value).
 */
export function familiesOf(
  choice: FamilyChoice,
  catalogs: readonly Catalog[],
  forced: Catalog | null,
  headers: readonly string[],
  decode: DecodeField,
): FileFamilies {
  const column = choice.perRecord?.column;
  if (column === undefined) {
    const family = forced ?? catalogs.find((c) => c.id === choice.family) ?? catalogs[0];
    return { families: [family as Catalog], familyOf: null, column: -1 };
  }
  const at = headers.indexOf(column);
  const values = new StringDictionary();
  values.idOf('');
  const writer = new TextColumnWriter({ dictionary: values, dropped: false, added() {} }, decode);
  const known: number[] = [];
  const familyOf = (row: RowFields): number => {
    const id = row.textId(at, writer);
    let family = known[id];
    if (family === undefined) {
      family = familyOfValue(values.values[id] ?? '', catalogs);
      known[id] = family;
    }
    return family;
  };
  return { families: catalogs, familyOf, column: at };
}

/** The derived dimensions of a file and the column they read (-1: none). */
export interface DerivedDimensions {
  derived: RowLayout['derived'];
  names: readonly string[];
  column: number;
}

/**
 * The family's decoded field (Catalog.decodedField: ADU's extendedResultCode → facility and component),
 * when the file is read as that family and has the column.
 */
export function decodedField(
  family: Catalog,
  headers: readonly string[],
  index: ReadonlyMap<string, number>,
  builder: DatasetBuilder,
  decode: DecodeField,
): DerivedDimensions {
  const none: DerivedDimensions = { derived: [], names: [], column: -1 };
  const field = family.decodedField;
  if (field === undefined) return none;
  const key = normalizeName(field.name);
  const name = headers.find((h) => lastSegment(h) === key);
  if (name === undefined) return none;
  const column = index.get(name) as number;
  const dimensions = DecodedFieldDimensions.create(builder, field, name, column, decode);
  if (dimensions === null) return none;
  return { derived: [dimensions], names: dimensions.names, column };
}

/** The title the recognition warning gives the file's reading: its family's, or the per-record column's. */
export function readingTitle(choice: FamilyChoice, catalogs: readonly Catalog[]): string {
  return choice.perRecord
    ? `Reading records per alert type or resource ("${choice.perRecord.column}")`
    : (catalogs.find((c) => c.id === choice.family)?.title ?? choice.family);
}
