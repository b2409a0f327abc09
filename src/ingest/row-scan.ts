import type { ByteIds } from '../dataset/byte-dictionary.ts';

/**
 * The row scanner: WebAssembly (wasm/row-scan.ts, with 128-bit SIMD) that reads runs of plain CSV rows
 * — the rows nearly every log is made of — in one call: it splits a row's needed fields at delimiter
 * bytes 16 bytes at a time, reads its code (1 to 9 ASCII digits) and time (an ISO time as
 * parseIsoTimeBytes reads it, or empty), and looks its text values up in byte dictionaries kept in its
 * memory. It stops before any row it cannot read exactly as the JavaScript path (RowSplitter, ByteFields)
 * would; that row goes through the JavaScript path, whose text lookups use the same dictionaries
 * (`dictionary`), so a value has one id whichever path saw it first.
 *
 * A dictionary's ids here are local (in order of first sighting); each new one is resolved to the text
 * column's id by the column's `resolve` — the same first-sighting step the JavaScript ByteDictionary takes
 * — after the run that found it, before any row is written with it.
 *
 * Where WebAssembly or its SIMD is missing, `RowScanner.create` gives null and the JavaScript path reads
 * every row (the differential tests hold both paths to the same rows, lines and rejections).
 */

interface Exports {
  memory: WebAssembly.Memory;
  init(dictionaries: number, rows: number): void;
  shape(delimiter: number, needed: number, limit: number): void;
  plan(field: number, op: number, dict: number): void;
  input(n: number): number;
  scratch(n: number): number;
  scan(from: number, to: number, line: number): number;
  lookup(dict: number, length: number, line: number): number;
  remap(rows: number): void;
  runMax(dict: number): number;
  stoppedAt(): number;
  stoppedLine(): number;
  stoppedWhy(): number;
  dictSize(dict: number): number;
  dictOrder(dict: number): number;
  dictBytes(dict: number): number;
  codesAt(): number;
  timesAt(): number;
  idsAt(): number;
}

/** What the scanner does with a needed field. */
export const FieldOp = { skip: 0, code: 1, time: 2, text: 3 } as const;

/** Why a scan stopped: its outputs are full; a row the JavaScript path reads; a row that has not ended. */
export const ScanStop = { full: 0, row: 1, end: 2 } as const;

/** Rows a scan writes at most before its outputs are read. */
const RUN_ROWS = 1024;

/** The compiled module: undefined until loadRowScanner, null where WebAssembly (with SIMD) is missing. */
let compiled: WebAssembly.Module | null | undefined;
let loading: Promise<boolean> | null = null;

/**
 * Loads and compiles the scanner (once; its bytes are a chunk of their own, fetched with the first load
 * of a file, not with the page). Resolves whether it runs here; RowScanner.create gives null until then.
 */
export function loadRowScanner(): Promise<boolean> {
  loading ??= (async () => {
    try {
      const { ROW_SCAN_WASM } = await import('./row-scan-wasm.ts');
      const bytes = Uint8Array.from(atob(ROW_SCAN_WASM), (c) => c.charCodeAt(0));
      compiled = WebAssembly.validate(bytes) ? await WebAssembly.compile(bytes) : null;
    } catch {
      compiled = null;
    }
    return compiled !== null;
  })();
  return loading;
}

/** The scan's outputs for its rows: per row a code and a time, and per dictionary a column id. */
export interface ScannedRows {
  rows: number;
  codes: Int32Array;
  times: Float64Array;
  /** Dictionary d's column ids of the rows, and the largest of them. */
  ids(d: number): { ids: Int32Array; max: number };
}

export class RowScanner {
  private readonly x: Exports;
  private readonly dictionaries: ScannerDictionary[] = [];
  private readonly dictionaryCount: number;
  private base = 0;
  /** Told the line a new value was first seen at before it is resolved (its decode reports bad bytes there). */
  onLine: ((line: number) => void) | null = null;

  private constructor(instance: WebAssembly.Instance, dictionaries: number) {
    this.x = instance.exports as unknown as Exports;
    this.dictionaryCount = dictionaries;
    this.x.init(dictionaries, RUN_ROWS);
  }

  /**
   * A scanner with `dictionaries` byte dictionaries, or null: WebAssembly SIMD is missing, or the module was
   * not loaded (loadRowScanner).
   */
  static create(dictionaries: number): RowScanner | null {
    const module = compiled;
    if (module === undefined || module === null) return null;
    try {
      return new RowScanner(new WebAssembly.Instance(module, {}), dictionaries);
    } catch {
      return null;
    }
  }

  /** Dictionary `d` as ByteIds, its new values resolved to ids by `resolve`. */
  dictionary(d: number, resolve: (bytes: Uint8Array, from: number, to: number) => number): ByteIds {
    const dictionary = new ScannerDictionary(this.x, d, resolve, (line) => this.onLine?.(line));
    this.dictionaries[d] = dictionary;
    return dictionary;
  }

