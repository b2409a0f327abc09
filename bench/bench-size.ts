/** One file's measurements: dashboard runs, anchors interleaved with them, interactions and the CLI. */
import { relative } from 'node:path';
import type { Browser } from '@playwright/test';
import { anchorResult, failedAnchor, openAnchors, runAnchor } from './anchor-runs.ts';
import type { AnchorKind, AnchorRun } from './anchors/anchors.ts';
import { log, MB, ROOT, sleep } from './bench-common.ts';
import {
  compareFigures,
  type DataFile,
  expectedFigures,
  hasNoQuote,
  readIntoPageCache,
  textLength,
} from './bench-data.ts';
import { benchCli } from './cli-runs.ts';
import { type AppPages, loadInApp } from './dashboard-runs.ts';
import { FILTER_ROUNDS, filterLatency, scrollLatency } from './interactions.ts';
import {
  type AnchorName,
  type AppRun,
  type Latency,
  MAX_STRING_LENGTH,
  type SizeResult,
  stat,
} from './results.ts';

type AnchorRuns = Partial<Record<AnchorKind, (AnchorRun & { peakDelta: number | null })[]>>;

/** The anchors that read a file of this format, run after each dashboard run in this order. */
function anchorsFor(format: DataFile['format']): AnchorKind[] {
  if (format === 'csv') return ['linescan', 'papaparse', 'duckdb'];
  if (format === 'ndjson' || format === 'json') return ['jsonparse'];
  return [];
}

/** What the dashboard's runs of one file gathered. */
interface AppRuns {
  runs: AppRun[];
  mismatches: Set<string>;
  crashed: boolean;
  filter: Latency | null;
  crossFilter: Latency | null;
  scroll: SizeResult['app']['scroll'];
}

export async function benchSize(
  browser: Browser,
  urls: { app: AppPages; anchors: string },
  data: DataFile,
  runs: number,
  cli: boolean,
  onStartupFetches: (urls: string[]) => void,
  problems: string[],
): Promise<SizeResult> {
  // CSV: PapaParse, DuckDB's read_csv, a line scan; JSON: JSON.parse per record. Each checked against the rows.
  const kinds = anchorsFor(data.format);
  const withAnchors = kinds.length > 0;
  const length = data.longerThanString
    ? await measureTextLength(data, problems)
    : await cacheFile(data, problems);
  const anchors = !withAnchors
    ? null
    : await openAnchors(browser, urls.anchors, data.path).catch((e: Error) => {
        problems.push(`${data.label}: the anchors page did not open: ${e.message.split('\n')[0]}`);
        return null;
      });
  const app: AppRuns = {
    runs: [],
    mismatches: new Set<string>(),
    crashed: false,
    filter: null,
    crossFilter: null,
    scroll: null,
  };
  const anchorRuns: AnchorRuns = Object.fromEntries(kinds.map((k) => [k, []]));
  const anchorTimeout = 60_000 + (data.bytes / MB) * 300;
  for (let r = 0; r < runs; r++) {
    await dashboardRun(browser, urls.app, data, { index: r, of: runs }, app, onStartupFetches, problems);
    for (const kind of kinds) {
      log(`${data.label}: run ${r + 1}/${runs}: ${kind}`);
      const a = anchors
        ? await runAnchor(anchors.page, anchors.keep, kind, anchorTimeout)
        : failedAnchor(kind, 'the anchors page did not open');
      anchorRuns[kind]?.push(a);
      log(
        `  ${a.error ? `error: ${a.error}` : `${Math.round(a.ms)} ms, ${a.rows.toLocaleString('en-US')} rows`}`,
      );
    }
  }
  await anchors?.page
    .evaluate(() => (globalThis as unknown as { anchors: { reset(): Promise<void> } }).anchors.reset())
    .catch(() => undefined);
  await anchors?.context.close().catch(() => undefined);

  const result = sizeResult(data, length, app, withAnchors ? anchorRuns : null);
  if (cli) result.cli = await benchCli(data, runs);
  problems.push(...problemsOf(result, app));
  return result;
}

/**
 * Reads the file once so every contender starts from the page cache, not the disk; a plain log is read
 * for a quote character too (it must have none, or PapaParse's fastMode would not switch on).
 */
async function cacheFile(data: DataFile, problems: string[]): Promise<undefined> {
  if (data.log === 'plain') {
    if (!(await hasNoQuote(data.path))) problems.push(`${data.label}: the plain log holds a quote character`);
  } else await readIntoPageCache(data.path);
  return undefined;
}

/** A big JSON file's length as text, which must pass the engine's longest string (reading it warms the cache). */
async function measureTextLength(data: DataFile, problems: string[]): Promise<number> {
  const length = await textLength(data.path);
  log(
    `${data.label}: ${length.toLocaleString('en-US')} characters as text` +
      ` (the engine's longest string: ${MAX_STRING_LENGTH.toLocaleString('en-US')})`,
  );
  if (length <= MAX_STRING_LENGTH) {
    problems.push(
      `${data.label}: the file is not longer than the engine's longest string (${length} characters)`,
    );
  }
  return length;
}

