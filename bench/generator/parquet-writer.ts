/**
 * A fleet log as a Parquet file, through hyparquet-writer: the shape of a warehouse export. The result code
 * is text, so dirty codes stay as written; the time is a TIMESTAMP (milliseconds, UTC); the other fields
 * are text. The file is built in memory (Parquet's footer describes every row group), so this writer is for
 * logs of up to a few million rows.
 */
import { parquetWriteBuffer } from 'hyparquet-writer';
import type { TruthTracker } from './ground-truth.ts';
import type { FleetEvent } from './types.ts';

export interface ParquetOptions {
  /** Rows per row group (default 100,000): small values give files of many row groups. */
  rowGroupSize?: number;
  /** Fed with each event and its row number (1-based), as dmscope reports a Parquet row's line. */
  truth?: TruthTracker;
}

const TEXT_COLUMNS: readonly [string, (e: FleetEvent) => string][] = [
  ['result_code', (e) => e.rawCode],
  ['device_id', (e) => e.device],
  ['model', (e) => e.model],
  ['firmware', (e) => e.firmware],
  ['region', (e) => e.region],
  ['operation', (e) => e.operation],
  ['server', (e) => e.server],
  ['component', (e) => e.component],
];

export function parquetBytes(events: Iterable<FleetEvent>, opts: ParquetOptions = {}): Uint8Array {
  const rows = [...events];
  rows.forEach((e, k) => {
    if (e.family !== undefined && e.family !== 'scomo') {
      throw new Error('the Parquet writer writes SCOMO codes only; leave out --family');
    }
    opts.truth?.add(e, k + 1);
  });
  const [code, ...rest] = TEXT_COLUMNS.map(([name, pick]) => ({
    name,
    data: rows.map(pick),
    type: 'STRING' as const,
  }));
  const time = { name: 'timestamp', data: rows.map((e) => new Date(e.time)), type: 'TIMESTAMP' as const };
  const columnData = code === undefined ? rest : [code, time, ...rest];
  return new Uint8Array(parquetWriteBuffer({ columnData, rowGroupSize: opts.rowGroupSize ?? 100_000 }));
}
