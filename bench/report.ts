/** The benchmark's results as text: the table and notes for the terminal and for docs/performance.md. */
import { MB } from './bench-common.ts';
import {
  type AnchorName,
  type AppRun,
  type BenchFormat,
  type BenchResults,
  type InitialJs,
  type Latency,
  MAX_STRING_LENGTH,
  type SizeResult,
  type Stat,
} from './results.ts';

function ms(v: number | null | undefined): string {
  if (v === null || v === undefined) return '—';
  return v >= 10_000
    ? `${(v / 1000).toFixed(1)} s`
    : v >= 1000
      ? `${(v / 1000).toFixed(2)} s`
      : `${Math.round(v)} ms`;
}

function mb(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  return `${(bytes / MB).toFixed(bytes >= 100 * MB ? 0 : 1)} MB`;
}

function growth(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined) return '—';
  return `${bytes < 0 ? '−' : '+'}${mb(Math.abs(bytes))}`;
}

function ratio(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${v.toFixed(2)}×`;
}

function rate(v: number | null | undefined): string {
  return v === null || v === undefined ? '—' : `${v.toFixed(0)} MB/s`;
}

function spread(s: Stat): string {
  if (s.median === null) return '—';
  const n = s.runs.length;
  return n > 1 && s.min !== null && s.max !== null
    ? `${ms(s.median)} (${ms(s.min)}–${ms(s.max)})`
    : ms(s.median);
}

/** An anchor's time on a file, ⚠ when it disagreed with the ground truth or failed. */
function anchor(s: SizeResult, kind: AnchorName): string {
  const a = s.anchors?.[kind];
  if (a === undefined) return kind === 'jsonparse' ? 'JSON only' : 'CSV only';
  const bad = !a.rowsOk || a.codesOk === false || a.errors.length > 0 ? ' ⚠' : '';
  return `${spread(a.ms)}${bad}`;
}

/** dmscope's median ÷ the anchor's median, bold; blank where the anchor does not read the format. */
function anchorRatio(s: SizeResult, kind: AnchorName): string {
  if (s.anchors?.[kind] === undefined) return '';
  const v = s.appToAnchor?.[kind] ?? (kind === 'papaparse' ? s.appToPapaparse : null);
  return `**${ratio(v)}**`;
}

function lat(l: Latency | null): string {
  if (l === null || l.median === null) return '—';
  const split =
    l.addMedianMs != null && l.removeMedianMs != null
      ? ` (add ${ms(l.addMedianMs)}, remove ${ms(l.removeMedianMs)})`
      : '';
  return `${ms(l.median)} / ${ms(l.p95)}${split}${l.timeouts > 0 ? `, ${l.timeouts} timed out` : ''}`;
}

function rowsLabel(n: number): string {
  return `${rowLabel(n).replace(/-row$/, '')} rows`;
}

/** "1M-row", "100k-row". */
function rowLabel(n: number): string {
  return `${n >= 1e6 ? `${n / 1e6}M` : n >= 1e3 ? `${n / 1e3}k` : String(n)}-row`;
}

const FORMAT_NAMES: Record<BenchFormat, string> = {
  csv: 'CSV',
  json: 'JSON array',
  ndjson: 'NDJSON',
  syncml: 'SyncML',
};

/** The column's heading: rows, file size, the format when it is not CSV, and a plain log said so. */
function columnLabel(s: SizeResult): string {
  const format = s.format ?? 'csv';
  const kind =
    format !== 'csv'
      ? ` ${FORMAT_NAMES[format]}`
      : s.log === 'plain'
        ? ', plain log (no quotes)'
        : s.log === 'shuffled'
          ? ', shuffled log (; CRLF, columns reordered)'
          : '';
  return `${rowsLabel(s.rows)}, ${mb(s.fileBytes)}${kind}`;
}

/** The run whose time is the median (the one whose memory the table shows). */
function medianRun(s: SizeResult): AppRun | null {
  return s.app.runs.find((r) => r.ms !== null && r.ms === s.app.ms.median) ?? s.app.runs[0] ?? null;
}

/** Prose for docs/performance.md, wrapped like the rest of it. */
function wrap(text: string, width = 110): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}

/** The results as one Markdown table: a row per measure, a column per file size. */
export function renderTable(r: BenchResults): string {
  const sizes = r.sizes;
  const row = (name: string, cell: (s: SizeResult) => string) =>
    `| ${name} | ${sizes.map(cell).join(' | ')} |`;
  const lines = [
    `| | ${sizes.map(columnLabel).join(' | ')} |`,
    `| --- | ${sizes.map(() => '---').join(' | ')} |`,
    row('**dmscope: file chosen → Summary + charts on screen**', (s) =>
      s.app.crashed
        ? '**crashed**'
        : `**${spread(s.app.ms)}**${s.app.summaryMs.median === null ? '' : ` (Summary alone ${ms(s.app.summaryMs.median)})`}`,
    ),
    row('First figures: file chosen → Summary figures on screen (partial, labelled, or exact)', (s) => {
      if (s.app.firstFiguresMs === undefined) return '—';
      const partial = s.app.runs.filter((r) => r.partialShown).length;
      return `${spread(s.app.firstFiguresMs)} (partial first in ${partial} of ${s.app.runs.length} runs)`;
    }),
    row('Summary figures equal the ground truth', (s) => (s.app.summaryExact ? 'yes' : '**NO**')),
    row('Progress bar: on screen after · distinct values it showed', (s) => {
      const run = medianRun(s);
      return run === null || run.firstProgressMs === null
        ? '—'
        : `${ms(run.firstProgressMs)} · ${run.progressUpdates}`;
    }),
    row('dmscope ingest rate (file size ÷ time)', (s) => rate(s.app.mbPerSec)),
    row('PapaParse alone, chunks → arrays (worker)', (s) => anchor(s, 'papaparse')),
    row('Bare streaming line scan (worker, the floor)', (s) => anchor(s, 'linescan')),
    row('DuckDB-WASM `read_csv` group-by', (s) => anchor(s, 'duckdb')),
    row('JSON.parse per record (worker): NDJSON lines, array records', (s) => anchor(s, 'jsonparse')),
    row('**dmscope ÷ PapaParse alone** (target ≤ 0.5×)', (s) => anchorRatio(s, 'papaparse')),
    row('**dmscope ÷ DuckDB-WASM** (target ≤ 1.0×)', (s) => anchorRatio(s, 'duckdb')),
    row('**dmscope ÷ line scan** (target ≤ 1.3×)', (s) => anchorRatio(s, 'linescan')),
    row('**dmscope ÷ JSON.parse per record** (target ≤ 1.0×)', (s) => anchorRatio(s, 'jsonparse')),
    row('Browser memory while loading: peak Σ RSS (growth; growth ÷ file)', (s) => {
      const m = s.app.memory;
      return m === null
        ? '—'
        : `${mb(m.peakRssBytes)} (${growth(m.peakDeltaRssBytes)}; ${ratio(m.peakDeltaRssBytes / s.fileBytes)})`;
    }),
    row(
      `Held once loaded, after GC: Σ RSS growth (÷ file); less the ${rowLabel(r.uiReference.rows)} file’s`,
      (s) => {
        const m = s.app.memory;
        if (m === null) return '—';
        const ui = r.uiReference.heldDeltaRssBytes;
        const net = ui === null ? null : m.heldDeltaRssBytes - ui;
        return (
          `${growth(m.heldDeltaRssBytes)} (${ratio(m.heldDeltaRssBytes / s.fileBytes)})` +
          (net === null ? '' : `; ${growth(net)} (${ratio(net / s.fileBytes)})`)
        );
      },
    ),
    row('Dataset worker’s JS heap once loaded (÷ file; target ≤ 0.5×)', (s) => {
      const m = s.app.memory;
      if (m === null || m.uaWorkerAfterBytes === null) return m?.uaNote ?? '—';
      return `${mb(m.uaWorkerAfterBytes)} (${ratio(m.uaWorkerAfterBytes / s.fileBytes)})`;
    }),
    row('Dataset.byteSize (÷ file)', (s) => {
      const b = s.app.memory?.datasetBytes;
      return b === null || b === undefined ? 'not exposed' : `${mb(b)} (${ratio(b / s.fileBytes)})`;
    }),
    row('Filter, median / p95 of 20 (target ≤ 50 ms median)', (s) => lat(s.app.filter)),
    row('Cross-filter, median / p95 of 20', (s) => lat(s.app.crossFilter)),
    row(
      'Main thread in long tasks during a filter, median',
      (s) =>
        `${ms(s.app.filter?.longTaskMedianMs)} filter · ${ms(s.app.crossFilter?.longTaskMedianMs)} cross-filter`,
    ),
    row('Scroll the event table to the last row', (s) =>
      s.app.scroll === null ? '—' : s.app.scroll.reached ? ms(s.app.scroll.ms) : '**not reached**',
    ),
    row('CLI `summarize --json`: wall time (of which start-up)', (s) =>
      s.cli === null ? '—' : `${spread(s.cli.wallMs)} (${ms(s.cli.startupMs)})`,
    ),
    row('CLI: peak RSS · rate', (s) =>
      s.cli === null ? '—' : `${mb(s.cli.maxRssBytes)} · ${rate(s.cli.mbPerSec)}`,
    ),
  ];
  return lines.join('\n');
}

export function renderJsLine(js: InitialJs): string {
  const kb = (b: number | null) => (b === null ? '—' : `${(b / 1024).toFixed(1)} KB`);
  return (
    `Initial JavaScript (gzip): ${kb(js.entryGzipBytes)} entry + modulepreloads (target ≤ 300 KB); ` +
    `${kb(js.startupGzipBytes)} fetched before a file is chosen (the dataset worker, and the view chunks the chart warm-up draws); ` +
    `${kb(js.totalGzipBytes)} all JS in the build.`
  );
}

export function renderReferenceLine(r: BenchResults): string {
  const u = r.uiReference;
  return (
    `Fixed costs, from a ${rowLabel(u.rows)} file: Summary on screen in ${ms(u.summaryMs)}, charts in ${ms(u.chartsMs)}; ` +
    `the drawn dashboard holds ${growth(u.heldDeltaRssBytes)} of Σ RSS whatever the data.`
  );
}

export function renderMachine(r: BenchResults): string {
  const m = r.machine;
  return (
    `${m.cpu}, ${m.cores} cores, ${(m.memoryBytes / 2 ** 30).toFixed(0)} GiB RAM, ${m.os}; ` +
    `Node ${m.node}; Chromium ${m.chromium} headless; load average ${m.loadAverageStart.map((v) => v.toFixed(2)).join(' ')} at start. ` +
    `${r.date.slice(0, 10)}${r.git.commit ? `, commit ${r.git.commit}${r.git.dirty ? ' + local changes' : ''}` : ''}` +
    `${r.settings.seed !== 1 ? `; fleet logs of generator seed ${r.settings.seed}` : ''}.`
  );
}

/** When the file was chosen: after the page's off-screen chart warm-up, as a user's file would be. */
function warmUpLine(doneMs: number | null | undefined): string {
  if (doneMs === undefined) return '';
  if (doneMs === null)
    return 'The page’s off-screen chart warm-up was not seen: the file was chosen 0.5 s after the page loaded. ';
  return `The file was chosen once the page had drawn its charts off screen (its view warm-up, done ${(doneMs / 1000).toFixed(1)} s after the page opened; a user takes longer to pick a file). `;
}

/** Which files ran once, and how the CSV anchors ran on the CSV logs of this run (none: no sentence). */
function runsAndCsvAnchorsLine(r: BenchResults): string {
  const once = r.sizes.some((s) => s.textLength !== undefined)
    ? '10M rows and the JSON files longer than a string'
    : '10M rows';
  const head =
    `Times are the median of ${r.settings.runs} runs (min–max in brackets; ${once} run once), in page time, from the file input's change event. ` +
    `${warmUpLine(r.settings.warmUpDoneMs)}The anchors ran in the same browser on the same File, interleaved with the dashboard’s runs.`;
  if (!r.sizes.some((s) => (s.format ?? 'csv') === 'csv')) return head;
  const papa = r.sizes.some((s) => s.log === 'plain')
    ? 'PapaParse (default settings: on the quoted log the notes’ quoted commas and line breaks keep its fastMode off; ' +
      'on the plain log, the same events in 8 columns with no quote in the file, fastMode switches on by itself)'
    : 'PapaParse (default mode: the notes hold quoted commas and line breaks, so fastMode does not apply)';
  return (
    `${head} CSV: ${papa} and the line scan in ${r.settings.anchorsIn}; ` +
    'DuckDB-WASM (eh bundle, one thread) in its own worker, instantiated before the clock starts.'
  );
}

