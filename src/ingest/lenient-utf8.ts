/**
 * UTF-8 with a Windows-1252 fallback, for logs exported by tools that write Latin-1 / Windows-1252.
 *
 * Every well-formed UTF-8 sequence decodes as UTF-8; every byte that is not part of one decodes as its
 * Windows-1252 character (one UTF-16 unit per byte). The rule is local to each sequence and ASCII bytes are
 * never part of a multi-byte sequence, so decoding a whole row gives the same text as decoding each field
 * between delimiters on its own: the CSV byte path (which decodes single values) and the PapaParse path
 * (which decodes whole rows) agree. Valid UTF-8 costs one fatal TextDecoder call; only text with bad bytes
 * takes the slow walk.
 */

const fatal = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Windows-1252 characters of bytes 0x80–0x9F (0xA0–0xFF are the same code points as the bytes). */
const CP1252_80_9F = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d,
  0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a,
  0x153, 0x9d, 0x17e, 0x178,
];

/** Text of `bytes`, and the offset of the first byte that is not UTF-8 (-1 when all of it is). */
export interface LenientText {
  text: string;
  firstBadByte: number;
}

/** Decodes `bytes` as UTF-8, reading bytes that are not UTF-8 as Windows-1252. */
export function decodeLenient(bytes: Uint8Array): LenientText {
  const ascii = shortAscii(bytes);
  if (ascii !== null) return { text: ascii, firstBadByte: -1 };
  const text = fatalDecode(bytes);
  return text === null ? slowDecode(bytes) : { text, firstBadByte: -1 };
}

/** The text alone, when where the bad bytes are does not matter. */
export function decodeLenientText(bytes: Uint8Array): string {
  const ascii = shortAscii(bytes);
  if (ascii !== null) return ascii;
  return fatalDecode(bytes) ?? slowDecode(bytes).text;
}

/**
 * The text of `bytes` when they are all UTF-8, null when some are not (the decoder's TypeError). Any other
 * error — the text is longer than a string can be — is thrown, as a RangeError also where the browser's
 * decoder answers "" instead: the slow walk would fail the same way, only much later.
 */
function fatalDecode(bytes: Uint8Array): string | null {
  let text: string;
  try {
    text = fatal.decode(bytes);
  } catch (error) {
    if (error instanceof TypeError) return null;
    throw error;
  }
  if (text.length === 0 && bytes.byteLength > 0) throw new RangeError('Invalid string length');
  return text;
}

/**
 * Short ASCII (device ids, model names, whole quoted rows) as a string without a TextDecoder call,
 * which costs microseconds each in browsers — a fleet of 200k devices decodes 200k ids. Null otherwise.
 */
function shortAscii(bytes: Uint8Array): string | null {
  const n = bytes.byteLength;
  if (n > 512) return null;
  for (let i = 0; i < n; i++) if ((bytes[i] as number) >= 0x80) return null;
  return asciiString(bytes, 0, n);
}

/** Arrays of char codes by length, reused: spreading one is about twice as fast as `apply` on bytes. */
const codesOfLength: number[][] = [];
const SPREAD_MAX = 32;

/** The text of single-byte characters bytes[from, to), e.g. ASCII already checked. */
export function asciiString(bytes: Uint8Array, from: number, to: number): string {
  const n = to - from;
  if (n > SPREAD_MAX) return String.fromCharCode.apply(null, bytes.subarray(from, to) as unknown as number[]);
  let codes = codesOfLength[n];
  if (codes === undefined) {
    codes = new Array<number>(n).fill(0);
    codesOfLength[n] = codes;
  }
  for (let k = 0; k < n; k++) codes[k] = bytes[from + k] as number;
  return String.fromCharCode(...codes);
}

function slowDecode(bytes: Uint8Array): LenientText {
  const parts: string[] = [];
  let units: number[] = [];
  let firstBadByte = -1;
  const n = bytes.byteLength;
  let i = 0;
  while (i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      units.push(b);
      i++;
    } else {
      const length = utf8SequenceLength(bytes, i, n);
      if (length === 0) {
        if (firstBadByte < 0) firstBadByte = i;
        units.push(b < 0xa0 ? (CP1252_80_9F[b - 0x80] as number) : b);
        i++;
      } else {
        let cp = b & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
        for (let k = 1; k < length; k++) cp = (cp << 6) | ((bytes[i + k] as number) & 0x3f);
        if (cp >= 0x10000) {
          cp -= 0x10000;
          units.push(0xd800 + (cp >> 10), 0xdc00 + (cp & 0x3ff));
        } else {
          units.push(cp);
        }
        i += length;
      }
    }
    if (units.length >= 8192) {
      parts.push(String.fromCharCode(...units));
      units = [];
    }
  }
  parts.push(String.fromCharCode(...units));
  return { text: parts.join(''), firstBadByte };
}

/**
 * The length (2–4) of the well-formed UTF-8 sequence that starts at bytes[i], or 0 when none does
 * (Unicode's table of well-formed byte sequences: no overlong forms, no surrogates, nothing past U+10FFFF).
 */