  /**
   * Sets the rows' shape (once): the delimiter byte, the row limit, and per needed field what to read.
   * Until then (and without it) the dictionaries still serve the JavaScript path.
   */
  configure(delimiter: number, limit: number, fields: readonly { op: number; dict: number }[]): void {
    this.x.shape(delimiter, fields.length, Math.min(limit, 0x7fffffff));
    for (const [k, f] of fields.entries()) this.x.plan(k, f.op, f.dict);
  }

  /**
   * Bytes the scanner's dictionaries hold (their tables, the copies they left when they grew, their
   * values) and its outputs; not the copy of the bytes being scanned, which are a chunk's, as the
   * JavaScript path's chunks are not counted either.
   */
  get byteSize(): number {
    let bytes = RUN_ROWS * (12 + 4 * this.dictionaryCount);
    for (let d = 0; d < this.dictionaryCount; d++) bytes += this.x.dictBytes(d);
    return bytes;
  }

  /** Copies bytes[from, to) in to be scanned; the offsets `scan` takes and gives are bytes' own. */
  load(bytes: Uint8Array, from: number, to: number): void {
    const at = this.x.input(to - from);
    new Uint8Array(this.x.memory.buffer, at, to - from).set(bytes.subarray(from, to));
    this.base = from;
  }

  /** Scans the loaded bytes [from, to) from line `line`; the new values are resolved before it returns. */
  scan(from: number, to: number, line: number): { rows: ScannedRows; at: number; line: number; why: number } {
    const x = this.x;
    const rows = x.scan(from - this.base, to - this.base, line);
    for (const d of this.dictionaries) d?.resolveNew();
    x.remap(rows);
    const buffer = x.memory.buffer;
    const idsAt = x.idsAt();
    return {
      rows: {
        rows,
        codes: new Int32Array(buffer, x.codesAt(), rows),
        times: new Float64Array(buffer, x.timesAt(), rows),
        ids: (d) => ({ ids: new Int32Array(buffer, idsAt + 4 * d * RUN_ROWS, rows), max: x.runMax(d) }),
      },
      at: x.stoppedAt() + this.base,
      line: x.stoppedLine(),
      why: x.stoppedWhy(),
    };
  }
}

/**
 * One of the scanner's byte dictionaries, as the JavaScript path's ByteIds: a value's bytes are copied
 * into the scanner's memory and looked up there.
 */
class ScannerDictionary implements ByteIds {
  /** Local ids resolved so far. */
  private known = 0;
  private readonly x: Exports;
  private readonly d: number;
  private readonly resolve: (bytes: Uint8Array, from: number, to: number) => number;
  private readonly atLine: (line: number) => void;

  constructor(
    x: Exports,
    d: number,
    resolve: (bytes: Uint8Array, from: number, to: number) => number,
    atLine: (line: number) => void,
  ) {
    this.x = x;
    this.d = d;
    this.resolve = resolve;
    this.atLine = atLine;
  }

  /** Counted once, as the scanner's whole memory (RowScanner.byteSize). */
  get byteSize(): number {
    return 0;
  }

  idOf(bytes: Uint8Array, start: number, end: number): number {
    const x = this.x;
    const length = end - start;
    const at = x.scratch(length);
    new Uint8Array(x.memory.buffer, at, length).set(bytes.subarray(start, end));
    const found = x.lookup(this.d, length, 0);
    if (found >= 0) return found;
    // new: resolved from the caller's bytes, at the caller's line (the decode it was given knows it); its
    // entry's third word becomes its column id (see resolveNew)
    const local = ~found;
    const id = this.resolve(bytes, start, end);
    new Int32Array(x.memory.buffer, x.dictOrder(this.d) + 32 * local + 8, 1)[0] = id;
    this.known = local + 1;
    return id;
  }

  /** Resolves the values the last scan added, in order of first sighting. */
  resolveNew(): void {
    const x = this.x;
    const size = x.dictSize(this.d);
    if (size === this.known) return;
    // entries of 8 int32s: pointer, length, line, … (see ENTRY in wasm/row-scan.ts)
    const order = new Int32Array(x.memory.buffer, x.dictOrder(this.d), 8 * size);
    const heap = new Uint8Array(x.memory.buffer);
    for (let local = this.known; local < size; local++) {
      const at = order[8 * local] as number;
      const length = order[8 * local + 1] as number;
      this.atLine(order[8 * local + 2] as number);
      // the entry's line becomes its column id, for `remap` and `lookup`
      order[8 * local + 2] = this.resolve(heap, at, at + length);
    }
    this.known = size;
  }
}
