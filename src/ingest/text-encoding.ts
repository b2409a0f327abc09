import { decodeLenientText, incompleteTail } from './lenient-utf8.ts';

/**
 * The text encoding of a file, chosen once from a bounded sample of its first bytes (never from every byte
 * of a big file, so UTF-8 input pays one validity check of the sample):
 *
 * - a byte-order mark says UTF-8, UTF-16 LE or UTF-16 BE;
 * - UTF-16 without one is recognised from its line breaks (below);
 * - a sample that is valid UTF-8 (ASCII included) is UTF-8;
 * - otherwise the sample is decoded in each legacy encoding below and the most plausible text wins (see
 *   `plausibility`); UTF-8 read leniently (bytes that are not UTF-8 as Windows-1252, which keeps mixed
 *   files and Latin-1 exports right) wins ties and is what "utf-8" means for such a file.
 *
 * Every candidate is ASCII-compatible, and a multi-byte one is decoded before any delimiter is looked for,
 * so a Shift-JIS or GBK second byte that is "|" stays part of its character.
 */
export function textEncoding(sample: Uint8Array): string {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  return utf16WithoutBom(sample.subarray(0, UTF16_SAMPLE)) ?? legacyEncoding(sample) ?? 'utf-8';
}

/** How much of the file the choice of a legacy encoding looks at. */
export const ENCODING_SAMPLE = 64 * 1024;
const UTF16_SAMPLE = 4096;

/**
 * Legacy encodings recognised; on equal plausibility the earlier one wins (a single-byte reading before a
 * multi-byte one, whose wrong guesses are still valid, distinct characters).
 */
const LEGACY = ['windows-1251', 'shift_jis', 'euc-kr', 'gbk', 'big5', 'euc-jp'] as const;
const SINGLE_BYTE = new Set<string>(['windows-1251']);
const MIN_EVIDENCE = 4;

/**
 * UTF-16 without a byte-order mark ("Unicode text" from some Windows tools). A log has line breaks,
 * delimiters or JSON punctuation, and in UTF-16 each is a code unit below 0x80: its byte next to a zero
 * byte, at an even offset. In text of one byte per character (UTF-8, legacy encodings) such a byte is
 * followed by more text, so a NUL or two inside values cannot look like this, whatever script the text is
 * in (Cyrillic or CJK UTF-16 has no zero byte in its letters, but its line breaks and commas have one).
 * So: UTF-16 in the byte order where most such bytes are such units, with no more control characters
 * than text has.
 */
function utf16WithoutBom(sample: Uint8Array): string | null {
  let n = sample.byteLength;
  // a zero-filled tail (a log cut off by a crash) says nothing either way
  while (n > 0 && sample[n - 1] === 0) n--;
  n += n & 1;
  if (n < 4 || sample.indexOf(0) === -1) return null;
  let structureBytes = 0;
  for (let i = 0; i < n; i++) if (STRUCTURE[sample[i] as number]) structureBytes++;
  for (const [label, low] of [
    ['utf-16le', 0],
    ['utf-16be', 1],
  ] as const) {
    let structure = 0;
    let controls = 0;
    for (let i = 0; i + 1 < n; i += 2) {
      const unit = (sample[i + low] as number) | ((sample[i + 1 - low] as number) << 8);
      if (unit < 0x80 && STRUCTURE[unit]) structure++;
      else if (unit < 0x20) controls++;
    }
    if (structure > 0 && structure * 2 > structureBytes && controls * 20 <= n >> 1) return label;
  }
  return null;
}

/** Line breaks, tab, and the punctuation of CSV and JSON: `" , : ; [ ] { | }`. */
const STRUCTURE = Uint8Array.from(
  { length: 256 },
  (_, b) => +'\t\n\r",:;[]{|}'.includes(String.fromCharCode(b)),
);

/** A legacy encoding read better than lenient UTF-8, or null when the sample is UTF-8 or none is. */
function legacyEncoding(bytes: Uint8Array): string | null {
  let sample = bytes.subarray(0, ENCODING_SAMPLE);
  // a character cut by the end of the sample is not a sign of anything: end at the last line break
  const lastBreak = sample.lastIndexOf(10);
  if (sample.byteLength === ENCODING_SAMPLE && lastBreak > 0) sample = sample.subarray(0, lastBreak + 1);
  if (isUtf8(sample)) return null;
  let best: string | null = null;
  // a legacy reading must beat the default by a few letters: one odd byte proves nothing
  let bestScore = plausibility(decodeLenientText(sample), 1) + MIN_EVIDENCE - 1;
  for (const label of LEGACY) {
    const text = new TextDecoder(label).decode(sample);
    const score = plausibility(text, SINGLE_BYTE.has(label) ? 1 : 2) - 2 * rareCharacters(sample, label);
    if (score > bestScore) {
      best = label;
      bestScore = score;
    }
  }
  return best;
}

/**
 * Two-byte characters outside an encoding's common block: what text in another encoding turns into when
 * read as this one (Shift-JIS kana as GBK's extension Han "億乕僞儖", Big5's second bytes below 0xA1 as GBK).
 * GBK's common block is GB2312 and EUC-KR's is KS X 1001 (both bytes 0xA1–0xFE); Big5's first bytes run
 * 0xA1–0xF9. Shift-JIS and EUC-JP have no such test.
 */
