/** CSV in every dialect, and aggregated CSV. */

import { BOM_BYTES, ByteOut, decoded, ENCODER, QUOTE, timeWriter } from './byte-out.ts';
import type { FleetEvent } from './types.ts';
import { type CsvOptions, type Field, resolveColumns, resolveHeaders, stringField } from './write-options.ts';

/** Streams a CSV file as ~64 KB UTF-8 chunks. Feeds `opts.truth` (if any) with each row's physical line. */
export function* csvByteChunks(events: Iterable<FleetEvent>, opts: CsvOptions = {}): Generator<Uint8Array> {
  const delim = (opts.delimiter ?? ',').charCodeAt(0);
  const nl = ENCODER.encode(opts.newline ?? '\n');
  const headers = resolveHeaders(opts.headers);
  const cols = resolveColumns(opts);
  const n = cols.length;
  const chunkSize = Math.max(1, opts.chunkSize ?? 65_536);
  const truth = opts.truth;
  const quoteAll = opts.quoteAll ?? false;

  const out = new ByteOut(chunkSize + 4096);
  if (opts.bom) out.bytes(BOM_BYTES);
  let line = 1;
  if (opts.header ?? true) {
    const names = cols.map((c) => headers[c]);
    if (opts.aggregate) names.push(headers.count);
    out.breaks = 0;
    names.forEach((name, k) => {
      if (k > 0) out.byte(delim);
      out.csvCell(name, delim, quoteAll);
    });
    out.bytes(nl);
    line += 1 + out.breaks;
  }

  if (opts.aggregate) {
    const groups = aggregate(events, cols);
    for (const g of groups) {
      for (let c = 0; c < n; c++) {
        if (c > 0) out.byte(delim);
        out.csvCell(g.values[c] as string, delim, quoteAll);
      }
      out.byte(delim);
      out.csvCell(String(g.count), delim, quoteAll);
      out.bytes(nl);
      truth?.addCount(g.rawCode, g.count, line);
      line++;
      if (out.pos >= chunkSize) {
        yield out.take();
      }
    }
    if (out.pos > 0) yield out.buf.subarray(0, out.pos);
    return;
  }

  const writeTime = timeWriter(opts.time ?? 'iso');
  for (const ev of events) {
    out.breaks = 0;
    for (let c = 0; c < n; c++) {
      if (c > 0) out.byte(delim);
      const f = cols[c] as Field;
      if (f !== 'time') out.csvCell(stringField(ev, f), delim, quoteAll);
      else if (quoteAll) {
        out.byte(QUOTE);
        writeTime(out, ev.time);
        out.byte(QUOTE);
      } else writeTime(out, ev.time); // never holds a delimiter, quote or line break
    }
    out.bytes(nl);
    truth?.add(ev, line);
    line += 1 + out.breaks;
    if (out.pos >= chunkSize) {
      yield out.take();
    }
  }
  if (out.pos > 0) yield out.buf.subarray(0, out.pos);
}

/** Streams a CSV file as ~64 KB strings. */
export function csvChunks(events: Iterable<FleetEvent>, opts: CsvOptions = {}): Generator<string> {
  return decoded(csvByteChunks(events, opts));
}

interface Group {
  rawCode: string;
  values: string[];
  count: number;
}

/** Groups by (raw code, model, firmware, region, operation, server) in first-seen order. */
function aggregate(events: Iterable<FleetEvent>, cols: readonly Field[]): Iterable<Group> {
  const groups = new Map<string, Group>();
  for (const ev of events) {
    const key = `${ev.rawCode}\u0000${ev.model}\u0000${ev.firmware}\u0000${ev.region}\u0000${ev.operation}\u0000${ev.server}`;
    const g = groups.get(key);
    if (g) g.count++;
    else groups.set(key, { rawCode: ev.rawCode, values: cols.map((c) => stringField(ev, c)), count: 1 });
  }
  return groups.values();
}
