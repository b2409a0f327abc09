/** Byte-level output: the writers build UTF-8 directly, never a JS string that is encoded afterwards. */

import { DAY } from './pools.ts';
import type { TimeFormat } from './write-options.ts';

export const ENCODER = new TextEncoder();
export const BOM_BYTES = new Uint8Array([0xef, 0xbb, 0xbf]);
export const QUOTE = 34;
const BACKSLASH = 92;
const HEX = '0123456789abcdef';

/** A growable UTF-8 buffer with the escaping rules of CSV and JSON. */
export class ByteOut {
  buf: Uint8Array;
  pos = 0;
  /** Line breaks written inside quoted CSV fields since the caller last reset it. */
  breaks = 0;

  private readonly capacity: number;

  constructor(capacity: number) {
    this.capacity = capacity;
    this.buf = new Uint8Array(capacity);
  }

  /** The bytes written so far; what is written next goes to a new buffer of the first one's capacity. */
  take(): Uint8Array {
    const bytes = this.buf.subarray(0, this.pos);
    this.buf = new Uint8Array(this.capacity);
    this.pos = 0;
    this.breaks = 0;
    return bytes;
  }

  reserve(n: number): void {
    if (this.pos + n > this.buf.length) {
      const bigger = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n + 1024));
      bigger.set(this.buf.subarray(0, this.pos));
      this.buf = bigger;
    }
  }

  byte(b: number): void {
    this.reserve(1);
    this.buf[this.pos++] = b;
  }

  bytes(a: Uint8Array): void {
    this.reserve(a.length);
    this.buf.set(a, this.pos);
    this.pos += a.length;
  }

  /** Writes the non-ASCII code unit c = s[i]; returns the index of the last code unit consumed. */
  private wide(s: string, i: number, c: number): number {
    const buf = this.buf;
    if (c < 0x800) {
      buf[this.pos++] = 0xc0 | (c >> 6);
      buf[this.pos++] = 0x80 | (c & 63);
      return i;
    }
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        buf[this.pos++] = 0xf0 | (cp >> 18);
        buf[this.pos++] = 0x80 | ((cp >> 12) & 63);
        buf[this.pos++] = 0x80 | ((cp >> 6) & 63);
        buf[this.pos++] = 0x80 | (cp & 63);
        return i + 1;
      }
    }
    const u = c >= 0xd800 && c <= 0xdfff ? 0xfffd : c; // lone surrogate: U+FFFD, as TextEncoder does
    buf[this.pos++] = 0xe0 | (u >> 12);
    buf[this.pos++] = 0x80 | ((u >> 6) & 63);
    buf[this.pos++] = 0x80 | (u & 63);
    return i;
  }

  /** s as UTF-8, unescaped. */
  text(s: string): void {
    const n = s.length;
    this.reserve(n * 3);
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) this.buf[this.pos++] = c;
      else i = this.wide(s, i, c);
    }
  }

  /** One CSV field: bare unless it holds the delimiter, a quote, CR or LF (or quoteAll). */
  csvCell(s: string, delim: number, quoteAll: boolean): void {
    const n = s.length;
    this.reserve(n * 3 + 2);
    if (!quoteAll) {
      const start = this.pos;
      let i = 0;
      for (; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c < 0x80) {
          if (c === delim || c === QUOTE || c === 10 || c === 13) break;
          this.buf[this.pos++] = c;
        } else i = this.wide(s, i, c);
      }
      if (i >= n) return;
      this.pos = start;
    }
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c < 0x80) {
        buf[this.pos++] = c;
        if (c === QUOTE) buf[this.pos++] = QUOTE;
        else if (c === 10) this.breaks++;
        else if (c === 13) {
          this.breaks++;
          if (s.charCodeAt(i + 1) === 10) {
            buf[this.pos++] = 10;
            i++;
          }
        }
      } else i = this.wide(s, i, c);
    }
    buf[this.pos++] = QUOTE;
  }

  /** A JSON string literal. */
  jsonString(s: string): void {
    const n = s.length;
    this.reserve(n * 6 + 2);
    const buf = this.buf;
    buf[this.pos++] = QUOTE;
    for (let i = 0; i < n; i++) {
      const c = s.charCodeAt(i);
      if (c >= 0x20 && c < 0x80) {
        if (c === QUOTE || c === BACKSLASH) buf[this.pos++] = BACKSLASH;
        buf[this.pos++] = c;
      } else if (c < 0x20) {
        buf[this.pos++] = BACKSLASH;
        if (c === 10)
          buf[this.pos++] = 110; // n
        else if (c === 13)
          buf[this.pos++] = 114; // r
        else if (c === 9)
          buf[this.pos++] = 116; // t
        else {
          buf[this.pos++] = 117; // u
          buf[this.pos++] = 48;
          buf[this.pos++] = 48;
          buf[this.pos++] = HEX.charCodeAt(c >> 4);
          buf[this.pos++] = HEX.charCodeAt(c & 15);
        }
      } else i = this.wide(s, i, c);
    }
    buf[this.pos++] = QUOTE;
  }
}

/** Writes times in one format straight to bytes (caches the date part per day). */
export function timeWriter(format: TimeFormat): (out: ByteOut, t: number) => void {
  if (format === 'epoch-ms') return (out, t) => out.text(String(t));
  if (format === 'epoch-s') return (out, t) => out.text(String(Math.floor(t / 1000)));
  const sep = format === 'space' ? 32 : 84; // ' ' or 'T'
  const withMs = format === 'iso';
  let cachedDay = Number.NaN;
  let prefix = new Uint8Array(0);
  return (out, t) => {
    const day = Math.floor(t / DAY);
    if (day !== cachedDay) {
      cachedDay = day;
      prefix = ENCODER.encode(new Date(day * DAY).toISOString().slice(0, 10));
    }
    out.reserve(prefix.length + 14);
    const buf = out.buf;
    for (let k = 0; k < prefix.length; k++) buf[out.pos++] = prefix[k] as number;
    let ms = t - day * DAY;
    const h = Math.floor(ms / 3_600_000);
    ms -= h * 3_600_000;
    const m = Math.floor(ms / 60_000);
    ms -= m * 60_000;
    const s = Math.floor(ms / 1000);
    ms -= s * 1000;
    buf[out.pos++] = sep;
    buf[out.pos++] = 48 + Math.floor(h / 10);
    buf[out.pos++] = 48 + (h % 10);
    buf[out.pos++] = 58;
    buf[out.pos++] = 48 + Math.floor(m / 10);
    buf[out.pos++] = 48 + (m % 10);
    buf[out.pos++] = 58;
    buf[out.pos++] = 48 + Math.floor(s / 10);
    buf[out.pos++] = 48 + (s % 10);
    if (withMs) {
      buf[out.pos++] = 46;
      buf[out.pos++] = 48 + Math.floor(ms / 100);
      buf[out.pos++] = 48 + (Math.floor(ms / 10) % 10);
      buf[out.pos++] = 48 + (ms % 10);
      buf[out.pos++] = 90; // Z
    }
  };
}

/** A time as text, exactly as the writers print it. */
export function formatTime(t: number, format: TimeFormat = 'iso'): string {
  const out = new ByteOut(32);
  timeWriter(format)(out, t);
  return new TextDecoder().decode(out.buf.subarray(0, out.pos));
}

/** Decodes byte chunks (each ends on a row boundary, so on a character boundary) to strings. */
export function* decoded(chunks: Iterable<Uint8Array>): Generator<string> {
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  for (const chunk of chunks) yield decoder.decode(chunk);
}
