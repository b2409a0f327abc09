/**
 * The dimension a dataset read from two or more files gets: per row, the name of the file it came from,
 * so that files can be filtered and compared like any other dimension (DatasetBuilder.markSource).
 */
import type { DictColumn } from './dataset-columns.ts';

export const SOURCE_FILE_DIMENSION = 'source file';

/** A file read, and the row its rows start at: rows are added one file at a time, each file's in one run. */
export interface SourceMark {
  name: string;
  start: number;
}

/**
 * Per row, the file it came from, when the rows came from two or more files (a file without accepted rows
 * does not count: a README skipped in a ZIP archive); null otherwise. Value 0 is '' like every dimension's;
 * a name read a second time gets " (2)", so two files of one name are not merged.
 */
export function sourceFileColumn(sources: readonly SourceMark[], rows: number): DictColumn | null {
  const runs = sourceRuns(sources, rows);
  if (runs.length < 2) return null;
  const values = [''];
  const seen = new Map<string, number>();
  const ids = runs.length < 0xff ? new Uint8Array(rows) : new Uint32Array(rows);
  for (const { name, start, end } of runs) {
    const times = (seen.get(name) ?? 0) + 1;
    seen.set(name, times);
    const id = values.push(times === 1 ? name : `${name} (${times})`) - 1;
    ids.fill(id, start, end);
  }
  return { name: SOURCE_FILE_DIMENSION, ids, values };
}

/** Each file that gave rows, with its rows' range. */
export function sourceRuns(sources: readonly SourceMark[], rows: number): (SourceMark & { end: number })[] {
  return sources
    .map(({ name, start }, k) => ({ name, start, end: sources[k + 1]?.start ?? rows }))
    .filter((run) => run.end > run.start);
}
