/**
 * The JSON anchor (issue 17: "an anchor that splits lines and calls JSON.parse per record in a worker"):
 * the File read as a stream, decoded (TextDecoder, streaming), cut into records and each record given to
 * JSON.parse; the records and their result codes are counted, nothing else is kept.
 *
 *   NDJSON: a record per line (blank lines skipped).
 *   JSON array (of objects): each record from its '{' to the first '}' where JSON.parse succeeds (see
 *     jsonArray), so a brace in a string or a nested object costs a failed parse, never a wrong record. Not
 *     JSON.parse of the whole text: the --big-json files are longer than the engine's longest string, and
 *     a per-record parse is what the dashboard is held to at every size. It does not rely on the
 *     generator's one-record-a-line layout.
 *
 * Which one: the first character that is not white space ('[' is an array).
 */

interface Counted {
  rows: number;
  codes: Record<string, number>;
}

const OPEN_BRACE = 123;
const CLOSE_BRACKET = 93;
const COMMA = 44;

/** Counts one parsed record: its result code, read from the first key that names one. */
class Tally {
  rows = 0;
  private key: string | null = null;
  private readonly counts = new Map<number, number>();

  add(record: unknown): void {
    this.rows++;
    if (record === null || typeof record !== 'object') return;
    const r = record as Record<string, unknown>;
    this.key ??= Object.keys(r).find((k) => /code|status|data/i.test(k)) ?? '';
    const v = r[this.key];
    const code =
      typeof v === 'number' ? v : typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : null;
    if (code !== null && Number.isInteger(code)) this.counts.set(code, (this.counts.get(code) ?? 0) + 1);
  }

  result(): Counted {
    const codes: Record<string, number> = {};
    for (const [code, n] of this.counts) codes[String(code)] = n;
    return { rows: this.rows, codes };
  }
}

/** The File as decoded text, chunk by chunk. */
async function* decodedChunks(file: File): AsyncGenerator<string> {
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8', { ignoreBOM: false });
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    yield decoder.decode(value, { stream: true });
  }
  const rest = decoder.decode();
  if (rest !== '') yield rest;
}

/** NDJSON: split lines, JSON.parse each. */
async function ndjson(first: string, chunks: AsyncGenerator<string>, tally: Tally): Promise<void> {
  let pending = first;
  const lines = (text: string, final: boolean): string => {
    let start = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', start)) {
      const line = text.slice(start, nl);
      if (line.trim() !== '') tally.add(JSON.parse(line));
      start = nl + 1;
    }
    const rest = text.slice(start);
    if (final && rest.trim() !== '') tally.add(JSON.parse(rest));
    return rest;
  };
  pending = lines(pending, false);
  for await (const chunk of chunks) pending = lines(pending + chunk, false);
  lines(pending, true);
}

/** Past white space and commas: what lies between an array's records. */
function skipSeparators(text: string, pos: number): number {
  let i = pos;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9 && c !== COMMA) break;
  }
  return i;
}

/**
 * A JSON array of objects: each record runs from its '{' to the first '}' at which JSON.parse of the text
 * succeeds. JSON reads left to right, so no proper prefix of an object is a complete object: a '}' inside
 * a string or closing a nested object makes one parse fail, and the next '}' is tried. A flat record costs
 * one indexOf and one JSON.parse.
 */
async function jsonArray(first: string, chunks: AsyncGenerator<string>, tally: Tally): Promise<void> {
  let text = first.slice(first.indexOf('[') + 1);
  let pos = 0; // where the next record (or the closing ']') is looked for
  let start = -1; // where the record being read began
  let tryFrom = 0; // the next '}' to try is at or after this
  let ended = false;
  for (;;) {
    for (;;) {
      if (start < 0) {
        pos = skipSeparators(text, pos);
        if (pos >= text.length) break;
        const c = text.charCodeAt(pos);
        if (c === CLOSE_BRACKET) {
          ended = true;
          break;
        }
        if (c !== OPEN_BRACE) throw new Error('not an array of objects');
        start = pos;
        tryFrom = pos + 1;
      }
      const close = text.indexOf('}', tryFrom);
      if (close < 0) break;
      let record: unknown;
      try {
        record = JSON.parse(text.slice(start, close + 1));
      } catch {
        tryFrom = close + 1;
        continue;
      }
      tally.add(record);
      start = -1;
      pos = close + 1;
    }
    if (ended) return;
    const next = await chunks.next();
    if (next.done) break;
    // keep the record begun, drop what was read
    const keep = start >= 0 ? start : pos;
    text = text.slice(keep) + next.value;
    pos -= keep;
    tryFrom -= keep;
    if (start >= 0) start = 0;
  }
  throw new Error('the JSON array ends inside a record');
}

/** JSON.parse per record of an NDJSON file or a JSON array. */
export async function jsonParse(file: File): Promise<Counted> {
  const chunks = decodedChunks(file);
  const tally = new Tally();
  let first = '';
  while (first.trim() === '') {
    // not `for await … break`: that would close the generator
    const next = await chunks.next();
    if (next.done) break;
    first += next.value;
  }
  const head = first.replace(/^\uFEFF/, '');
  if (head.trimStart().startsWith('[')) await jsonArray(head, chunks, tally);
  else await ndjson(head, chunks, tally);
  return tally.result();
}
