/**
 * The anchors that run in a module Worker, as the dashboard's ingest does: PapaParse alone, a bare
 * streaming byte scan, and for JSON files JSON.parse per record. One request per worker; the page times
 * from postMessage to the answer.
 */
import Papa from 'papaparse';
import { jsonParse } from './json-anchor.ts';
import { lineScan } from './line-scan.ts';

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
