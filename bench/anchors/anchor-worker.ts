/**
 * The anchors that run in a module Worker, as the dashboard's ingest does: PapaParse alone, a bare
 * streaming byte scan, and for JSON files JSON.parse per record. One request per worker; the page times
 * from postMessage to the answer.
 */
import Papa from 'papaparse';
import { jsonParse } from './json-anchor.ts';

export type WorkerAnchor = 'linescan' | 'papaparse' | 'jsonparse';

export interface AnchorRequest {
  kind: WorkerAnchor;
  file: File;
}

export interface AnchorAnswer {
  /** Data rows (header and blank lines not counted). */
  rows: number;
  /** Result code → rows, when the anchor reads codes (the line scan, JSON.parse). */
  codes: Record<string, number> | null;
  /** ms inside the worker, from the request to the answer. */
  workerMs: number;
  error?: string;
}

interface Scope {
  onmessage: ((event: MessageEvent<AnchorRequest>) => void) | null;
  postMessage(message: unknown): void;
}

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const ZERO = 48;
const NINE = 57;
const MINUS = 45;

/**
 * The floor: read the File as a byte stream, find record ends (newlines outside quotes: the notes carry
 * quoted commas and line breaks) and turn the result-code field's digits into an integer, counted in a
 * histogram. No text decoding, no strings per cell.
 */
async function lineScan(file: File): Promise<Omit<AnchorAnswer, 'workerMs'>> {
  const reader = file.stream().getReader();
  const histogram = new Uint32Array(10_000);
  const other = new Map<number, number>();
  let codeField = -1;
  let header = '';
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
      const names = header.replace(/^\uFEFF/, '').split(',');
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
      if (b === COMMA) {
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

/** PapaParse alone: the File parsed in 4 MB chunks into arrays of strings, nothing kept. */
function papaparse(file: File): Promise<Omit<AnchorAnswer, 'workerMs'>> {
  return new Promise((resolve, reject) => {
    let rows = 0;
    Papa.parse<string[]>(file, {
      chunkSize: 4 * 1024 * 1024,
      chunk(results) {
        for (const row of results.data) if (row.length > 1 || row[0] !== '') rows++;
      },
      complete: () => resolve({ rows: rows - 1, codes: null }),
      error: (e) => reject(e),
    });
  });
}

const scope = self as unknown as Scope;
scope.onmessage = (event) => {
  const started = performance.now();
  const { kind, file } = event.data;
  const run = kind === 'linescan' ? lineScan(file) : kind === 'jsonparse' ? jsonParse(file) : papaparse(file);
  run.then(
    (answer) => scope.postMessage({ ...answer, workerMs: performance.now() - started }),
    (e: unknown) =>
      scope.postMessage({
        rows: 0,
        codes: null,
        workerMs: 0,
        error: e instanceof Error ? e.message : String(e),
      }),
  );
};
scope.postMessage('ready');
