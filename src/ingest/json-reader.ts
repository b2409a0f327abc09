import type { FlatRecordSink } from './json-flat-record.ts';
import { RecordScanner } from './json-record-scanner.ts';
import { RecordTable } from './json-record-table.ts';
import { type JsonShape, ShapeSniffer } from './json-shape.ts';
import type { Scanner } from './json-syntax.ts';
import { NdjsonScanner } from './ndjson-scanner.ts';
import { MAX_RECORD_CHARS } from './record-limit.ts';
import { carriedTextBytes, type TableSink } from './table-sink.ts';

export type { JsonShape } from './json-shape.ts';
export { MAX_TRACKED_DEPTH } from './json-syntax.ts';

/**
 * Streams JSON records without holding the whole text: a small scanner tracks nesting and strings to find
 * where each record object starts and ends, and only that slice goes through the engine's own JSON.parse.
 * Records are the objects of a top-level array (`[{…},…]`), of every array of objects that a top-level
 * object holds through objects only (`{"events": [{…},…]}`, `{"data": {"page1": […], "page2": […]}}`, any
 * keys), or one object per line (NDJSON / JSON Lines). Nested objects are flattened to dotted column names
 * (`result.code`). What the reader holds is bounded: a record's or line's text up to `maxRecordChars` (see
 * record-limit.ts), container kinds up to MAX_TRACKED_DEPTH levels. With `flat`, records are read from their
 * bytes where they can be (see FlatRecordReader) once the mapping is chosen; the others, and all before, go
 * through JSON.parse.
 */
export async function readJson(
  chunks: AsyncIterable<string>,
  sink: TableSink,
  maxRecordChars = MAX_RECORD_CHARS,
  flat: FlatRecordSink | null = null,
): Promise<JsonShape> {
  const iterator = chunks[Symbol.asyncIterator]();
  const next = async () => {
    const got = await iterator.next();
    return got.done ? null : got.value;
  };
  const json = await startJson(next, sink, maxRecordChars, flat);
  for (let text = json.ended ? null : await next(); text !== null; text = await next())
    json.scanner.push(text);
  json.scanner.end();
  json.table.finish();
  return json.shape;
}

/** A JSON file whose shape is known, and the text read to know it given to its scanner. */
export interface JsonStart {
  shape: JsonShape;
  table: RecordTable;
  scanner: Scanner;
  /** The text ended while its shape was sniffed. */
  ended: boolean;
}

/**
 * Reads text (`next`: the next chunk, null at the end) until the shape is known — holding it back only
 * until then, usually the first line — and makes the table and scanner that read the rest.
 */
export async function startJson(
  next: () => Promise<string | null>,
  sink: TableSink,
  maxRecordChars: number,
  flat: FlatRecordSink | null,
): Promise<JsonStart> {
  const held: string[] = [];
  const sniffer = new ShapeSniffer(maxRecordChars);
  let shape: JsonShape | null = null;
  let ended = false;
  let heldChars = 0;
  while (shape === null) {
    const value = await next();
    if (value === null) {
      ended = true;
      shape = sniffer.end();
      break;
    }
    const text = held.length === 0 && value.charCodeAt(0) === 0xfeff ? value.slice(1) : value;
    held.push(text);
    heldChars += text.length;
    // one chunk is bounded; a first value that runs on over many is carried text
    if (held.length > 1) sink.carrying?.(carriedTextBytes(heldChars));
    shape = sniffer.push(text);
  }
  const table = new RecordTable(sink, maxRecordChars, flat);
  const scanner = shape === 'ndjson' ? new NdjsonScanner(table) : new RecordScanner(table);
  sink.carrying?.(0); // the scanner reports what it carries of the held text
  for (const text of held) scanner.push(text);
  return { shape, table, scanner, ended };
}
