// The row scanner's hot loop, in AssemblyScript (compiled by scripts/build-wasm.mjs into
// src/ingest/row-scan-wasm.ts). The JavaScript side, and the contract this code keeps, is
// src/ingest/row-scan.ts: it copies a chunk of CSV bytes into `input`, then `scan` reads the plain rows
// there — split at delimiter bytes 16 bytes at a time (SIMD), codes and ISO times parsed, text values
// looked up in byte dictionaries that live in this memory — and stops before the first row it cannot
// read exactly as the JavaScript path would (a quote in a needed field, too few fields, a code or time
// of another form, a row over the limit, a row not ended within the bytes). That row is read by the
// JavaScript path, which looks its values up in the same dictionaries (`lookup`).
//
// Memory: a bump allocator that never frees. Tables and arrays that grow are copied into a new block
// (the old one is left), so the waste is at most what is kept; the JS side counts the whole memory.

const LF: u32 = 10;
const CR: u32 = 13;
const QUOTE: u32 = 34;

// what `scan` does with a needed field
const OP_SKIP: i32 = 0;
const OP_CODE: i32 = 1;
const OP_TIME: i32 = 2;
const OP_TEXT: i32 = 3;

// why `scan` stopped
const WHY_FULL: i32 = 0;
const WHY_ROW: i32 = 1;
const WHY_END: i32 = 2;

// splitRow's answers besides a line break's position
const BAIL: isize = -1;
const INCOMPLETE: isize = -2;

/**
 * Int32s of a dictionary's state: index, mask, size, entries, entries' capacity, pool, pool's end, bytes,
 * last pool block.
 */
const DICT_STATE: usize = 9;
/** A dictionary's first table slots and order entries: small, as most columns hold a few values. */
const FIRST_SLOTS: usize = 64;
const FIRST_BLOCK: usize = 1024;
/**
 * A dictionary is an index — open addressing, 4 bytes a slot: an entry's number + 1, 0 when empty, at most
 * half full — over its entries, in order of first sighting (a value's local id is its entry's number). An
 * entry is 32 bytes: the value's pointer in the pool, its length, the line it was first seen at (once the
 * JavaScript side has resolved the value: its column id, see `remap`), its hash,
 * then its first 16 bytes (zero-padded), so a value of up to 16 bytes (a device id) is compared as two
 * 64-bit words, and a lookup touches a small index and one entry.
 */
const ENTRY: usize = 32;
const INLINE: usize = 16;
const POOL_BLOCK: usize = 64 * 1024;
/** Bytes read past the end of the bytes scanned, hashed or compared (16-byte loads). */
const PAD: usize = 16;

let top: usize = 0;

function alloc(size: usize): usize {
  // 32-byte aligned: a table slot is one half of a cache line
  if (top == 0) top = (__heap_base + 31) & ~31;
  const at = top;
  top = (top + size + PAD + 31) & ~31;
  const pages = <i32>((top + 0xffff) >>> 16);
  const have = memory.size();
  if (pages > have && memory.grow(pages - have) < 0) unreachable();
  return at;
}

let delimiter: u32 = 44;
let needed: i32 = 0;
let limit: i32 = 0;
let ops: usize = 0;
let dictOf: usize = 0;
/** Per row of a scan, per needed field, where it starts and ends (offsets in the input). */
let starts: usize = 0;
let ends: usize = 0;
/** The needed fields of the row being split: at starts/ends + fieldAt × 4. */
let fieldAt: usize = 0;
/** Per row of a scan, its line. */
let lines: usize = 0;
let inputAt: usize = 0;
let inputCap: usize = 0;
let scratchAt: usize = 0;
let scratchCap: usize = 0;
let maxRows: i32 = 0;
let dicts: i32 = 0;
let outCodes: usize = 0;
let outTimes: usize = 0;
let outIds: usize = 0;
let dictState: usize = 0;
/** Per dictionary: 1 when a field of the plan looks values up in it. */
let used: usize = 0;
/** Per dictionary: the largest column id `remap` wrote. */
let maxima: usize = 0;
let stopAt: i32 = 0;
let stopLine: i32 = 0;
let stopWhy: i32 = 0;
/** Whether the row splitRow last read had a quoted field after the needed ones (it may span lines). */
let quotedRest = false;
/** Rows a batch of lookups takes (see `batch`), and its hashes, first 16 bytes and first slots. */
const BATCH: i32 = 64;
let batchHash: usize = 0;
let batchWords: usize = 0;
let batchSlot: usize = 0;
/** Where the entries' loads of a batch go, so that they are made (see `batch`). */
let batchTouched: u32 = 0;

