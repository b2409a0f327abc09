import type { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import type { DatasetColumns } from '../../src/dataset/dataset-columns.ts';

/**
 * The columns a builder's dataset holds: ids, and each column's values in first-seen order (the id order),
 * so two builders can be compared exactly. Read from the Dataset's own columns, which it keeps private.
 */
export function builtColumns(builder: DatasetBuilder): DatasetColumns {
  return (builder.build() as unknown as { c: DatasetColumns }).c;
}
