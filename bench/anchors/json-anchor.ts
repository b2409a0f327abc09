/**
 * The JSON anchor (issue 17: "an anchor that splits lines and calls JSON.parse per record in a worker"):
 * the File read as a stream, decoded (TextDecoder, streaming), cut into records and each record given to
 * JSON.parse; the records and their result codes are counted, nothing else is kept.
 *
 *   NDJSON: a record per line (blank lines skipped).
 *   JSON array: the top-level array's records found by a scan that follows strings (quotes, backslash
 *     escapes) and brace depth, each record's text given to JSON.parse. Not JSON.parse of the whole text:
 *     the --big-json files are longer than the engine's longest string, and a per-record parse is what the
 *     dashboard is held to at every size. The scan reads every character once more, so this anchor is a
 *     little slower on an array than on NDJSON; it does not rely on the generator's one-record-a-line layout.
 *
 * Which one: the first character that is not white space ('[' is an array).
 */

interface Counted {
  rows: number;
  codes: Record<string, number>;
}

const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const QUOTE = 34;
const BACKSLASH = 92;

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

/** A JSON array of records: a string- and depth-aware scan finds each record, JSON.parse reads it. */
async function jsonArray(first: string, chunks: AsyncGenerator<string>, tally: Tally): Promise<void> {
  let depth = 0;
  let inString = false;
  let start = -1; // where the record being scanned began in `text`
  let text = first;
  let from = 0; // where the scan resumes in `text`
  for (;;) {
    let i = from;
    while (i < text.length) {
      if (inString) {
        // jump to the next quote; it ends the string unless an odd run of backslashes escapes it
        const q = text.indexOf('"', i);
        if (q < 0) {
          i = text.length;
          break;
        }
        let slashes = 0;
        // (the string's opening quote stops the look-back; a record is kept whole across chunks)
        while (text.charCodeAt(q - 1 - slashes) === BACKSLASH) slashes++;
        if (slashes % 2 === 0) inString = false;
        i = q + 1;
        continue;
      }
      const c = text.charCodeAt(i);
      if (c === QUOTE) inString = true;
      else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
        depth++;
        if (depth === 2) start = i;
      } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
        if (depth === 2) {
          tally.add(JSON.parse(text.slice(start, i + 1)));
          start = -1;
        }
        depth--;
      }
      i++;
    }
    const next = await chunks.next();
    if (next.done) break;
    // keep the record begun in this chunk, drop the rest
    const keep = start >= 0 ? start : text.length;
    text = text.slice(keep) + next.value;
    from = text.length - next.value.length;
    if (start >= 0) start = 0;
  }
  if (depth !== 0 || inString) throw new Error('the JSON array ends inside a record');
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
