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

/** Int32s of a dictionary's state: table, mask, size, order, orderCap, pool, poolEnd, bytes, last block. */
const DICT_STATE: usize = 9;
/** A dictionary's first table slots and order entries: small, as most columns hold a few values. */
const FIRST_SLOTS: usize = 64;
const FIRST_BLOCK: usize = 1024;
/** Bytes of a table slot: hash, value pointer, length, local id + 1 (0: empty). */
const SLOT: usize = 16;
/** Bytes of an order entry (by local id): value pointer, length, line of first sighting. */
const ORDER: usize = 12;
const POOL_BLOCK: usize = 64 * 1024;
/** Bytes read past the end of the bytes scanned, hashed or compared (16-byte loads). */
const PAD: usize = 16;

let top: usize = 0;

function alloc(size: usize): usize {
  if (top == 0) top = (__heap_base + 15) & ~15;
  const at = top;
  top = (top + size + PAD + 15) & ~15;
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
let starts: usize = 0;
let ends: usize = 0;
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
let stopAt: i32 = 0;
let stopLine: i32 = 0;
let stopWhy: i32 = 0;
/** Whether the row splitRow last read had a quoted field after the needed ones (it may span lines). */
let quotedRest = false;

/** Makes `dictionaries` empty byte dictionaries, and outputs for scans of at most `rows` rows. */
export function init(dictionaries: i32, rows: i32): void {
  dicts = dictionaries;
  maxRows = rows;
  outCodes = alloc(<usize>rows * 4);
  outTimes = alloc(<usize>rows * 8);
  outIds = alloc(<usize>rows * 4 * <usize>max(dictionaries, 1));
  dictState = alloc(<usize>max(dictionaries, 1) * DICT_STATE * 4);
  for (let d = 0; d < dictionaries; d++) {
    const s = dictState + <usize>d * DICT_STATE * 4;
    const table = alloc(FIRST_SLOTS * SLOT);
    memory.fill(table, 0, FIRST_SLOTS * SLOT);
    store<u32>(s, <u32>table);
    store<u32>(s + 4, <u32>(FIRST_SLOTS - 1));
    store<u32>(s + 8, 0);
    const order = alloc(FIRST_SLOTS * ORDER);
    store<u32>(s + 12, <u32>order);
    store<u32>(s + 16, <u32>FIRST_SLOTS);
    store<u32>(s + 20, 0);
    store<u32>(s + 24, 0);
    store<u32>(s + 28, <u32>(FIRST_SLOTS * (SLOT + ORDER)));
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
  starts = alloc(<usize>neededFields * 4);
  ends = alloc(<usize>neededFields * 4);
}

/** Field `field` of a row: skipped, a code, a time, or a text value of dictionary `dict`. */
export function plan(field: i32, op: i32, dict: i32): void {
  store<i32>(ops + <usize>field * 4, op);
  store<i32>(dictOf + <usize>field * 4, dict);
}

/** Where to copy `n` bytes to scan (padded). */
export function input(n: i32): usize {
  if (<usize>n > inputCap) {
    inputCap = <usize>n;
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
/** Where dictionary `d`'s order entries are: (pointer, length, line) per local id. */
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
    store<i32>(starts + <usize>k * 4, <i32>(at - inputAt));
    store<i32>(ends + <usize>k * 4, <i32>(i - inputAt));
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

@inline
function mix(hash: u32, word: u32): u32 {
  let k = word * 0xcc9e2d51;
  k = rotl<u32>(k, 15);
  const h = hash ^ (k * 0x1b873593);
  return rotl<u32>(h, 13) * 5 + 0xe6546b64;
}

function hashBytes(p: usize, len: usize): u32 {
  let hash = <u32>len;
  let i: usize = 0;
  for (; i + 4 <= len; i += 4) hash = mix(hash, load<u32>(p + i));
  if (i < len) hash = mix(hash, load<u32>(p + i) & ((<u32>1 << (<u32>(len - i) * 8)) - 1));
  hash ^= hash >>> 16;
  hash *= 0x85ebca6b;
  hash ^= hash >>> 13;
  hash *= 0xc2b2ae35;
  return hash ^ (hash >>> 16);
}

function same(a: usize, b: usize, len: usize): bool {
  let i: usize = 0;
  for (; i + 8 <= len; i += 8) if (load<u64>(a + i) != load<u64>(b + i)) return false;
  for (; i < len; i++) if (load<u8>(a + i) != load<u8>(b + i)) return false;
  return true;
}

/**
 * The local id of bytes [p, p + len) in dictionary `d`: found, or added (its bytes copied, its first
 * sighting at `line`) as ~id (negative) so the caller knows it is new.
 */
function idOf(d: i32, p: usize, len: usize, line: i32): i32 {
  const s = dictState + <usize>d * DICT_STATE * 4;
  const hash = hashBytes(p, len);
  const table = <usize>load<u32>(s);
  const mask = load<u32>(s + 4);
  let slot = hash & mask;
  for (;;) {
    const at = table + <usize>slot * SLOT;
    const idPlusOne = load<i32>(at + 12);
    if (idPlusOne == 0) break;
    if (load<u32>(at) == hash && <usize>load<u32>(at + 8) == len && same(<usize>load<u32>(at + 4), p, len)) {
      return idPlusOne - 1;
    }
    slot = (slot + 1) & mask;
  }
  return ~insert(s, table + <usize>slot * SLOT, hash, p, len, line);
}

function insert(s: usize, at: usize, hash: u32, p: usize, len: usize, line: i32): i32 {
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
  store<i32>(s + 8, id + 1);
  store<u32>(at, hash);
  store<u32>(at + 4, <u32>pool);
  store<u32>(at + 8, <u32>len);
  store<i32>(at + 12, id + 1);
  let order = <usize>load<u32>(s + 12);
  const cap = <i32>load<u32>(s + 16);
  if (id == cap) {
    const next = alloc(<usize>cap * 2 * ORDER);
    memory.copy(next, order, <usize>cap * ORDER);
    order = next;
    store<u32>(s + 12, <u32>order);
    store<u32>(s + 16, <u32>(cap * 2));
    store<u32>(s + 28, load<u32>(s + 28) + <u32>(cap * 2) * <u32>ORDER);
  }
  const o = order + <usize>id * ORDER;
  store<u32>(o, <u32>pool);
  store<u32>(o + 4, <u32>len);
  store<i32>(o + 8, line);
  if (<u32>(id + 1) * 2 > load<u32>(s + 4) + 1) rehash(s);
  return id;
}

function rehash(s: usize): void {
  const old = <usize>load<u32>(s);
  const oldSlots = <usize>load<u32>(s + 4) + 1;
  const slots = oldSlots * 2;
  const table = alloc(slots * SLOT);
  memory.fill(table, 0, slots * SLOT);
  const mask = <u32>(slots - 1);
  for (let k: usize = 0; k < oldSlots; k++) {
    const from = old + k * SLOT;
    if (load<i32>(from + 12) == 0) continue;
    let slot = load<u32>(from) & mask;
    while (load<i32>(table + <usize>slot * SLOT + 12) != 0) slot = (slot + 1) & mask;
    memory.copy(table + <usize>slot * SLOT, from, SLOT);
  }
  store<u32>(s, <u32>table);
  store<u32>(s + 4, mask);
  store<u32>(s + 28, load<u32>(s + 28) + <u32>(slots * SLOT));
}

/** `idOf` for the JavaScript path: the value's bytes are at `scratch`. */
export function lookup(d: i32, len: i32, line: i32): i32 {
  return idOf(d, scratchAt, <usize>len, line);
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
    texts(rows, line);
    // a quoted field of the rest may hold line breaks; a plain row is one line
    line += quotedRest ? 1 + lineBreaksIn(pos, rowEnd) : 1;
    pos = rowEnd + (<u32>load<u8>(rowEnd) == CR && <u32>load<u8>(rowEnd + 1) == LF ? 2 : 1);
    rows++;
  }
  stopAt = <i32>(pos - inputAt);
  stopLine = line;
  return rows;
}

/** The row's codes and times into row `r` of the outputs; false when one is of a form left to JS. */
function fields(r: i32): bool {
  for (let k = 0; k < needed; k++) {
    const op = load<i32>(ops + <usize>k * 4);
    if (op == OP_SKIP || op == OP_TEXT) continue;
    const from = inputAt + <usize>load<i32>(starts + <usize>k * 4);
    const to = inputAt + <usize>load<i32>(ends + <usize>k * 4);
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

/** The row's text values' local ids into row `r` of the outputs (new values are added). */
function texts(r: i32, line: i32): void {
  for (let k = 0; k < needed; k++) {
    if (load<i32>(ops + <usize>k * 4) != OP_TEXT) continue;
    const d = load<i32>(dictOf + <usize>k * 4);
    const from = inputAt + <usize>load<i32>(starts + <usize>k * 4);
    const to = inputAt + <usize>load<i32>(ends + <usize>k * 4);
    let id = idOf(d, from, to - from, line);
    if (id < 0) id = ~id;
    store<i32>(outIds + (<usize>d * <usize>maxRows + <usize>r) * 4, id);
  }
}