/** The JSON files' anchor, and which of them are longer than the engine's longest string. */
function jsonLine(r: BenchResults): string {
  const json = r.sizes.filter((s) => (s.format ?? 'csv') !== 'csv');
  if (json.length === 0) return '';
  const anchored = json.some((s) => s.anchors?.jsonparse !== undefined);
  const big = json.filter((s) => s.textLength !== undefined);
  const longest = Math.min(...big.map((s) => s.textLength ?? s.fileBytes));
  return (
    (anchored
      ? ` On NDJSON and JSON arrays the anchor is JSON.parse per record in ${r.settings.anchorsIn}: the File streamed and decoded, ` +
        'NDJSON split at its line breaks, an array’s records each from its { to the first } where JSON.parse succeeds ' +
        '(not JSON.parse of the whole text, which the larger files exceed); records and result codes counted, nothing kept.'
      : ' The anchors read CSV, so the JSON columns have none.') +
    (big.length > 0
      ? ` The ${big.map((s) => `${rowLabel(s.rows).replace(/-row$/, '')} ${FORMAT_NAMES[s.format ?? 'csv']}`).join(' and ')} files are each ` +
        `${longest.toLocaleString('en-US')} characters or more as text, longer than the engine's longest string ` +
        `(${MAX_STRING_LENGTH.toLocaleString('en-US')}), so a reader that held the file as one string could not load them.`
      : '')
  );
}

