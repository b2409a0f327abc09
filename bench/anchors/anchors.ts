/**
 * The anchors' harness page. `npm run bench` sets the same File the dashboard loads on #file and calls
 * `window.anchors.run(kind)`; every time is measured here, in page time, from handing the File over to
 * having the answer.
 *
 *   linescan, papaparse (CSV), jsonparse (NDJSON, JSON array; json-anchor.ts): in a fresh module Worker
 *     (the dashboard's ingest runs in one too); the worker is started and has said "ready" before the
 *     clock starts.
 *   duckdb: DuckDB-WASM's own worker (eh bundle, one thread), instantiated before the clock starts;
 *     registerFileHandle(BROWSER_FILEREADER) + `SELECT result_code, count(*) FROM read_csv(…) GROUP BY 1`.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import duckdbWorkerUrl from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import duckdbWasmUrl from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import type { AnchorAnswer, AnchorRequest, WorkerAnchor } from './anchor-worker.ts';

export type AnchorKind = WorkerAnchor | 'duckdb';

export interface AnchorRun {
  kind: AnchorKind;
  /** Page time from handing over the File to the answer. */
  ms: number;
  rows: number;
  codes: Record<string, number> | null;
  /** One-off set-up before the clock started (DuckDB's instantiate). */
  setupMs: number | null;
  error: string | null;
}

function theFile(): File {
  const input = document.getElementById('file') as HTMLInputElement | null;
  const file = input?.files?.[0];
  if (file === undefined) throw new Error('no file chosen on #file');
  return file;
}

async function inWorker(kind: WorkerAnchor, file: File): Promise<AnchorRun> {
  const worker = new Worker(new URL('./anchor-worker.ts', import.meta.url), { type: 'module', name: kind });
  try {
    await new Promise<void>((ready, fail) => {
      worker.onmessage = () => ready();
      worker.onerror = (e) => fail(new Error(e.message || 'worker failed to start'));
    });
    const started = performance.now();
    const answer = await new Promise<AnchorAnswer>((done, fail) => {
      worker.onmessage = (e: MessageEvent<AnchorAnswer>) => done(e.data);
      worker.onerror = (e) => fail(new Error(e.message || 'worker failed'));
      worker.postMessage({ kind, file } satisfies AnchorRequest);
    });
    return {
      kind,
      ms: performance.now() - started,
      rows: answer.rows,
      codes: answer.codes,
      setupMs: null,
      error: answer.error ?? null,
    };
  } finally {
    worker.terminate();
  }
}

let db: { db: duckdb.AsyncDuckDB; conn: duckdb.AsyncDuckDBConnection; setupMs: number } | null = null;
let registered = 0;

async function duckdbReady() {
  if (db !== null) return db;
  const started = performance.now();
  const instance = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), new Worker(duckdbWorkerUrl));
  await instance.instantiate(duckdbWasmUrl);
  const conn = await instance.connect();
  db = { db: instance, conn, setupMs: performance.now() - started };
  return db;
}

async function duckdbGroupBy(file: File): Promise<AnchorRun> {
  const { db: instance, conn, setupMs } = await duckdbReady();
  const name = `fleet-${++registered}.csv`;
  const started = performance.now();
  await instance.registerFileHandle(name, file, duckdb.DuckDBDataProtocol.BROWSER_FILEREADER, true);
  const table = await conn.query(`SELECT result_code, count(*) AS n FROM read_csv('${name}') GROUP BY 1`);
  const ms = performance.now() - started;
  const codes: Record<string, number> = {};
  let rows = 0;
  for (const row of table.toArray() as { result_code: unknown; n: unknown }[]) {
    const n = Number(row.n);
    codes[String(row.result_code)] = n;
    rows += n;
  }
  await instance.dropFile(name);
  return { kind: 'duckdb', ms, rows, codes, setupMs, error: null };
}

async function run(kind: AnchorKind): Promise<AnchorRun> {
  const file = theFile();
  try {
    return kind === 'duckdb' ? await duckdbGroupBy(file) : await inWorker(kind, file);
  } catch (e) {
    return {
      kind,
      ms: Number.NaN,
      rows: 0,
      codes: null,
      setupMs: null,
      error: e instanceof Error ? e.message : String(e),
    };
  }
}

/** Drops DuckDB (its worker and its buffers) so the next file starts from a clean page. */
async function reset(): Promise<void> {
  if (db === null) return;
  await db.conn.close();
  await db.db.terminate();
  db = null;
}

(globalThis as unknown as { anchors: unknown }).anchors = { run, reset, ready: true };
