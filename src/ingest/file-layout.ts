/**
 * How a file's rows are written, once its mapping is chosen (FileSink.apply): the columns' positions, the
 * dataset columns they fill, the families that read the results, the dimensions kept (a dataset keeps at
 * most MAX_DIMENSIONS) and derived, and whether the row scanner reads its plain rows.
 */
import type { Catalog } from '../catalog/catalog-types.ts';
import { type DatasetBuilder, MAX_DIMENSIONS } from '../dataset/dataset-builder.ts';
import type { ColumnMapping } from './column-inference.ts';
import type { FamilyChoice } from './family-detection.ts';
import { decodedField, familiesOf, isArnName } from './file-families.ts';
import { DEVICE_DICTIONARY, type RowRun } from './row-run.ts';
import type { ByteFields, RowLayout } from './row-writer.ts';
import { combineWordsOf, StatusWords } from './status-words.ts';

/** The columns the row scanner reads (see RowRun.create). */
export interface RunColumns {
  codeAt: number;
  timeAt: number;
  deviceAt: number;
  dimensionsAt: number[];
  /** The leading fields every row must have. */
  needed: number;
}

export interface LayoutInput {
  mapping: ColumnMapping;
  headers: readonly string[];
  builder: DatasetBuilder;
  decode: ByteFields['decode'];
  choice: FamilyChoice;
  catalogs: readonly Catalog[];
  /** The family the user chose for every file; null: detected. */
  catalog: Catalog | null;
  /** The row scanner's runs for these columns, or null where it does not read this file. */
  runFor: (columns: RunColumns) => RowRun | null;
}

export interface FileLayout {
  layout: RowLayout;
  /** The mapping as read: dimensions past the dataset's room ignored (with why), derived ones added. */
  mapping: ColumnMapping;
  /** The leading fields a row must have for every column read. */
  needed: number;
  run: RowRun | null;
}

export function fileLayout(input: LayoutInput): FileLayout {
  const { mapping, headers, builder, decode } = input;
  const index = new Map<string, number>();
  headers.forEach((name, k) => {
    if (!index.has(name)) index.set(name, k);
  });
  const at = (name: string | null) => (name === null ? -1 : (index.get(name) ?? -1));
  const codeAt = at(mapping.code);
  const statusAt = at(mapping.status);
  const statusResultAt = at(mapping.statusResult);
  const timeAt = at(mapping.time);
  const deviceAt = at(mapping.device);
  const countAt = at(mapping.count);
  const deviceCountAt = at(mapping.deviceCount);
  if (timeAt >= 0) builder.enableTime();
  if (deviceAt >= 0) builder.enableDevice();
  if (countAt >= 0) builder.enableCount();
  if (deviceCountAt >= 0) builder.enableDeviceCounts();
  // a dimension the dataset has no room for (see MAX_DIMENSIONS) is reported as ignored, with why
  const kept: string[] = [];
  const ignored = [...mapping.ignored];
  const keptAt: { column: number; slot: number }[] = [];
  let last = Math.max(codeAt, statusAt, statusResultAt, timeAt, deviceAt, countAt, deviceCountAt);
  for (const name of mapping.dimensions) {
    const slot = builder.dimensionSlot(name);
    if (slot < 0) {
      ignored.push({
        name,
        reason: `past the ${MAX_DIMENSIONS.toLocaleString('en-US')} dimensions a dataset keeps`,
      });
      continue;
    }
    kept.push(name);
    keptAt.push({ column: at(name), slot });
    last = Math.max(last, at(name));
  }
  const deviceAfterSlash = mapping.device !== null && isArnName(mapping.device);
  const { families, familyOf, column } = familiesOf(
    input.choice,
    input.catalogs,
    input.catalog,
    headers,
    decode,
  );
  const family = families[0] as Catalog;
  const scannable =
    familyOf === null && statusAt < 0 && countAt < 0 && deviceCountAt < 0 && !deviceAfterSlash;
  const dimensionsAt = keptAt.map((d) => d.column);
  const run =
    scannable && family.decodedField === undefined
      ? input.runFor({ codeAt, timeAt, deviceAt, dimensionsAt, needed: last + 1 })
      : null;
  const ids = (d: number) => run?.dictionary(d);
  const dimensions = keptAt.map(({ column, slot }, k) => ({
    column,
    slot,
    writer: builder.textColumn(slot, decode, ids(k + 1)),
  }));
  const device = deviceAt >= 0 ? builder.textColumn('device', decode, ids(DEVICE_DICTIONARY)) : null;
  const extended = decodedField(family, headers, index, builder, decode);
  const derived = extended.derived;
  kept.push(...extended.names);
  const words =
    statusAt < 0 ? null : new StatusWords(decode, statusResultAt < 0 ? null : combineWordsOf(family));
  return {
    layout: {
      codeAt,
      statusAt,
      statusResultAt,
      timeAt,
      deviceAt,
      countAt,
      deviceCountAt,
      families,
      familyOf,
      words,
      device,
      deviceAfterSlash,
      dimensions,
      derived,
    },
    mapping:
      kept.length === mapping.dimensions.length && derived.length === 0
        ? mapping
        : { ...mapping, dimensions: kept, ignored },
    needed: Math.max(last + 1, column + 1, extended.column + 1),
    run,
  };
}