export function renderNotes(r: BenchResults): string {
  return [
    `${runsAndCsvAnchorsLine(r)} ` +
      'Filters: a bar of "Failure rate by …" clicked and its chip removed; cross-filters: a bar of "Failures by result code" clicked on top of it and its chip removed; ' +
      'each timed from the click event until the Summary and the chips show the result. MB are 10⁶ bytes.' +
      jsonLine(r),
    'Memory is VmRSS summed from /proc every 50 ms over the browser’s processes: the browser, GPU and utility processes and the page’s own renderer ' +
      '(with its dataset worker), not other pages’ renderers. Shared pages count once per process, so absolute sums overstate; ' +
      'the growth over the page before the file is what the load allocated, including drawing the dashboard (charts, raster tiles, lazily loaded code), ' +
      `which the ${rowLabel(r.uiReference.rows)} reference load shows on its own. The dataset lives in the worker, so the worker's JS heap ` +
      '(measureUserAgentSpecificMemory, typed arrays included) is the closest figure to the dataset itself.',
  ].join('\n\n');
}

/** Marks the generated part of docs/performance.md; everything between the two lines is rewritten. */
export const GENERATED_BEGIN =
  '<!-- bench:begin (written by `npm run bench -- --docs`; edit bench/report.ts, not this) -->';
export const GENERATED_END = '<!-- bench:end -->';

/** The latest results as docs/performance.md shows them: the table, the build's JavaScript, the notes. */
export function renderPerformanceSection(r: BenchResults): string {
  return [
    renderTable(r),
    '',
    wrap(renderJsLine(r.initialJs)),
    '',
    wrap(renderReferenceLine(r)),
    '',
    wrap(`Machine: ${renderMachine(r)}`),
    '',
    renderNotes(r)
      .split('\n\n')
      .map((p) => wrap(p))
      .join('\n\n'),
  ].join('\n');
}

/**
 * Puts `section` between the generated-section markers of `doc`, keeping everything around them; a
 * document without the markers gets them, with the section, at its end.
 */
export function replaceGeneratedSection(doc: string, section: string): string {
  const block = `${GENERATED_BEGIN}\n\n${section.trim()}\n\n${GENERATED_END}`;
  const begin = doc.indexOf(GENERATED_BEGIN);
  const end = doc.indexOf(GENERATED_END, begin);
  if (begin < 0 || end < 0) return `${doc.trimEnd()}\n\n${block}\n`;
  return `${doc.slice(0, begin)}${block}${doc.slice(end + GENERATED_END.length)}`;
}