/** Makes `dictionaries` empty byte dictionaries, and outputs for scans of at most `rows` rows. */
export function init(dictionaries: i32, rows: i32): void {
  dicts = dictionaries;
  maxRows = rows;
  outCodes = alloc(<usize>rows * 4);
  outTimes = alloc(<usize>rows * 8);
  outIds = alloc(<usize>rows * 4 * <usize>max(dictionaries, 1));
  lines = alloc(<usize>rows * 4);
  batchHash = alloc(<usize>BATCH * 4);
  batchWords = alloc(<usize>BATCH * 16);
  batchSlot = alloc(<usize>BATCH * 4);
  dictState = alloc(<usize>max(dictionaries, 1) * DICT_STATE * 4);
  used = alloc(<usize>max(dictionaries, 1) * 4);
  maxima = alloc(<usize>max(dictionaries, 1) * 4);
  memory.fill(used, 0, <usize>max(dictionaries, 1) * 4);
  for (let d = 0; d < dictionaries; d++) {
    const s = dictState + <usize>d * DICT_STATE * 4;
    const index = alloc(FIRST_SLOTS * 4);
    memory.fill(index, 0, FIRST_SLOTS * 4);
    store<u32>(s, <u32>index);
    store<u32>(s + 4, <u32>(FIRST_SLOTS - 1));
    store<u32>(s + 8, 0);
    const entries = alloc((FIRST_SLOTS / 2) * ENTRY);
    store<u32>(s + 12, <u32>entries);
    store<u32>(s + 16, <u32>(FIRST_SLOTS / 2));
    store<u32>(s + 20, 0);
    store<u32>(s + 24, 0);
    store<u32>(s + 28, <u32>(FIRST_SLOTS * 4 + (FIRST_SLOTS / 2) * ENTRY));
    store<u32>(s + 32, 0);
  }
}

/** The rows' shape: the delimiter byte, the leading fields each row must have, the row limit in bytes. */
export function shape(delimiterByte: i32, neededFields: i32, limitBytes: i32): void {
  delimiter = <u32>delimiterByte;
  needed = neededFields;
  limit = limitBytes;
  ops = alloc(<usize>neededFields * 4);
  dictOf = alloc(<usize>neededFields * 4);
  starts = alloc(<usize>neededFields * <usize>maxRows * 4);
  ends = alloc(<usize>neededFields * <usize>maxRows * 4);
}

/** Field `field` of a row: skipped, a code, a time, or a text value of dictionary `dict`. */
export function plan(field: i32, op: i32, dict: i32): void {
  store<i32>(ops + <usize>field * 4, op);
  store<i32>(dictOf + <usize>field * 4, dict);
  if (op == OP_TEXT) store<i32>(used + <usize>dict * 4, 1);
}

/**
 * Turns the local ids the last scan wrote (`rows` rows) into column ids: an entry's third word holds the line
 * it was first seen at until the JavaScript side has resolved it, then its column id (see
 * src/ingest/row-scan.ts). Notes each dictionary's largest id (`runMax`).
 */
export function remap(rows: i32): void {
  for (let d = 0; d < dicts; d++) {
    if (load<i32>(used + <usize>d * 4) == 0) continue;
    const out = outIds + <usize>d * <usize>maxRows * 4;
    const entries = <usize>load<u32>(dictState + <usize>d * DICT_STATE * 4 + 12);
    let top = 0;
    for (let r = 0; r < rows; r++) {
      const id = load<i32>(entries + <usize>load<i32>(out + <usize>r * 4) * ENTRY + 8);
      store<i32>(out + <usize>r * 4, id);
      if (id > top) top = id;
    }
    store<i32>(maxima + <usize>d * 4, top);
  }
}

/** The largest column id of dictionary `d` in the last `remap`. */
export function runMax(d: i32): i32 {
  return load<i32>(maxima + <usize>d * 4);
}

