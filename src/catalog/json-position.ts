/**
 * Where things are in a JSON text, so that a message about a profile can name its line: the offset of the
 * first syntax error (engines word JSON.parse errors differently and not all give a position), and the
 * offset of the value at a path in a text JSON.parse accepted. Both scan iteratively: untrusted nesting
 * depth cannot overflow the stack.
 */

export interface TextPosition {
  readonly line: number;
  readonly column: number;
}

/** 1-based line and column (in UTF-16 code units) of an offset. */
export function positionAt(text: string, offset: number): TextPosition {
  const before = text.slice(0, offset);
  const lineStart = before.lastIndexOf('\n') + 1;
  return { line: before.split('\n').length, column: offset - lineStart + 1 };
}

const WHITESPACE = new Set([' ', '\t', '\n', '\r']);
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);
const HEX4 = /^[0-9a-fA-F]{4}$/;

function skipSpace(text: string, i: number): number {
  let j = i;
  while (j < text.length && WHITESPACE.has(text[j] as string)) j++;
  return j;
}

/** End (exclusive) of the string starting at `start` (a quote), or the offset and reason of its fault. */
function scanString(text: string, start: number): number | { offset: number; reason: string } {
  let i = start + 1;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x22) return i + 1;
    if (c < 0x20) return { offset: i, reason: 'a control character inside a string' };
    if (c === 0x5c) {
      const e = text[i + 1] ?? '';
      if (e === 'u' && HEX4.test(text.slice(i + 2, i + 6))) i += 6;
      else if (ESCAPES.has(e)) i += 2;
      else return { offset: i, reason: 'a bad escape in a string' };
    } else i++;
  }
  return { offset: text.length, reason: 'a string that never ends' };
}

type Expect = 'value' | 'valueOrClose' | 'key' | 'keyOrClose' | 'colon' | 'commaOrClose' | 'end';

/** The first syntax error of a JSON text (RFC 8259), or null when it is well-formed. */
export function jsonSyntaxError(text: string): { offset: number; reason: string } | null {
  const stack: string[] = [];
  let expect: Expect = 'value';
  let i = 0;
  const afterValue = () => (stack.length === 0 ? 'end' : 'commaOrClose');
  for (;;) {
    i = skipSpace(text, i);
    if (i >= text.length) return expect === 'end' ? null : { offset: i, reason: 'the text ends too early' };
    const c = text[i] as string;
    if (expect === 'end') return { offset: i, reason: 'more text after the JSON value' };
    if (expect === 'colon') {
      if (c !== ':') return { offset: i, reason: "':' expected after a key" };
      i++;
      expect = 'value';
    } else if (expect === 'commaOrClose') {
      const open = stack[stack.length - 1];
      if (c === ',') {
        i++;
        expect = open === '{' ? 'key' : 'value';
      } else if ((c === '}' && open === '{') || (c === ']' && open === '[')) {
        stack.pop();
        i++;
        expect = afterValue();
      } else return { offset: i, reason: `',' or '${open === '{' ? '}' : ']'}' expected` };
    } else if ((expect === 'keyOrClose' && c === '}') || (expect === 'valueOrClose' && c === ']')) {
      stack.pop();
      i++;
      expect = afterValue();
    } else if (expect === 'key' || expect === 'keyOrClose') {
      if (c !== '"') return { offset: i, reason: 'a quoted key expected' };
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      expect = 'colon';
    } else if (c === '{' || c === '[') {
      stack.push(c);
      i++;
      expect = c === '{' ? 'keyOrClose' : 'valueOrClose';
    } else if (c === '"') {
      const end = scanString(text, i);
      if (typeof end !== 'number') return end;
      i = end;
      expect = afterValue();
    } else {
      const literal = ['true', 'false', 'null'].find((w) => text.startsWith(w, i));
      NUMBER.lastIndex = i;
      const number = literal === undefined && NUMBER.test(text) ? NUMBER.lastIndex : -1;
      if (literal === undefined && number < 0) return { offset: i, reason: 'a value expected' };
      i = literal === undefined ? number : i + literal.length;
      expect = afterValue();
    }
  }
}

/** End (exclusive) of the value starting at `start`, in a well-formed text. */
function valueEnd(text: string, start: number): number {
  let depth = 0;
  let i = start;
  do {
    const c = text[i];
    if (c === '"') {
      i = scanString(text, i) as number;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
    else if (depth === 0) {
      // a number or literal: up to the next delimiter
      while (i < text.length && !/[\s,\]}]/.test(text[i] as string)) i++;
      return i;
    }
    i++;
  } while (depth > 0 && i < text.length);
  return i;
}

/**
 * Offset of the value at `path` (object keys and array indexes) in a text JSON.parse accepted; null when
 * the path is not there. A key given twice is found where JSON.parse takes it: its last occurrence.
 */
export function valueOffset(text: string, path: readonly (string | number)[]): number | null {
  let at = skipSpace(text, 0);
  for (const step of path) {
    const open = text[at];
    if (open !== '{' && open !== '[') return null;
    let found: number | null = null;
    let i = skipSpace(text, at + 1);
    for (let index = 0; text[i] !== '}' && text[i] !== ']' && i < text.length; index++) {
      let key: string | number = index;
      if (open === '{') {
        const keyEnd = scanString(text, i) as number;
        key = JSON.parse(text.slice(i, keyEnd)) as string;
        i = skipSpace(text, skipSpace(text, keyEnd) + 1);
      }
      if (key === step) found = i;
      i = skipSpace(text, valueEnd(text, i));
      if (text[i] === ',') i = skipSpace(text, i + 1);
    }
    if (found === null) return null;
    at = found;
  }
  return at;
}
