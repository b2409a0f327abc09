import { RecordScanner } from './json-record-scanner.ts';
import { RecordTable } from './json-record-table.ts';
import { type JsonShape, ShapeSniffer } from './json-shape.ts';
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
 * record-limit.ts), container kinds up to MAX_TRACKED_DEPTH levels.
 */
export async function readJson(
  chunks: AsyncIterable<string>,
  sink: TableSink,
  maxRecordChars = MAX_RECORD_CHARS,
): Promise<JsonShape> {
  const iterator = chunks[Symbol.asyncIterator]();
  // hold the text back only until its shape is known: usually the first line
  const held: string[] = [];
  const sniffer = new ShapeSniffer(maxRecordChars);
  let shape: JsonShape | null = null;
  let ended = false;
  let heldChars = 0;
  while (shape === null) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      shape = sniffer.end();
      break;
    }
    const text = held.length === 0 && next.value.charCodeAt(0) === 0xfeff ? next.value.slice(1) : next.value;
    held.push(text);
    heldChars += text.length;
    // one chunk is bounded; a first value that runs on over many is carried text
    if (held.length > 1) sink.carrying?.(carriedTextBytes(heldChars));
    shape = sniffer.push(text);
  }
  const table = new RecordTable(sink, maxRecordChars);
  const scanner = shape === 'ndjson' ? new NdjsonScanner(table) : new RecordScanner(table);
  sink.carrying?.(0); // the scanner reports what it carries of the held text
  for (const text of held) scanner.push(text);
  while (!ended) {
    const next = await iterator.next();
    if (next.done) break;
    scanner.push(next.value);
  }
  scanner.end();
  table.finish();
  return shape;
}