/** Where to copy `n` bytes to scan (padded). */
export function input(n: i32): usize {
  if (<usize>n > inputCap) {
    // a quarter more: a chunk's size varies by the bytes carried from the one before, and each new area is
    // memory touched (and faulted in) for the first time
    inputCap = <usize>n + (<usize>n >> 2);
    inputAt = alloc(inputCap);
  }
  memory.fill(inputAt + <usize>n, 0, PAD);
  return inputAt;
}

/** Where to copy `n` bytes of a value to `lookup` (padded). */
export function scratch(n: i32): usize {
  if (<usize>n > scratchCap) {
    scratchCap = max(<usize>n, 256);
    scratchAt = alloc(scratchCap);
  }
  return scratchAt;
}

export function memoryTop(): usize {
  return top;
}
export function codesAt(): usize {
  return outCodes;
}
export function timesAt(): usize {
  return outTimes;
}
export function idsAt(): usize {
  return outIds;
}
export function stoppedAt(): i32 {
  return stopAt;
}
export function stoppedLine(): i32 {
  return stopLine;
}
export function stoppedWhy(): i32 {
  return stopWhy;
}
/** Distinct values in dictionary `d` (local ids are 0 … size − 1, in order of first sighting). */
export function dictSize(d: i32): i32 {
  return load<i32>(dictState + <usize>d * DICT_STATE * 4 + 8);
}
/** Where dictionary `d`'s entries are (see ENTRY): (pointer, length, line, …) per local id. */
export function dictOrder(d: i32): usize {
  return <usize>load<u32>(dictState + <usize>d * DICT_STATE * 4 + 12);
}
export function dictBytes(d: i32): i32 {
  return load<i32>(dictState + <usize>d * DICT_STATE * 4 + 28);
}

// ---- bytes ----

@inline
function specials(at: usize, vd: v128): i32 {
  const v = v128.load(at);
  const m = v128.or(
    v128.or(i8x16.eq(v, vd), i8x16.eq(v, i8x16.splat(<i8>LF))),
    v128.or(i8x16.eq(v, i8x16.splat(<i8>CR)), i8x16.eq(v, i8x16.splat(<i8>QUOTE))),
  );
  return i8x16.bitmask(m);
}

/** The first byte at or after `at` (before `end`) that is `byte`, or `end`. */
function findByte(byte: u32, at: usize, end: usize): usize {
  const vb = i8x16.splat(<i8>byte);
  while (at < end) {
    const bits = i8x16.bitmask(i8x16.eq(v128.load(at), vb));
    if (bits != 0) {
      const i = at + <usize>ctz(bits);
      return i < end ? i : end;
    }
    at += 16;
  }
  return end;
}

/** The first delimiter, LF or CR at or after `at` (before `end`), or `end`. */
function findField(at: usize, end: usize): usize {
  const vd = i8x16.splat(<i8>delimiter);
  while (at < end) {
    const v = v128.load(at);
    const m = v128.or(
      i8x16.eq(v, vd),
      v128.or(i8x16.eq(v, i8x16.splat(<i8>LF)), i8x16.eq(v, i8x16.splat(<i8>CR))),
    );
    const bits = i8x16.bitmask(m);
    if (bits != 0) {
      const i = at + <usize>ctz(bits);
      return i < end ? i : end;
    }
    at += 16;
  }
  return end;
}

/**
 * Splits the needed fields of the row at `pos` into starts/ends; returns the position of its line break
 * (its first byte), or BAIL (the JavaScript path reads it) or INCOMPLETE (it does not end before `end`).
 * As RowSplitter: the needed fields are split at delimiters and must hold no quote; the rest of the row
 * is scanned for its end by PapaParse's rules (see rowEnd in csv-row-splitter.ts).
 */
