/**
 * Turning one cell into a number, straight from the characters (no regex, no intermediate strings), because
 * these run once per row. Every parser returns NaN for an unusable value; the matching `…Problem` function
 * explains why, and is only called for the rare rejected row.
 */

/** A cell as ingest sees it: CSV gives strings, JSON may give numbers, booleans or null. */
export type Cell = string | number | boolean | null | undefined;

const INT32_MAX = 2147483647;

/**
 * A result code: an integer, as a JSON number or as text with optional surrounding spaces and sign.
 * `1200.0` (spreadsheets write integers so) is accepted; `1.2e3`, `0x4B0`, `12a` and empty are not.
 */
export function parseCode(cell: Cell): number {
  if (typeof cell === 'number') {
    return Number.isInteger(cell) && Math.abs(cell) <= INT32_MAX ? cell : Number.NaN;
  }
  if (typeof cell !== 'string') return Number.NaN;
  return parseIntegerText(cell);
}

export function codeProblem(cell: Cell): string {
  if (cell === undefined) return 'no result-code field';
  if (cell === null) return 'result code is null';
  if (typeof cell === 'boolean') return `result code is ${cell}, not an integer`;
  if (typeof cell === 'number') {
    return Number.isInteger(cell)
      ? `result code ${cell} is out of range`
      : `result code ${cell} is not an integer`;
  }
  if (cell.trim() === '') return 'empty result code';
  const shown = cell.length > 40 ? `${cell.slice(0, 40)}…` : cell;
  return `result code "${shown.trim()}" is not an integer`;
}

function parseIntegerText(text: string): number {
  let i = 0;
  let end = text.length;
  while (i < end && isSpace(text.charCodeAt(i))) i++;
  while (end > i && isSpace(text.charCodeAt(end - 1))) end--;
  if (i === end) return Number.NaN;
  let sign = 1;
  const first = text.charCodeAt(i);
  if (first === 45 /* - */ || first === 43 /* + */) {
    if (first === 45) sign = -1;
    i++;
  }
  let value = 0;
  let digits = 0;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    value = value * 10 + c;
    digits++;
  }
  if (digits === 0 || digits > 10) return Number.NaN;
  if (i < end) {
    // only a fraction of zeros may follow: "1200.0", "1200.000"
    if (text.charCodeAt(i) !== 46 /* . */) return Number.NaN;
    for (i++; i < end; i++) if (text.charCodeAt(i) !== 48) return Number.NaN;
  }
  return value > INT32_MAX ? Number.NaN : sign * value;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0xfeff;
}

/** A count / weight: a non-negative integer. Empty means "not given" and is reported by the caller. */
export function parseCount(cell: Cell): number {
  const n = parseCode(cell);
  return n >= 0 ? n : Number.NaN;
}

export function countProblem(cell: Cell): string {
  const shown = typeof cell === 'string' ? `"${cell.trim().slice(0, 40)}"` : String(cell);
  return `count ${shown} is not a non-negative integer`;
}

/**
 * A point in time → epoch ms. Accepts ISO 8601 (`2026-10-01T08:15:30.123Z`, `+02:00` offsets, fractions
 * to the nanosecond), the same with a space instead of `T`, or `/` in the date, date-only values, the basic
 * format (`20261001T081530Z`), Go's `2016-03-11 13:03:17.063493443 +0000 UTC`, and epoch seconds, milliseconds,
 * microseconds or nanoseconds as numbers or digit strings, told apart by magnitude (see `epochToMs`).
 * A value without a zone is UTC — logs from servers are, and the browser's zone must not change figures.
 * Every time returned lies in the years 0000–9999 (`MIN_TIME`…`MAX_TIME`), so every `Date` made from it
 * is valid and prints as the ISO 8601 text this function reads back; anything else is NaN (unreadable).
 */
export function parseTime(cell: Cell): number {
  const time = parseAnyTime(cell);
  return time >= MIN_TIME && time <= MAX_TIME ? time : Number.NaN;
}

/** 0000-01-01T00:00:00.000Z and 9999-12-31T23:59:59.999Z: the times ISO 8601's four-digit years can write. */
export const MIN_TIME = -62_167_219_200_000;
export const MAX_TIME = 253_402_300_799_999;