/** One load in the dashboard; on the last run, the filters and the scroll in the page it loaded. */
async function dashboardRun(
  browser: Browser,
  pages: AppPages,
  data: DataFile,
  run: { index: number; of: number },
  app: AppRuns,
  onStartupFetches: (urls: string[]) => void,
  problems: string[],
): Promise<void> {
  const expected = expectedFigures(data.truth);
  log(`${data.label}: run ${run.index + 1}/${run.of}: dashboard`);
  const load = await loadInApp(browser, pages, data, 60_000 + (data.bytes / MB) * 200);
  if (run.index === 0) onStartupFetches(load.startupFetches);
  app.runs.push(load.run);
  if (load.crashed()) app.crashed = true;
  if (load.run.error) log(`  ${load.run.error}`);
  if (load.figures === null) app.mismatches.add('the Summary could not be read');
  else for (const m of compareFigures(expected, load.figures)) app.mismatches.add(m);
  log(
    `  Summary + charts ${load.run.ms === null ? '—' : `${Math.round(load.run.ms)} ms`}` +
      ` (Summary ${Math.round(load.run.summaryMs ?? Number.NaN)} ms, charts ${Math.round(load.run.chartsMs ?? Number.NaN)} ms` +
      `, first figures ${Math.round(load.run.firstFiguresMs ?? Number.NaN)} ms${load.run.partialShown ? ' (partial)' : ''})` +
      `, peak Δ ${load.run.memory ? Math.round(load.run.memory.peakDeltaRssBytes / MB) : '—'} MB`,
  );
  if (run.index === run.of - 1 && load.page !== null && load.run.ms !== null && !load.crashed()) {
    try {
      log(`${data.label}: filters and cross-filters (${FILTER_ROUNDS} rounds)`);
      ({ filter: app.filter, crossFilter: app.crossFilter } = await filterLatency(
        load.page,
        expected.Operations as string,
      ));
      log(`${data.label}: scrolling the event table to the last row`);
      app.scroll = await scrollLatency(load.page, data.truth.operations);
    } catch (e) {
      log(`  interactions failed: ${(e as Error).message.split('\n')[0]}`);
      problems.push(`${data.label}: interactions failed: ${(e as Error).message.split('\n')[0]}`);
    }
  }
  await load.context?.close().catch(() => undefined);
  await sleep(500); // the closed page's renderer exits
}

function sizeResult(
  data: DataFile,
  length: number | undefined,
  app: AppRuns,
  anchorRuns: AnchorRuns | null,
): SizeResult {
  const appRuns = app.runs;
  const ms = stat(appRuns.map((r) => (r.error === null ? r.ms : null)));
  const medianRun = appRuns.find((r) => r.ms === ms.median) ?? appRuns.find((r) => r.memory !== null) ?? null;
  const anchors =
    anchorRuns === null
      ? null
      : Object.fromEntries(
          Object.entries(anchorRuns).map(([kind, runs]) => [kind, anchorResult(runs, data)]),
        );
  const appTo = (a: { ms: { median: number | null } } | undefined) =>
    ms.median !== null && a !== undefined && a.ms.median !== null ? ms.median / a.ms.median : null;
  return {
    label: data.label,
    rows: data.rows,
    format: data.format,
    ...(data.log === undefined ? {} : { log: data.log }),
    file: relative(ROOT, data.path),
    fileBytes: data.bytes,
    ...(length === undefined ? {} : { textLength: length }),
    app: {
      runs: appRuns,
      ms,
      summaryMs: stat(appRuns.map((r) => r.summaryMs)),
      firstFiguresMs: stat(appRuns.map((r) => r.firstFiguresMs ?? null)),
      chartsMs: stat(appRuns.map((r) => r.chartsMs)),
      mbPerSec: ms.median === null ? null : data.bytes / MB / (ms.median / 1000),
      summaryExact: app.mismatches.size === 0 && appRuns.every((r) => r.error === null),
      mismatches: [...app.mismatches],
      memory: medianRun?.memory ?? null,
      filter: app.filter,
      crossFilter: app.crossFilter,
      scroll: app.scroll,
      crashed: app.crashed,
    },
    anchors,
    appToPapaparse: appTo(anchors?.papaparse),
    appToAnchor:
      anchors === null
        ? {}
        : Object.fromEntries(Object.entries(anchors).map(([kind, a]) => [kind as AnchorName, appTo(a)])),
    cli: null,
  };
}

/** The problems a size's results show: wrong figures (which fail the run), errors, disagreeing anchors. */
function problemsOf(result: SizeResult, app: AppRuns): string[] {
  const problems: string[] = [];
  const label = result.label;
  if (!result.app.summaryExact) {
    problems.push(
      `${label}: THE DASHBOARD'S SUMMARY IS WRONG OR MISSING: ${[...app.mismatches, ...app.runs.map((r) => r.error).filter(Boolean)].join('; ')}`,
    );
  }
  if (result.cli && !result.cli.figuresOk) {
    problems.push(`${label}: THE CLI'S FIGURES ARE WRONG: ${result.cli.mismatches.join('; ')}`);
  }
  for (const [kind, a] of Object.entries(result.anchors ?? {})) {
    if (!a.rowsOk || a.codesOk === false || a.errors.length > 0) {
      problems.push(
        `${label}: anchor ${kind} disagrees with the ground truth or failed` +
          ` (rows ok: ${a.rowsOk}, codes ok: ${a.codesOk}${a.errors.length ? `, errors: ${a.errors.join('; ')}` : ''})`,
      );
    }
  }
  const pageErrors = [...new Set(app.runs.flatMap((r) => r.pageErrors))];
  if (pageErrors.length > 0)
    problems.push(`${label}: errors in the dashboard's page: ${pageErrors.join('; ')}`);
  const scroll = result.app.scroll;
  if (scroll !== null && !scroll.reached) {
    problems.push(
      `${label}: the event table did not show row ${scroll.expectedRowIndex - 1} after scrolling to the end`,
    );
  }
  return problems;
}
