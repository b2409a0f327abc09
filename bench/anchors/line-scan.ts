/** The line-scan anchor (run in a module Worker by anchor-worker.ts): the floor a CSV reader stands on. */
import type { AnchorAnswer } from './anchor-worker.ts';

const QUOTE = 34;
const LF = 10;
const ZERO = 48;
const NINE = 57;
const MINUS = 45;

/** The delimiters a header may use; the one it holds most of is the file's (a comma when it holds none). */
const DELIMITERS = [',', ';', '\t', '|'];

export function headerDelimiter(header: string): string {
  let best = ',';
  let most = 0;
  for (const d of DELIMITERS) {
    const n = header.split(d).length - 1;
    if (n > most) {
      best = d;
      most = n;
    }
  }
  return best;
}

/**
 * The floor: read the File as a byte stream, find record ends (newlines outside quotes: the notes carry
 * quoted commas and line breaks) and turn the result-code field's digits into an integer, counted in a
 * histogram. No text decoding, no strings per cell. The delimiter is the header's (see headerDelimiter).
 */
export async function lineScan(file: Pick<File, 'stream'>): Promise<Omit<AnchorAnswer, 'workerMs'>> {
  const reader = file.stream().getReader();
  const histogram = new Uint32Array(10_000);
  const other = new Map<number, number>();
  let codeField = -1;
  let header = '';
  let delimiter = 44;
  let inQuote = false;
  let field = 0;
  let value = 0;
  let digits = 0;
  let negative = false;
  let rowHasData = false;
  let rows = -1; // the header is row 0
  const endField = () => {
    if (field === codeField && digits > 0) {
      const code = negative ? -value : value;
      if (code >= 0 && code < histogram.length) histogram[code] = (histogram[code] ?? 0) + 1;
      else other.set(code, (other.get(code) ?? 0) + 1);
    }
    value = 0;
    digits = 0;
    negative = false;
  };
  for (;;) {
    const { done, value: chunk } = await reader.read();
    if (done) break;
    let start = 0;
    if (codeField < 0) {
      // The header: which field holds the code. Rare enough to decode as text.
      const nl = chunk.indexOf(LF);
      header += new TextDecoder().decode(nl < 0 ? chunk : chunk.subarray(0, nl));
      if (nl < 0) continue;
      const text = header.replace(/^\uFEFF/, '');
      const d = headerDelimiter(text);
      delimiter = d.charCodeAt(0);
      const names = text.split(d);
      codeField = Math.max(
        0,
        names.findIndex((n) => /code|status|data/i.test(n)),
      );
      rows = 0;
      start = nl + 1;
    }
    for (let i = start; i < chunk.length; i++) {
      const b = chunk[i] as number;
      if (b === QUOTE) {
        inQuote = !inQuote;
        rowHasData = true;
        continue;
      }
      if (inQuote) continue;
      if (b === delimiter) {
        endField();
        field++;
        rowHasData = true;
      } else if (b === LF) {
        endField();
        if (rowHasData || field > 0) rows++;
        field = 0;
        rowHasData = false;
      } else if (b !== 13) {
        rowHasData = true;
        if (field === codeField) {
          if (b >= ZERO && b <= NINE) {
            value = value * 10 + (b - ZERO);
            digits++;
          } else if (b === MINUS && digits === 0) negative = true;
        }
      }
    }
  }
  endField();
  if (rowHasData || field > 0) rows++;
  const codes: Record<string, number> = {};
  histogram.forEach((n, code) => {
    if (n > 0) codes[String(code)] = n;
  });
  for (const [code, n] of other) codes[String(code)] = n;
  return { rows, codes };
}