export function utf8SequenceLength(bytes: Uint8Array, i: number, end: number): number {
  const b = bytes[i] as number;
  let length: number;
  let lo = 0x80;
  let hi = 0xbf;
  if (b >= 0xc2 && b <= 0xdf) length = 2;
  else if (b >= 0xe0 && b <= 0xef) {
    length = 3;
    if (b === 0xe0) lo = 0xa0;
    else if (b === 0xed) hi = 0x9f;
  } else if (b >= 0xf0 && b <= 0xf4) {
    length = 4;
    if (b === 0xf0) lo = 0x90;
    else if (b === 0xf4) hi = 0x8f;
  } else return 0;
  if (i + length > end) return 0;
  const second = bytes[i + 1] as number;
  if (second < lo || second > hi) return 0;
  for (let k = 2; k < length; k++) {
    const c = bytes[i + k] as number;
    if (c < 0x80 || c > 0xbf) return 0;
  }
  return length;
}

/**
 * How many bytes from `from` make up the first `units` UTF-16 units of their lenient decoding (the inverse of
 * decodeLenient's length, so a reader that consumed part of the text knows where it stopped in the bytes).
 */
export function bytesForUnits(bytes: Uint8Array, from: number, units: number): number {
  const n = bytes.byteLength;
  let i = from;
  let u = 0;
  while (u < units && i < n) {
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      u++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i, n);
    if (length === 0) {
      i++;
      u++;
    } else {
      i += length;
      u += length === 4 ? 2 : 1;
    }
  }
  return i - from;
}

/** Bytes the character at bytes[i] (not ASCII) takes in the lenient decoding: its UTF-8 sequence, or 1. */
export function lenientSequenceLength(bytes: Uint8Array, i: number, end: number): number {
  return utf8SequenceLength(bytes, i, end) || 1;
}

/**
 * The character of the `length` bytes at bytes[i] (see lenientSequenceLength), as one UTF-16 unit: a
 * character outside the BMP as its high surrogate (white space and line breaks are all in the BMP).
 */
export function lenientCharCode(bytes: Uint8Array, i: number, length: number): number {
  const b = bytes[i] as number;
  if (length === 1) return b < 0xa0 ? (CP1252_80_9F[b - 0x80] as number) : b;
  let cp = b & (length === 2 ? 0x1f : length === 3 ? 0x0f : 0x07);
  for (let k = 1; k < length; k++) cp = (cp << 6) | ((bytes[i + k] as number) & 0x3f);
  return cp >= 0x10000 ? 0xd800 + ((cp - 0x10000) >> 10) : cp;
}

/**
 * Whether the lenient decoding of bytes[from, to) is longer than `max` UTF-16 units, counted without
 * decoding (and no further than past `max`).
 */
export function lenientLongerThan(bytes: Uint8Array, from: number, to: number, max: number): boolean {
  if (to - from <= max) return false;
  let i = from;
  let units = 0;
  while (i < to) {
    if (units > max) return true;
    const b = bytes[i] as number;
    if (b < 0x80) {
      i++;
      units++;
      continue;
    }
    const length = utf8SequenceLength(bytes, i, to);
    if (length === 0) {
      i++;
      units++;
    } else {
      i += length;
      units += length === 4 ? 2 : 1;
    }
  }
  return units > max;
}

/**
 * Streaming form for text readers (JSON): a sequence cut by a chunk boundary is carried into the next chunk.
 * `onBadBytes` is told the 1-based line (counted by LF) of the first byte that is not UTF-8, once.
 */
export class LenientUtf8Stream {
  private carry: Uint8Array | null = null;
  private line = 1;
  private reported = false;
  private readonly onBadBytes: (line: number) => void;

  constructor(onBadBytes: (line: number) => void) {
    this.onBadBytes = onBadBytes;
  }

  decode(chunk: Uint8Array, last: boolean): string {
    let bytes = chunk;
    if (this.carry) {
      bytes = new Uint8Array(this.carry.byteLength + chunk.byteLength);
      bytes.set(this.carry);
      bytes.set(chunk, this.carry.byteLength);
      this.carry = null;
    }
    const cut = last ? bytes.byteLength : incompleteTail(bytes);
    if (cut < bytes.byteLength) this.carry = bytes.slice(cut);
    const part = cut < bytes.byteLength ? bytes.subarray(0, cut) : bytes;
    const { text, firstBadByte } = decodeLenient(part);
    if (!this.reported) {
      if (firstBadByte >= 0) {
        this.reported = true;
        this.onBadBytes(this.line + countLf(part, 0, firstBadByte));
      } else {
        this.line += countLf(part, 0, part.byteLength);
      }
    }
    return text;
  }
}

/** Where a multi-byte sequence that the chunk's end cuts short begins (the chunk's length when none does). */
export function incompleteTail(bytes: Uint8Array): number {
  const n = bytes.byteLength;
  for (let k = n - 1; k >= 0 && k >= n - 3; k--) {
    const b = bytes[k] as number;
    if (b < 0x80) return n;
    if (b >= 0xc0) {
      const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
      return k + need > n ? k : n;
    }
  }
  return n;
}

function countLf(bytes: Uint8Array, from: number, to: number): number {
  let count = 0;
  for (let at = bytes.indexOf(10, from); at !== -1 && at < to; at = bytes.indexOf(10, at + 1)) count++;
  return count;
}