function splitRow(pos: usize, end: usize): isize {
  quotedRest = false;
  const vd = i8x16.splat(<i8>delimiter);
  let cur = pos;
  let mask = specials(cur, vd);
  let k = 0;
  let at = pos;
  for (;;) {
    while (mask == 0) {
      cur += 16;
      if (cur >= end) return INCOMPLETE;
      mask = specials(cur, vd);
    }
    const i = cur + <usize>ctz(mask);
    mask &= mask - 1;
    if (i >= end) return INCOMPLETE;
    const b = <u32>load<u8>(i);
    if (b == QUOTE) return BAIL;
    store<i32>(starts + (fieldAt + <usize>k) * 4, <i32>(at - inputAt));
    store<i32>(ends + (fieldAt + <usize>k) * 4, <i32>(i - inputAt));
    k++;
    if (b == delimiter) {
      if (k == needed) return restOfRow(i + 1, end);
      at = i + 1;
      continue;
    }
    if (k < needed) return BAIL;
    if (b == CR && i + 1 >= end) return INCOMPLETE;
    return <isize>i;
  }
}

/** Where the row whose field starts at `at` ends (see splitRow); its quoted fields may hold line breaks. */
function restOfRow(at: usize, end: usize): isize {
  for (;;) {
    if (at >= end) return INCOMPLETE;
    if (<u32>load<u8>(at) == QUOTE) {
      quotedRest = true;
      let q = findByte(QUOTE, at + 1, end);
      for (;;) {
        if (q + 1 >= end) return INCOMPLETE;
        if (<u32>load<u8>(q + 1) != QUOTE) break;
        q = findByte(QUOTE, q + 2, end);
      }
      const next = <u32>load<u8>(q + 1);
      if (next == delimiter) {
        at = q + 2;
        continue;
      }
      if (next == LF) return <isize>(q + 1);
      if (next == CR) return q + 2 < end ? <isize>(q + 1) : INCOMPLETE;
      return BAIL;
    }
    const i = findField(at, end);
    if (i >= end) return INCOMPLETE;
    const b = <u32>load<u8>(i);
    if (b == delimiter) {
      at = i + 1;
      continue;
    }
    if (b == CR && i + 1 >= end) return INCOMPLETE;
    return <isize>i;
  }
}

/** Line breaks in [from, to): LF, and CR not followed by LF (as lineBreaksIn in csv-row-splitter.ts). */
function lineBreaksIn(from: usize, to: usize): i32 {
  let n = 0;
  for (let i = from; i < to; i++) {
    const b = <u32>load<u8>(i);
    if (b == LF || (b == CR && <u32>load<u8>(i + 1) != LF)) n++;
  }
  return n;
}

// ---- fields ----

/** A code of 1 to 9 ASCII digits, or -1 (the JavaScript path reads any other form). */
function digits(from: usize, to: usize): i32 {
  const n = to - from;
  if (n < 1 || n > 9) return -1;
  let value = 0;
  for (let i = from; i < to; i++) {
    const d = <i32>load<u8>(i) - 48;
    if (d < 0 || d > 9) return -1;
    value = value * 10 + d;
  }
  return value;
}

@inline
function d2(at: usize): i32 {
  const x = <i32>load<u8>(at) - 48;
  const y = <i32>load<u8>(at + 1) - 48;
  return x < 0 || x > 9 || y < 0 || y > 9 ? -1 : x * 10 + y;
}

/** `YYYY-MM-DD[T ]hh:mm:ss[.fff][Z]` as parseIsoTimeBytes (field-parsers.ts) reads it; NaN otherwise. */
function isoTime(from: usize, to: usize): f64 {
  const n = to - from;
  if (n < 19) return NaN;
  if (<u32>load<u8>(from + 4) != 45 || <u32>load<u8>(from + 7) != 45) return NaN;
  if (<u32>load<u8>(from + 13) != 58 || <u32>load<u8>(from + 16) != 58) return NaN;
  const t = <u32>load<u8>(from + 10);
  if (t != 84 && t != 32) return NaN;
  const hi = d2(from);
  const lo = d2(from + 2);
  const year = hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
  const month = d2(from + 5);
  const day = d2(from + 8);
  const hour = d2(from + 11);
  const minute = d2(from + 14);
  const second = d2(from + 17);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) return NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return NaN;
  let at = from + 19;
  let ms = 0;
  if (at < to && <u32>load<u8>(at) == 46) {
    let scale = 100;
    at++;
    const digitsFrom = at;
    for (; at < to; at++) {
      const d = <i32>load<u8>(at) - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
    }
    if (at == digitsFrom || at - digitsFrom > 3) return NaN;
  }
  if (at < to && <u32>load<u8>(at) == 90) at++;
  if (at != to) return NaN;
  // days since 1970-01-01 (Howard Hinnant's days_from_civil, as field-parsers.ts)
  const y = month <= 2 ? year - 1 : year;
  const era = (y >= 0 ? y : y - 399) / 400;
  const yoe = y - era * 400;
  const doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  const doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const days = era * 146097 + doe - 719468;
  return <f64>days * 86400000.0 + <f64>(hour * 3600000 + minute * 60000 + second * 1000 + ms);
}