function parseAnyTime(cell: Cell): number {
  if (typeof cell === 'number') return Number.isFinite(cell) ? epochToMs(cell) : Number.NaN;
  if (typeof cell !== 'string') return Number.NaN;
  let i = 0;
  let end = cell.length;
  while (i < end && isSpace(cell.charCodeAt(i))) i++;
  while (end > i && isSpace(cell.charCodeAt(end - 1))) end--;
  if (end - i < 4) return Number.NaN;
  const c4 = cell.charCodeAt(i + 4);
  if (c4 === 45 /* - */ || c4 === 47 /* / */) return parseDateTime(cell, i, end);
  const c8 = cell.charCodeAt(i + 8);
  if (c8 === 84 /* T */ || c8 === 116 /* t */) return parseBasicDateTime(cell, i, end);
  // epoch digits, optionally with a fraction
  let value = 0;
  let k = i;
  for (; k < end; k++) {
    const d = cell.charCodeAt(k) - 48;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  if (k === i) return Number.NaN;
  if (k < end) {
    if (cell.charCodeAt(k) !== 46) return Number.NaN;
    let scale = 0.1;
    for (k++; k < end; k++) {
      const d = cell.charCodeAt(k) - 48;
      if (d < 0 || d > 9) return Number.NaN;
      value += d * scale;
      scale /= 10;
    }
  }
  return epochToMs(value);
}

/**
 * Epoch seconds below 1e11, then ms, µs and ns, each unit's range starting at 1e11 of that unit (1e11 s is
 * the year 5138; 1e11 ms, µs or ns is 1973, 1970-01-02 or 1970-01-01): a log's times fall in one of them.
 */
function epochToMs(value: number): number {
  const size = Math.abs(value);
  if (size < 1e11) return Math.round(value * 1000);
  if (size < 1e14) return Math.round(value);
  if (size < 1e17) return Math.round(value / 1e3);
  if (size < 1e20) return Math.round(value / 1e6);
  return Number.NaN;
}

function digitsAt(s: string, at: number, n: number, end: number): number {
  if (at + n > end) return -1;
  let v = 0;
  for (let k = 0; k < n; k++) {
    const d = s.charCodeAt(at + k) - 48;
    if (d < 0 || d > 9) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * ISO 8601's basic format, `20261001T081530` (hawkBit DDI feedback), with optional fraction and zone
 * (`Z`, `+0200`): read as the extended format it spells.
 */
function parseBasicDateTime(s: string, i: number, end: number): number {
  const date = digitsAt(s, i, 8, end);
  if (date < 0 || digitsAt(s, i + 9, 4, end) < 0) return Number.NaN;
  const hasSeconds = digitsAt(s, i + 13, 2, end) >= 0;
  const rest = s.slice(i + (hasSeconds ? 15 : 13), end);
  const extended = `${s.slice(i, i + 4)}-${s.slice(i + 4, i + 6)}-${s.slice(i + 6, i + 8)}T${s.slice(i + 9, i + 11)}:${s.slice(i + 11, i + 13)}${hasSeconds ? `:${s.slice(i + 13, i + 15)}` : ''}${rest}`;
  return parseDateTime(extended, 0, extended.length);
}

/**
 * After a numeric zone offset, what Go's time.Time.String() writes: ` UTC` / ` MST` (the zone's
 * abbreviation: the offset already decides) and a monotonic clock reading ` m=+0.000000001`. Returns where
 * they end, or `at` when there is none.
 */
function goZoneSuffix(s: string, at: number, end: number): number {
  const suffix = /^ [A-Z]{1,5}(?: m=[+-]\d+(?:\.\d+)?)?$/.exec(s.slice(at, end));
  return suffix === null ? at : end;
}

function parseDateTime(s: string, i: number, end: number): number {
  const year = digitsAt(s, i, 4, end);
  const sep = s.charCodeAt(i + 4);
  const month = digitsAt(s, i + 5, 2, end);
  const day = digitsAt(s, i + 8, 2, end);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || s.charCodeAt(i + 7) !== sep) {
    return Number.NaN;
  }
  let at = i + 10;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let ms = 0;
  let offset = 0;
  if (at < end) {
    const t = s.charCodeAt(at);
    if (t !== 84 /* T */ && t !== 32 /* space */ && t !== 116 /* t */) return Number.NaN;
    hour = digitsAt(s, at + 1, 2, end);
    minute = digitsAt(s, at + 4, 2, end);
    if (hour < 0 || hour > 24 || minute < 0 || minute > 59 || s.charCodeAt(at + 3) !== 58) return Number.NaN;
    at += 6;
    if (at < end && s.charCodeAt(at) === 58 /* : */) {
      second = digitsAt(s, at + 1, 2, end);
      if (second < 0 || second > 60) return Number.NaN;
      at += 3;
      if (at < end && (s.charCodeAt(at) === 46 || s.charCodeAt(at) === 44) /* . or , */) {
        let scale = 100;
        for (at++; at < end; at++) {
          const d = s.charCodeAt(at) - 48;
          if (d < 0 || d > 9) break;
          ms += d * scale;
          scale /= 10;
        }
      }
    }
    while (at < end && s.charCodeAt(at) === 32) at++;
    if (at < end) {
      const z = s.charCodeAt(at);
      if (z === 90 /* Z */ || z === 122 /* z */) {
        at++;
      } else if (z === 43 /* + */ || z === 45 /* - */) {
        const oh = digitsAt(s, at + 1, 2, end);
        let om = 0;
        at += 3;
        if (at < end && s.charCodeAt(at) === 58) at++;
        if (at < end) {
          om = digitsAt(s, at, 2, end);
          at += 2;
        }
        // a zone's offset is under a day: ±HH[:]MM with HH ≤ 23 and MM ≤ 59
        if (oh < 0 || om < 0 || oh > 23 || om > 59) return Number.NaN;
        offset = (z === 45 ? -1 : 1) * (oh * 60 + om);
        at = goZoneSuffix(s, at, end);
      } else if (s.slice(at, end) === 'UTC' || s.slice(at, end) === 'GMT') {
        at = end;
      }
      if (at !== end) return Number.NaN;
    }
  }
  // not Date.UTC: it reads years 0–99 as 1900–1999
  const time =
    daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000;
  return time + Math.round(ms) - offset * 60_000;
}

/**
 * The hot case of `parseTime`, read straight from ASCII bytes: `YYYY-MM-DD[T ]hh:mm:ss[.fff][Z]`.
 * Returns NaN for anything else — the caller then decodes the field and uses `parseTime`, so the two
 * never disagree (a property test holds them to that).
 */
export function parseIsoTimeBytes(b: Uint8Array, from: number, to: number): number {
  const n = to - from;
  if (n < 19 || b[from + 4] !== 45 || b[from + 7] !== 45 || b[from + 13] !== 58 || b[from + 16] !== 58) {
    return Number.NaN;
  }
  const t = b[from + 10];
  if (t !== 84 && t !== 32) return Number.NaN;
  const year = d4(b, from);
  const month = d2(b, from + 5);
  const day = d2(b, from + 8);
  const hour = d2(b, from + 11);
  const minute = d2(b, from + 14);
  const second = d2(b, from + 17);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > 31 || hour < 0 || hour > 23) return Number.NaN;
  if (minute < 0 || minute > 59 || second < 0 || second > 59) return Number.NaN;
  let at = from + 19;
  let ms = 0;
  if (at < to && b[at] === 46) {
    let scale = 100;
    at++;
    const digitsFrom = at;
    for (; at < to; at++) {
      const d = (b[at] as number) - 48;
      if (d < 0 || d > 9) break;
      ms += d * scale;
      scale /= 10;
    }
    if (at === digitsFrom || at - digitsFrom > 3) return Number.NaN;
  }
  if (at < to && b[at] === 90) at++;
  if (at !== to) return Number.NaN;
  return (
    daysFromCivil(year, month, day) * 86_400_000 + hour * 3_600_000 + minute * 60_000 + second * 1000 + ms
  );
}

function d2(b: Uint8Array, at: number): number {
  const x = (b[at] as number) - 48;
  const y = (b[at + 1] as number) - 48;
  return x < 0 || x > 9 || y < 0 || y > 9 ? -1 : x * 10 + y;
}

function d4(b: Uint8Array, at: number): number {
  const hi = d2(b, at);
  const lo = d2(b, at + 2);
  return hi < 0 || lo < 0 ? -1 : hi * 100 + lo;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm); Date.UTC's overflow
 * of days past a month's end (Feb 30 → Mar 2) is matched because the formula is linear in the day. */
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}