function rareCharacters(sample: Uint8Array, label: string): number {
  const common =
    label === 'gbk' || label === 'euc-kr'
      ? (lead: number, trail: number) => lead >= 0xa1 && trail >= 0xa1
      : label === 'big5'
        ? (lead: number) => lead >= 0xa1 && lead <= 0xf9
        : null;
  if (common === null) return 0;
  let rare = 0;
  for (let i = 0; i < sample.byteLength; i++) {
    const lead = sample[i] as number;
    if (lead < 0x81 || lead === 0xff) continue;
    if (!common(lead, sample[i + 1] ?? 0)) rare++;
    i++;
  }
  return rare;
}

const fatalUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

function isUtf8(sample: Uint8Array): boolean {
  try {
    fatalUtf8.decode(sample.subarray(0, incompleteTail(sample)));
    return true;
  } catch {
    return false;
  }
}

const Script = { None: 0, Latin: 1, Cyrillic: 2, Greek: 3, Han: 4, Kana: 5, Hangul: 6 } as const;
type Script = (typeof Script)[keyof typeof Script];

/**
 * How much a decoding reads like text, in bytes of the sample: + for each non-ASCII letter that sits among
 * letters the way letters of real words do, − twice over for what no text holds (a byte the encoding
 * cannot read, a C1 control, a private-use character) and for letters a wrong decoding makes:
 * - a cased letter (Latin, Cyrillic, Greek) next to a letter of another script: Windows-1251 read as
 *   Windows-1252 and the other way round ("Zьrich");
 * - a non-ASCII Latin letter between two others: Cyrillic read as Windows-1252 ("Ìîñêâà"), where Latin
 *   languages put accented letters among plain ones;
 * - an upper-case letter right after a lower-case one: CJK bytes read as Cyrillic ("ЙПєЈ");
 * - Han, kana or Hangul next to a non-ASCII or lower-case letter of an alphabet (Latin-1 read as GBK),
 *   and Hangul next to Han or kana (Chinese read as EUC-KR).
 * Digits, punctuation, symbols and half-width katakana count for nothing.
 */
function plausibility(text: string, bytesPerChar: 1 | 2): number {
  let score = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c === 0xfffd || c < 0xa0 || (c >= 0xe000 && c <= 0xf8ff)) {
      score -= 2 * bytesPerChar;
      continue;
    }
    const script = scriptOf(c);
    if (script === Script.None) continue;
    const weight = isCased(script) ? 1 : bytesPerChar;
    const prev = i > 0 ? text.charCodeAt(i - 1) : 0;
    const next = i + 1 < n ? text.charCodeAt(i + 1) : 0;
    score += fitsAmong(c, script, prev, next) ? weight : -2 * weight;
  }
  return score;
}

function fitsAmong(c: number, script: Script, prev: number, next: number): boolean {
  for (const near of [prev, next]) {
    const other = scriptOf(near);
    if (other === Script.None || other === script) continue;
    if (isCased(script) && isCased(other)) return false;
    // upper-case ASCII next to CJK is a model name ("東京DC1"); lower-case ASCII or a non-ASCII letter of an
    // alphabet is a misreading (Latin-1 "Zürich" as GBK: "Z黵ich")
    if (isCased(script) !== isCased(other) && (near >= 0x80 || isLower(near))) return false;
    if (other === Script.Hangul || script === Script.Hangul) return false;
  }
  if (script === Script.Latin && scriptOf(prev) === script && scriptOf(next) === script) {
    if (prev >= 0x80 && next >= 0x80) return false;
  }
  return !(isCased(script) && isUpper(c) && isLower(prev));
}

function isCased(script: Script): boolean {
  return script === Script.Latin || script === Script.Cyrillic || script === Script.Greek;
}

function scriptOf(c: number): Script {
  if (c < 0x80) return (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a ? Script.Latin : Script.None;
  if (c < 0x250) return c >= 0xc0 && c !== 0xd7 && c !== 0xf7 ? Script.Latin : Script.None;
  if (c >= 0x1e00 && c <= 0x1eff) return Script.Latin;
  if (c >= 0x370 && c <= 0x3ff) return c >= 0x386 ? Script.Greek : Script.None;
  if (c >= 0x400 && c <= 0x52f) return c <= 0x481 || c >= 0x48a ? Script.Cyrillic : Script.None;
  if (c >= 0x3040 && c <= 0x30ff) return c === 0x30fb ? Script.None : Script.Kana;
  if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff)) {
    return Script.Han;
  }
  if ((c >= 0xac00 && c <= 0xd7a3) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f)) {
    return Script.Hangul;
  }
  return Script.None;
}

function isUpper(c: number): boolean {
  const ch = String.fromCharCode(c);
  return ch !== ch.toLowerCase();
}

function isLower(c: number): boolean {
  const ch = String.fromCharCode(c);
  return ch !== ch.toUpperCase();
}