// ---- dictionaries ----

/** The first `n` bytes (n ≤ 8) of the 8 at `p`, zero-padded. */
@inline
function word(p: usize, n: usize): u64 {
  if (n >= 8) return load<u64>(p);
  return n == 0 ? 0 : load<u64>(p) & ((<u64>1 << (<u64>n * 8)) - 1);
}

// the value's first 16 bytes as two words (zero-padded), set by hash()
let lo: u64 = 0;
let hi: u64 = 0;

/** The hash of bytes [p, p + len), its first 16 bytes left in lo and hi (values are read 8 bytes at a time). */
function hash(p: usize, len: usize): u32 {
  lo = word(p, len);
  hi = len > 8 ? word(p + 8, len - 8) : 0;
  let h: u64 = (lo ^ 0x9e3779b97f4a7c15) * 0xbf58476d1ce4e5b9;
  h ^= rotl<u64>((hi ^ <u64>len) * 0x94d049bb133111eb, 31);
  for (let i: usize = INLINE; i < len; i += 8) {
    h = (h ^ word(p + i, min(8, len - i))) * 0xff51afd7ed558ccd;
    h ^= h >> 33;
  }
  h ^= h >> 29;
  h *= 0xc4ceb9fe1a85ec53;
  return <u32>(h ^ (h >> 32));
}

