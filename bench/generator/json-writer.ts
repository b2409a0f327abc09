/** JSON array, wrapped JSON and NDJSON. */

import { ByteOut, decoded, ENCODER, QUOTE, timeWriter } from './byte-out.ts';
import { codeString } from './events.ts';
import { parseRawCode } from './ground-truth.ts';
import type { FleetEvent } from './types.ts';
import {
  type Field,
  type JsonOptions,
  resolveColumns,
  resolveHeaders,
  stringField,
} from './write-options.ts';

type RowWriter = (out: ByteOut, ev: FleetEvent, index: number) => void;

function jsonRowWriter(opts: JsonOptions): RowWriter {
  const headers = resolveHeaders(opts.headers);
  const cols = resolveColumns(opts);
  const n = cols.length;
  const writeTime = timeWriter(opts.time ?? 'iso');
  const numericTime = opts.time === 'epoch-ms' || opts.time === 'epoch-s';
  const nested = opts.nested ?? false;
  const codeAs = opts.codeAs ?? 'number';
  const keys = cols.map((c, k) => {
    const comma = k > 0 ? ',' : '{';
    if (nested && c === 'code') return ENCODER.encode(`${comma}"result":{"code":`);
    if (nested && c === 'device') return ENCODER.encode(`${comma}"device":{"id":`);
    return ENCODER.encode(`${comma}${JSON.stringify(headers[c])}:`);
  });
  const closeNested = nested ? 125 : 0; // '}'

  const writeCode = (out: ByteOut, ev: FleetEvent, index: number): void => {
    if (codeAs === 'string' || (codeAs === 'mixed' && index % 3 === 1)) out.jsonString(ev.rawCode);
    else {
      const code = parseRawCode(ev.rawCode);
      if (code !== null) out.text(codeString(code));
      else if (ev.rawCode === '') out.text('null');
      else out.jsonString(ev.rawCode);
    }
  };

  return (out, ev, index) => {
    for (let c = 0; c < n; c++) {
      out.bytes(keys[c] as Uint8Array);
      const f = cols[c] as Field;
      if (f === 'code') {
        writeCode(out, ev, index);
        if (closeNested) out.byte(closeNested);
      } else if (f === 'time') {
        if (numericTime) writeTime(out, ev.time);
        else {
          out.byte(QUOTE);
          writeTime(out, ev.time);
          out.byte(QUOTE);
        }
      } else {
        out.jsonString(stringField(ev, f));
        if (f === 'device' && closeNested) out.byte(closeNested);
      }
    }
    if (n === 0) out.byte(123); // '{}' for an empty column list
    out.byte(125);
  };
}

/** Rows one per line between `open` and `close`; row i (0-based) sits on line i + 2. */
function* jsonArrayByteChunks(
  events: Iterable<FleetEvent>,
  opts: JsonOptions,
  open: string,
  close: string,
): Generator<Uint8Array> {
  const write = jsonRowWriter(opts);
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  const truth = opts.truth;
  const sep = ENCODER.encode(',\n');
  const out = new ByteOut(chunkSize + 4096);
  out.text(`${open}\n`);
  let i = 0;
  for (const ev of events) {
    if (i > 0) out.bytes(sep);
    write(out, ev, i);
    truth?.add(ev, i + 2);
    i++;
    if (out.pos >= chunkSize) {
      yield out.take();
    }
  }
  out.text(`\n${close}\n`);
  yield out.buf.subarray(0, out.pos);
}

/** A JSON array of objects: `[` on line 1, one object per line (row i on line i + 2). */
export function jsonByteChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<Uint8Array> {
  return jsonArrayByteChunks(events, opts, '[', ']');
}

function wrappedOpen(opts: JsonOptions): string {
  return `{"source":${JSON.stringify(opts.source ?? 'dm-server-1')},${JSON.stringify(opts.wrapKey ?? 'events')}:[`;
}

/** `{"source":"dm-server-1","events":[` on line 1, one object per line (row i on line i + 2), `]}`. */
export function wrappedByteChunks(
  events: Iterable<FleetEvent>,
  opts: JsonOptions = {},
): Generator<Uint8Array> {
  return jsonArrayByteChunks(events, opts, wrappedOpen(opts), ']}');
}

/** One JSON object per line; row i (0-based) sits on line i + 1. */
export function* ndjsonByteChunks(
  events: Iterable<FleetEvent>,
  opts: JsonOptions = {},
): Generator<Uint8Array> {
  const write = jsonRowWriter(opts);
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  const nl = ENCODER.encode(opts.newline ?? '\n');
  const truth = opts.truth;
  const out = new ByteOut(chunkSize + 4096);
  let i = 0;
  for (const ev of events) {
    write(out, ev, i);
    out.bytes(nl);
    truth?.add(ev, i + 1);
    i++;
    if (out.pos >= chunkSize) {
      yield out.take();
    }
  }
  if (out.pos > 0) yield out.buf.subarray(0, out.pos);
}

export function jsonChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<string> {
  return decoded(jsonByteChunks(events, opts));
}
export function wrappedChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<string> {
  return decoded(wrappedByteChunks(events, opts));
}
export function ndjsonChunks(events: Iterable<FleetEvent>, opts: JsonOptions = {}): Generator<string> {
  return decoded(ndjsonByteChunks(events, opts));
}
