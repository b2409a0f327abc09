/**
 * `npm run bench`: how fast and how lean the dashboard is on big fleet logs, next to anchors measured in the
 * same browser on the same File — PapaParse alone, a bare streaming line scan (the floor) and DuckDB-WASM —
 * and the CLI on the same file. Prints a table, writes bench/results.json, and with --docs rewrites the
 * latest results in docs/performance.md. It reports; it asserts no timing. It exits non-zero only when the
 * dashboard's or the CLI's figures differ from the generator's ground truth, or the dashboard fails to load.
 *
 *   npm run bench                       # 100k and 1M rows
 *   npm run bench -- --10m              # and 10M rows (~1.2 GB)
 *   npm run bench -- --plain            # and at each size a plain log: the same events, no quote in the file
 *   npm run bench -- --json             # and an NDJSON and a JSON-array file of 1M records, ~250 MB each
 *   npm run bench -- --big-json         # and an NDJSON and a JSON-array file of 2.5M rows, ~620 MB each
 *   npm run bench -- --sizes= --big-json --keep --out bench/out/big-json.json   # the JSON files alone
 *   npm run bench -- --sizes 100k --runs 1 --keep --docs
 *
 * --plain (--logs quoted,plain): the fleet log's notes hold quoted commas and line breaks, which keeps
 * PapaParse out of its fastMode; a user's log rarely quotes anything. The plain log is the same events
 * without the component and note columns (8 columns, no quote character, checked), measured with every
 * anchor as its own column.
 *
 * --json, --big-json: NDJSON and JSON arrays, with one anchor, JSON.parse per record in a worker
 * (anchors/json-anchor.ts). The --big-json files are each longer as text than V8's longest string
 * (0x1fffffe8 UTF-16 code units, ~512 MB), so they load only if the JSON reader never holds the whole file
 * as one string, and run once each. Every file is loaded like the CSV ones (Summary + charts timed, figures
 * checked against the ground truth, memory, filters, scrolling, the CLI). Not in the default run: generating
 * and loading them takes minutes and ~0.5 GB (--json) or ~1.25 GB (--big-json) of disk in bench/data/.
 *
 * The pieces: bench-options (command line), bench-data (files and ground truth), bench-build (the builds),
 * dashboard-runs and interactions (the page), anchor-runs, cli-runs, bench-size (one file), results and
 * report (the JSON and its text).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { cpus, loadavg, release, tmpdir, totalmem, type } from 'node:os';
import { join, relative } from 'node:path';
import { type Browser, chromium } from '@playwright/test';
import { buildAll, initialJs } from './bench-build.ts';
import { log, ROOT } from './bench-common.ts';
import { type DataFile, ensureData } from './bench-data.ts';
import { parseOptions } from './bench-options.ts';
import { serveRoots } from './bench-server.ts';
import { benchSize } from './bench-size.ts';
import { type AppPages, medianOrNull, referenceLoad } from './dashboard-runs.ts';
import {
  renderJsLine,
  renderMachine,
  renderNotes,
  renderPerformanceSection,
  renderReferenceLine,
  renderTable,
  replaceGeneratedSection,
} from './report.ts';
import type { BenchResults, SizeResult } from './results.ts';

/** A file small enough that loading it costs only what drawing the dashboard costs. */
const REFERENCE_ROWS = 1000;
/** --big-json: ~250 bytes a row as JSON, so ~620 MB a file, ~16 % longer than the engine's longest string. */
const BIG_JSON_ROWS = 2_500_000;
const JSON_FORMATS = ['ndjson', 'json'] as const;

function git(args: string[]): Promise<string | null> {
  return new Promise((done) => {
    const child = spawn('git', args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      out += d;
    });
    child.on('error', () => done(null));
    child.on('close', (code) => done(code === 0 ? out.trim() : null));
  });
}

/** Prints the table; with `docs`, rewrites the results in docs/performance.md too. */
async function report(results: BenchResults, docs: boolean): Promise<void> {
  console.log(
    `\n${renderTable(results)}\n\n${renderJsLine(results.initialJs)}\n\n${renderReferenceLine(results)}\n\n` +
      `Machine: ${renderMachine(results)}\n\n${renderNotes(results)}\n`,
  );
  if (docs) {
    const path = join(ROOT, 'docs', 'performance.md');
    const text = await readFile(path, 'utf8');
    await writeFile(path, replaceGeneratedSection(text, renderPerformanceSection(results)));
    log('docs/performance.md: latest results rewritten');
  }
  if (results.problems.length > 0) console.error(`\n${results.problems.map((p) => `!! ${p}`).join('\n')}`);
}