/** Whether the bytes past the first 16 of two values of length `len` are the same. */
function sameRest(a: usize, b: usize, len: usize): bool {
  for (let i: usize = INLINE; i < len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/**
 * The local id of bytes [p, p + len) in dictionary `d`: found, or added (its bytes copied, its first
 * sighting at `line`) as ~id (negative) so the caller knows it is new.
 */
function idOf(d: i32, p: usize, len: usize, line: i32): i32 {
  const s = dictState + <usize>d * DICT_STATE * 4;
  const h = hash(p, len);
  const index = <usize>load<u32>(s);
  const mask = load<u32>(s + 4);
  const entries = <usize>load<u32>(s + 12);
  let slot = h & mask;
  for (;;) {
    const idPlusOne = load<u32>(index + <usize>slot * 4);
    if (idPlusOne == 0) break;
    const e = entries + <usize>(idPlusOne - 1) * ENTRY;
    if (
      load<u32>(e + 12) == h &&
      <usize>load<u32>(e + 4) == len &&
      load<u64>(e + 16) == lo &&
      load<u64>(e + 24) == hi &&
      (len <= INLINE || sameRest(<usize>load<u32>(e), p, len))
    ) {
      return <i32>idPlusOne - 1;
    }
    slot = (slot + 1) & mask;
  }
  return ~insert(s, index + <usize>slot * 4, h, p, len, line);
}

function insert(s: usize, at: usize, h: u32, p: usize, len: usize, line: i32): i32 {
  let pool = <usize>load<u32>(s + 20);
  if (pool == 0 || pool + len > <usize>load<u32>(s + 24)) {
    // blocks double from FIRST_BLOCK to POOL_BLOCK bytes (or a value's length); a full block's rest is left
    const last = <usize>load<u32>(s + 32);
    const block = max(last == 0 ? FIRST_BLOCK : min(POOL_BLOCK, last * 2), len);
    store<u32>(s + 32, <u32>block);
    pool = alloc(block);
    store<u32>(s + 24, <u32>(pool + block));
    store<u32>(s + 28, load<u32>(s + 28) + <u32>block);
  }
  memory.copy(pool, p, len);
  store<u32>(s + 20, <u32>(pool + len));
  const id = load<i32>(s + 8);
  let entries = <usize>load<u32>(s + 12);
  const cap = <i32>load<u32>(s + 16);
  if (id == cap) {
    const next = alloc(<usize>cap * 2 * ENTRY);
    memory.copy(next, entries, <usize>cap * ENTRY);
    entries = next;
    store<u32>(s + 12, <u32>entries);
    store<u32>(s + 16, <u32>(cap * 2));
    store<u32>(s + 28, load<u32>(s + 28) + <u32>(cap * 2) * <u32>ENTRY);
  }
  const e = entries + <usize>id * ENTRY;
  store<u32>(e, <u32>pool);
  store<u32>(e + 4, <u32>len);
  store<i32>(e + 8, line);
  store<u32>(e + 12, h);
  store<u64>(e + 16, lo);
  store<u64>(e + 24, hi);
  store<u32>(at, <u32>(id + 1));
  store<i32>(s + 8, id + 1);
  if (<u32>(id + 1) * 2 > load<u32>(s + 4) + 1) rehash(s);
  return id;
}

/** Doubles the index, placing every entry again by its hash. */
function rehash(s: usize): void {
  const slots = (<usize>load<u32>(s + 4) + 1) * 2;
  const index = alloc(slots * 4);
  memory.fill(index, 0, slots * 4);
  const mask = <u32>(slots - 1);
  const entries = <usize>load<u32>(s + 12);
  const size = load<u32>(s + 8);
  for (let id: u32 = 0; id < size; id++) {
    let slot = load<u32>(entries + <usize>id * ENTRY + 12) & mask;
    while (load<u32>(index + <usize>slot * 4) != 0) slot = (slot + 1) & mask;
    store<u32>(index + <usize>slot * 4, id + 1);
  }
  store<u32>(s, <u32>index);
  store<u32>(s + 4, mask);
  store<u32>(s + 28, load<u32>(s + 28) + <u32>(slots * 4));
}

/**
 * `idOf` for the JavaScript path, the value's bytes at `scratch`: a value seen before gives its column id
 * (its entry's third word, resolved by then: see `remap`), a new one ~its local id.
 */
export function lookup(d: i32, len: i32, line: i32): i32 {
  const id = idOf(d, scratchAt, <usize>len, line);
  if (id < 0) return id;
  const entries = <usize>load<u32>(dictState + <usize>d * DICT_STATE * 4 + 12);
  return load<i32>(entries + <usize>id * ENTRY + 8);
}

// ---- rows ----

/**
 * Reads the rows of input[from, to) from line `line` on, writing each one's code, time and local ids at
 * row index r of the outputs; returns the rows written. Stops (stoppedAt, stoppedLine, stoppedWhy) when
 * the outputs are full (WHY_FULL), before a row the JavaScript path must read (WHY_ROW), or before a row
 * that does not end within the bytes (WHY_END).
 */
export function scan(from: i32, to: i32, line: i32): i32 {
  let pos = inputAt + <usize>from;
  const end = inputAt + <usize>to;
  let rows = 0;
  stopWhy = WHY_FULL;
  while (rows < maxRows) {
    if (pos >= end) {
      stopWhy = WHY_END;
      break;
    }
    fieldAt = <usize>rows * <usize>needed;
    const lineBreak = splitRow(pos, end);
    if (lineBreak < 0) {
      stopWhy = lineBreak == INCOMPLETE ? WHY_END : WHY_ROW;
      break;
    }
    const rowEnd = <usize>lineBreak;
    if (<i32>(rowEnd - pos) > limit || !fields(rows)) {
      stopWhy = WHY_ROW;
      break;
    }
    store<i32>(lines + <usize>rows * 4, line);
    // a quoted field of the rest may hold line breaks; a plain row is one line
    line += quotedRest ? 1 + lineBreaksIn(pos, rowEnd) : 1;
    pos = rowEnd + (<u32>load<u8>(rowEnd) == CR && <u32>load<u8>(rowEnd + 1) == LF ? 2 : 1);
    rows++;
  }
  texts(rows);
  stopAt = <i32>(pos - inputAt);
  stopLine = line;
  return rows;
}

/** The row's codes and times into row `r` of the outputs; false when one is of a form left to JS. */
function fields(r: i32): bool {
  for (let k = 0; k < needed; k++) {
    const op = load<i32>(ops + <usize>k * 4);
    if (op == OP_SKIP || op == OP_TEXT) continue;
    const from = inputAt + <usize>load<i32>(starts + (fieldAt + <usize>k) * 4);
    const to = inputAt + <usize>load<i32>(ends + (fieldAt + <usize>k) * 4);
    if (op == OP_CODE) {
      const code = digits(from, to);
      if (code < 0) return false;
      store<i32>(outCodes + <usize>r * 4, code);
    } else {
      const time = to == from ? NaN : isoTime(from, to);
      if (to != from && isNaN(time)) return false;
      store<f64>(outTimes + <usize>r * 8, time);
    }
  }
  return true;
}

/**
 * The text values' local ids of the scan's rows into the outputs (new values are added), a column at a
 * time, BATCH rows at a time (see `batch`).
 */
function texts(rows: i32): void {
  for (let k = 0; k < needed; k++) {
    if (load<i32>(ops + <usize>k * 4) != OP_TEXT) continue;
    for (let r = 0; r < rows; r += BATCH) batch(k, r, min(BATCH, rows - r));
  }
}

/**
 * Field k's local ids for rows [r0, r0 + n), in three passes so that the processor overlaps the lookups'
 * cache misses (a big dictionary, 200k device ids, misses on nearly every lookup, twice: its index, then
 * the entry): the values' hashes; then each one's first index slot, loads that do not wait on each other;
 * then each one's entry. A value whose first slot does not hold it (empty, another value, or a slot that a
 * value added earlier in the batch has filled since) is looked up again in full; an entry's number never
 * changes, so a slot read before a value was added or the index grew still names the right entry.
 */
function batch(k: i32, r0: i32, n: i32): void {
  const d = load<i32>(dictOf + <usize>k * 4);
  const out = outIds + <usize>d * <usize>maxRows * 4;
  const s = dictState + <usize>d * DICT_STATE * 4;
  for (let i = 0; i < n; i++) {
    const f = (<usize>(r0 + i) * <usize>needed + <usize>k) * 4;
    const from = inputAt + <usize>load<i32>(starts + f);
    const h = hash(from, inputAt + <usize>load<i32>(ends + f) - from);
    store<u32>(batchHash + <usize>i * 4, h);
    store<u64>(batchWords + <usize>i * 16, lo);
    store<u64>(batchWords + <usize>i * 16 + 8, hi);
  }
  const index = <usize>load<u32>(s);
  const mask = load<u32>(s + 4);
  for (let i = 0; i < n; i++) {
    const slot = load<u32>(batchHash + <usize>i * 4) & mask;
    store<u32>(batchSlot + <usize>i * 4, load<u32>(index + <usize>slot * 4));
  }
  // the entries' lines, loaded before any is compared (see above)
  const entries = <usize>load<u32>(s + 12);
  let touched: u32 = 0;
  for (let i = 0; i < n; i++) {
    const idPlusOne = load<u32>(batchSlot + <usize>i * 4);
    if (idPlusOne != 0) touched ^= load<u32>(entries + <usize>(idPlusOne - 1) * ENTRY + 12);
  }
  batchTouched = touched;
  for (let i = 0; i < n; i++) {
    const r = r0 + i;
    const f = (<usize>r * <usize>needed + <usize>k) * 4;
    const from = inputAt + <usize>load<i32>(starts + f);
    const len = inputAt + <usize>load<i32>(ends + f) - from;
    const idPlusOne = load<u32>(batchSlot + <usize>i * 4);
    if (idPlusOne != 0) {
      const e = <usize>load<u32>(s + 12) + <usize>(idPlusOne - 1) * ENTRY;
      if (
        load<u32>(e + 12) == load<u32>(batchHash + <usize>i * 4) &&
        <usize>load<u32>(e + 4) == len &&
        load<u64>(e + 16) == load<u64>(batchWords + <usize>i * 16) &&
        load<u64>(e + 24) == load<u64>(batchWords + <usize>i * 16 + 8) &&
        (len <= INLINE || sameRest(<usize>load<u32>(e), from, len))
      ) {
        store<i32>(out + <usize>r * 4, <i32>idPlusOne - 1);
        continue;
      }
    }
    const id = idOf(d, from, len, load<i32>(lines + <usize>r * 4));
    store<i32>(out + <usize>r * 4, id < 0 ? ~id : id);
  }
}
