import type { ByteRowSink } from '../../src/ingest/csv-byte-reader.ts';
import type { Cell } from '../../src/ingest/field-parsers.ts';

export interface Recording {
  columns: string[];
  rows: { cells: string[]; line: number }[];
  rejected: { line: number; reason: string }[];
}

/** A sink that records what a format reader reports: every field of every row, as text. */
export function recordingSink(): ByteRowSink & { recording: Recording } {
  const decoder = new TextDecoder();
  const recording: Recording = { columns: [], rows: [], rejected: [] };
  return {
    recording,
    columns: (names) => {
      recording.columns = [...names];
    },
    row: (cells: readonly Cell[], line) => recording.rows.push({ cells: cells.map(String), line }),
    reject: (line, reason) => recording.rejected.push({ line, reason }),
    warn: () => undefined,
    fieldsNeeded: () => Number.POSITIVE_INFINITY,
    rowBytes: (bytes, starts, ends, count, line) => {
      const cells: string[] = [];
      for (let k = 0; k < count; k++) cells.push(decoder.decode(bytes.subarray(starts[k], ends[k])));
      recording.rows.push({ cells, line });
    },
  };
}

/** The rows as objects keyed by column name (what csv-spectrum's expected JSON holds). */
export function asObjects(recording: Recording): Record<string, string>[] {
  return recording.rows.map(({ cells }) => {
    const row: Record<string, string> = Object.create(null);
    recording.columns.forEach((name, k) => {
      row[name] = cells[k] ?? '';
    });
    return { ...row };
  });
}

export async function* byteChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.byteLength; at += size) yield bytes.subarray(at, at + size);
}

export async function* textChunks(text: string, size: number): AsyncGenerator<string> {
  for (let at = 0; at < text.length; at += size) yield text.slice(at, at + size);
}
