/** Device ids in a dataset's device column, for tests that list devices by id (`ListedDevices`). */
import type { Dataset } from '../../src/dataset/dataset.ts';
import type { DatasetColumns } from '../../src/dataset/dataset-columns.ts';

/** The dataset's device column's values, in id order (read from its columns, which it keeps private). */
export function deviceValues(ds: Dataset): readonly string[] {
  return (ds as unknown as { c: DatasetColumns }).c.device?.values ?? [];
}

/** The ids of those of `names` the device column holds, in the order given (a name it lacks has none). */
export function deviceIdsOf(ds: Dataset, names: readonly string[]): number[] {
  const values = deviceValues(ds);
  return names.flatMap((name) => {
    const id = values.indexOf(name);
    return id < 0 ? [] : [id];
  });
}