/** How the benchmark's Chromium is started. */
const chromiumArgs = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // gc() in the page and its workers before reading the memory held; measureUserAgentSpecificMemory
  // answers at once instead of at the next natural GC (up to 20 s later).
  '--js-flags=--expose-gc',
  '--enable-blink-features=ForceEagerMeasureMemory',
];

/** The machine the run measured on (its load average at the start and now). */
function machine(browser: Browser, loadAverageStart: number[]): BenchResults['machine'] {
  return {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryBytes: totalmem(),
    os: `${type()} ${release()}`,
    node: process.versions.node,
    chromium: browser.version(),
    loadAverageStart,
    loadAverageEnd: loadavg(),
  };
}

async function main(): Promise<void> {
  const options = parseOptions(process.argv.slice(2));
  if (options.from !== null) {
    // No measuring: the table (and with --docs, docs/performance.md) of results already written.
    await report(JSON.parse(await readFile(options.from, 'utf8')) as BenchResults, options.docs);
    return;
  }
  const seed = options.seed;
  const startedAt = performance.now();
  const loadAverageStart = loadavg();
  const problems: string[] = [];
  // the commit the build is made from, read before building (a checkout during a long run changes HEAD)
  const commit = {
    commit: await git(['rev-parse', '--short', 'HEAD']),
    dirty: await git(['status', '--porcelain', '--', 'src']).then((s) => (s === null ? null : s !== '')),
  };

  const files: DataFile[] = [];
  for (const rows of options.sizes) {
    for (const shape of options.logs) files.push(await ensureData(rows, options.keep, seed, 'csv', shape));
  }
  for (const rows of options.jsonSizes) {
    for (const format of JSON_FORMATS) files.push(await ensureData(rows, options.keep, seed, format));
  }
  if (options.bigJson) {
    for (const format of JSON_FORMATS) {
      const data = await ensureData(BIG_JSON_ROWS, options.keep, seed, format);
      files.push({ ...data, longerThanString: true });
    }
  }
  const reference = await ensureData(REFERENCE_ROWS, options.keep, seed);

  const outRoot = await mkdtemp(join(tmpdir(), 'dmscope-bench-'));
  const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  let server: Awaited<ReturnType<typeof serveRoots>> | null = null;
  let browser: Browser | null = null;
  try {
    const dirs = await buildAll(outRoot);
    server = await serveRoots({ app: dirs.app, anchors: dirs.anchors }, options.isolated);
    const app: AppPages = { url: server.urls.app as string, warmUpDoneMs: [] };
    const urls = { app, anchors: server.urls.anchors as string };
    browser = await chromium.launch({ executablePath, headless: true, args: chromiumArgs });
    const startupScripts: string[] = [];
    const uiReference = await referenceLoad(browser, app, reference);
    const sizes: SizeResult[] = [];
    for (const data of files) {
      const runs = data.rows >= 5_000_000 || data.longerThanString ? 1 : options.runs;
      sizes.push(
        await benchSize(browser, urls, data, runs, options.cli, (u) => startupScripts.push(...u), problems),
      );
    }
    const js = await initialJs(dirs.app, startupScripts, app.url);
    const results: BenchResults = {
      schema: 'dmscope.bench/1',
      date: new Date().toISOString(),
      machine: machine(browser, loadAverageStart),
      git: commit,
      settings: {
        runs: options.runs,
        seed,
        crossOriginIsolated: options.isolated,
        warmUpDoneMs: medianOrNull(app.warmUpDoneMs),
        chromiumArgs,
        anchorsIn: 'a fresh module Worker per run, started before the clock',
        logs: options.logs,
      },
      initialJs: js,
      uiReference,
      sizes,
      problems,
      seconds: Math.round((performance.now() - startedAt) / 1000),
    };
    await writeFile(options.out, `${JSON.stringify(results, null, 2)}\n`);
    await report(results, options.docs);
    log(`${relative(ROOT, options.out)} written (${results.seconds} s)`);
  } finally {
    await browser?.close().catch(() => undefined);
    await server?.close();
    await rm(outRoot, { recursive: true, force: true });
    if (!options.keep) {
      for (const f of [...files, reference]) {
        await rm(f.path, { force: true });
        await rm(`${f.path}.truth.json`, { force: true });
      }
    }
  }
  if (problems.some((p) => /WRONG|MISSING/.test(p))) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
