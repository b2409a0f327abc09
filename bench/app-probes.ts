/**
 * What the benchmark does inside the dashboard's page. Every time is page time (performance.now()), taken
 * by a MutationObserver that checks the DOM after each change, so it does not depend on how fast the
 * benchmark's Node process polls. The functions marked "page side" run in the browser: they are passed to
 * page.evaluate() and must not use anything from this module's scope.
 *
 * Selectors are the dashboard's accessible names and classes (src/app/): the Summary landmark's <dl>, the
 * "Active filters" chips, a chart's bars (CHART_BAR, passed in), the "Event list, scrollable" region and its
 * rows' aria-rowindex.
 */
import type { Page } from '@playwright/test';

/** tsx (esbuild, keepNames) wraps named inner functions in __name(); the page has no such helper. */
export const NAME_SHIM = 'globalThis.__name = globalThis.__name || ((f) => f);';

export interface LoadTiming {
  /** From the input's change event to the Operations figure equal to the expected one. */
  summaryMs: number | null;
  /** From the change event to every chart of the Overview drawn with its bars. */
  chartsMs: number | null;
  /** max(summaryMs, chartsMs): "Summary and charts on screen". */
  ms: number | null;
  /** From the change event to the first progress bar on screen. */
  firstProgressMs: number | null;
  /**
   * From the change event to the first Summary figures on screen: the partial ones of a load in progress
   * (src/app/partial-figures.tsx), or the exact ones when none came before them.
   */
  firstFiguresMs: number | null;
  /** Whether partial figures were on screen before the exact ones. */
  partialShown: boolean;
  /** Distinct values the progress bar showed (a moving bar has many). */
  progressUpdates: number;
  charts: number;
  /** The Operations figure when the wait ended. */
  operations: string | null;
  alert: string | null;
  timedOut: boolean;
}

interface BenchGlobal {
  __bench: {
    load?: Promise<LoadTiming>;
    change?: Promise<ChangeTiming>;
  };
}

export interface ChangeTiming {
  /** From the click event to the Summary and chips showing the new filter. */
  ms: number | null;
  /**
   * Time in that interval spent in main-thread long tasks (> 50 ms): rendering, as opposed to waiting for
   * the worker. Shorter tasks are not reported by the browser, so this is a lower bound.
   */
  longTaskMs: number | null;
  operations: string | null;
  timedOut: boolean;
  /** Whether the page saw the click event (a press and a release on different elements make none). */
  clicked: boolean;
  /** What the click event hit: the element and the nearest accessible name around it. */
  clickTarget: string | null;
}

/** Page side: waits for the Summary's Operations figure to read `expectedOps` and every chart to be drawn. */
export function armLoad(args: { expectedOps: string; timeoutMs: number; bar: string }): void {
  const g = globalThis as unknown as BenchGlobal;
  g.__bench = g.__bench ?? {};
  let t0: number | null = null;
  document.addEventListener(
    'change',
    () => {
      t0 ??= performance.now();
    },
    { capture: true, once: true },
  );
  const ops = () => {
    const summary = document.querySelector('section[aria-label="Summary"]');
    for (const dt of summary?.querySelectorAll('dt') ?? []) {
      if (dt.textContent?.trim() === 'Operations') return dt.nextElementSibling?.textContent?.trim() ?? null;
    }
    return null;
  };
  g.__bench.load = new Promise<LoadTiming>((resolve) => {
    const out: LoadTiming = {
      summaryMs: null,
      chartsMs: null,
      ms: null,
      firstProgressMs: null,
      firstFiguresMs: null,
      partialShown: false,
      progressUpdates: 0,
      charts: 0,
      operations: null,
      alert: null,
      timedOut: false,
    };
    const progressValues = new Set<string>();
    let settledWrongSince: number | null = null;
    const finish = () => {
      observer.disconnect();
      clearTimeout(timer);
      clearInterval(poll);
      out.operations = ops();
      out.progressUpdates = progressValues.size;
      out.ms = out.summaryMs !== null && out.chartsMs !== null ? Math.max(out.summaryMs, out.chartsMs) : null;
      resolve(out);
    };
    const check = () => {
      if (t0 === null) return;
      const now = performance.now();
      const progress = document.querySelector('progress[aria-label="Loading progress"]');
      if (progress !== null) {
        out.firstProgressMs ??= now - t0;
        progressValues.add(progress.getAttribute('value') ?? '');
      }
      const alert = document.querySelector('[role="alert"]');
      if (alert !== null) {
        out.alert = alert.textContent?.trim() ?? 'alert';
        finish();
        return;
      }
      const figure = ops();
      if (
        out.summaryMs === null &&
        document.querySelector('section[aria-label="Figures so far"] dd') !== null
      ) {
        out.partialShown = true;
        out.firstFiguresMs ??= now - t0;
      }
      if (figure !== null) out.firstFiguresMs ??= now - t0;
      if (out.summaryMs === null && figure === args.expectedOps) out.summaryMs = now - t0;
      if (out.chartsMs === null) {
        const bodies = [...document.querySelectorAll('[role="tabpanel"] .chart-body')];
        if (bodies.length > 0 && bodies.every((b) => b.querySelector(args.bar) !== null)) {
          out.chartsMs = now - t0;
          out.charts = bodies.length;
        }
      }
      if (out.summaryMs !== null && out.chartsMs !== null) {
        finish();
        return;
      }
      // Loaded, but the figure is not the expected one: give it 3 s, then report what is there.
      const loading = document.querySelector('section[aria-label="Loading"]') !== null;
      if (figure !== null && figure !== args.expectedOps && !loading) {
        settledWrongSince ??= now;
        if (now - settledWrongSince > 3000) finish();
      } else settledWrongSince = null;
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
      attributes: true,
    });
    // Charts lay out after a ResizeObserver pass; a slow poll catches anything no mutation announces.
    const poll = setInterval(check, 100);
    const timer = setTimeout(() => {
      out.timedOut = true;
      finish();
    }, args.timeoutMs);
  });
}

/** Page side: the Summary's figures, term → text. */
export function readSummary(): Record<string, string> {
  const out: Record<string, string> = {};
  const summary = document.querySelector('section[aria-label="Summary"]');
  for (const dt of summary?.querySelectorAll('dt') ?? []) {
    out[dt.textContent?.trim() ?? ''] = dt.nextElementSibling?.textContent?.trim() ?? '';
  }
  return out;
}

/**
 * Page side: times the next click until the Operations figure reads `expectOps` (or, when null, anything
 * but `prevOps`) and the filter bar holds `chips` chips.
 */
export function armChange(args: {
  prevOps: string;
  expectOps: string | null;
  chips: number;
  timeoutMs: number;
}): void {
  const g = globalThis as unknown as BenchGlobal;
  g.__bench = g.__bench ?? {};
  let t0: number | null = null;
  let clickTarget: string | null = null;
  const onClick = (e: MouseEvent) => {
    t0 ??= performance.now();
    const el = e.target instanceof Element ? e.target : null;
    clickTarget ??=
      el === null
        ? null
        : `${el.tagName.toLowerCase()}.${el.getAttribute('class') ?? ''} in "${el.closest('[aria-label]')?.getAttribute('aria-label') ?? ''}"`;
  };
  document.addEventListener('click', onClick, { capture: true });
  const ops = () => {
    const summary = document.querySelector('section[aria-label="Summary"]');
    for (const dt of summary?.querySelectorAll('dt') ?? []) {
      if (dt.textContent?.trim() === 'Operations') return dt.nextElementSibling?.textContent?.trim() ?? null;
    }
    return null;
  };
  const taskSpans: [number, number][] = [];
  const keep = (list: PerformanceEntryList) => {
    for (const e of list) taskSpans.push([e.startTime, e.startTime + e.duration]);
  };
  const longTasks =
    typeof PerformanceObserver !== 'undefined' && PerformanceObserver.supportedEntryTypes.includes('longtask')
      ? new PerformanceObserver((list) => keep(list.getEntries()))
      : null;
  longTasks?.observe({ type: 'longtask' });
  g.__bench.change = new Promise<ChangeTiming>((resolve) => {
    const finish = (out: Omit<ChangeTiming, 'longTaskMs' | 'clicked' | 'clickTarget'>) => {
      const t1 = performance.now();
      // A long task is reported once it has ended: collect a moment later, count only its part in [t0, t1].
      setTimeout(() => {
        keep(longTasks?.takeRecords() ?? []);
        longTasks?.disconnect();
        let busy = 0;
        const from = t0 ?? t1;
        for (const [start, end] of taskSpans) busy += Math.max(0, Math.min(end, t1) - Math.max(start, from));
        resolve({ ...out, longTaskMs: longTasks === null ? null : busy, clicked: t0 !== null, clickTarget });
      }, 100);
      observer.disconnect();
      clearTimeout(timer);
      document.removeEventListener('click', onClick, { capture: true });
    };
    const check = () => {
      if (t0 === null) return;
      const figure = ops();
      const chips = document.querySelectorAll('section[aria-label="Active filters"] li.chip').length;
      const opsOk =
        args.expectOps !== null ? figure === args.expectOps : figure !== null && figure !== args.prevOps;
      if (opsOk && chips === args.chips)
        finish({ ms: performance.now() - t0, operations: figure, timedOut: false });
    };
    const observer = new MutationObserver(check);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    const timer = setTimeout(() => finish({ ms: null, operations: ops(), timedOut: true }), args.timeoutMs);
  });
}

/**
 * Page side: resolves once the page has gone `quietMs` without a DOM change (at most `timeoutMs`): a
 * chart that still redraws (a late answer, a deferred render) is not where a person clicks.
 */
export function domQuiet(args: { quietMs: number; timeoutMs: number }): Promise<boolean> {
  return new Promise((resolve) => {
    let timer = setTimeout(() => done(true), args.quietMs);
    const observer = new MutationObserver(() => {
      clearTimeout(timer);
      timer = setTimeout(() => done(true), args.quietMs);
    });
    const backstop = setTimeout(() => done(false), args.timeoutMs);
    const done = (quiet: boolean) => {
      observer.disconnect();
      clearTimeout(timer);
      clearTimeout(backstop);
      resolve(quiet);
    };
    observer.observe(document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  });
}

export interface ScrollTiming {
  ms: number | null;
  /** aria-rowindex of the last row drawn with its data. */
  lastRowIndex: number | null;
  lastRowText: string | null;
  timedOut: boolean;
}

/** Page side: scrolls the event list to the bottom and waits for row `rowIndex` (aria-rowindex) with data. */
export function scrollToLast(args: { rowIndex: number; timeoutMs: number }): Promise<ScrollTiming> {
  const scroller = document.querySelector('section[aria-label="Event list, scrollable"]');
  if (scroller === null)
    return Promise.resolve({ ms: null, lastRowIndex: null, lastRowText: null, timedOut: false });
  return new Promise<ScrollTiming>((resolve) => {
    let t0 = 0;
    const lastDrawn = () => {
      const rows = scroller.querySelectorAll('tbody tr[aria-rowindex]:not(.is-loading)');
      const row = rows[rows.length - 1];
      return row === undefined
        ? { lastRowIndex: null, lastRowText: null }
        : { lastRowIndex: Number(row.getAttribute('aria-rowindex')), lastRowText: row.textContent ?? '' };
    };
    const finish = (out: ScrollTiming) => {
      observer.disconnect();
      clearTimeout(timer);
      clearInterval(poll);
      resolve(out);
    };
    const check = () => {
      const row = scroller.querySelector(`tbody tr[aria-rowindex="${args.rowIndex}"]:not(.is-loading)`);
      if (row !== null) finish({ ms: performance.now() - t0, ...lastDrawn(), timedOut: false });
    };
    const observer = new MutationObserver(check);
    observer.observe(scroller, { subtree: true, childList: true, characterData: true, attributes: true });
    const poll = setInterval(check, 50);
    const timer = setTimeout(() => finish({ ms: null, ...lastDrawn(), timedOut: true }), args.timeoutMs);
    t0 = performance.now();
    scroller.scrollTop = scroller.scrollHeight;
  });
}

export interface UaMemory {
  bytes: number | null;
  /** Bytes attributed to dedicated workers (the dataset's), when the breakdown says. */
  workerBytes: number | null;
  note: string | null;
}

/** Page side: performance.measureUserAgentSpecificMemory(), where the page is cross-origin isolated. */
export async function measureUaMemory(): Promise<UaMemory> {
  const perf = performance as Performance & {
    measureUserAgentSpecificMemory?: () => Promise<{
      bytes: number;
      breakdown: { bytes: number; attribution: { scope?: string }[] }[];
    }>;
  };
  if (!globalThis.crossOriginIsolated)
    return { bytes: null, workerBytes: null, note: 'not cross-origin isolated' };
  if (typeof perf.measureUserAgentSpecificMemory !== 'function') {
    return { bytes: null, workerBytes: null, note: 'measureUserAgentSpecificMemory unavailable' };
  }
  const m = await perf.measureUserAgentSpecificMemory();
  let workerBytes = 0;
  for (const b of m.breakdown) {
    if (b.attribution.some((a) => a.scope === 'DedicatedWorkerGlobalScope')) workerBytes += b.bytes;
  }
  return { bytes: m.bytes, workerBytes, note: null };
}

/** Page side: the dataset's own size, if the dashboard exposes it (a data-dataset-bytes attribute). */
export function datasetBytes(): number | null {
  const el = document.querySelector('[data-dataset-bytes]');
  const v = el?.getAttribute('data-dataset-bytes');
  return v === null || v === undefined || v === '' ? null : Number(v);
}

/** Node side: waits for armLoad's answer, with a backstop timeout. */
export function awaitLoad(page: Page, timeoutMs: number): Promise<LoadTiming> {
  const pending = page.evaluate(
    () => (globalThis as unknown as BenchGlobal).__bench.load as Promise<LoadTiming>,
  );
  return withTimeout(pending, timeoutMs + 5000, 'waiting for the Summary and charts');
}

/** Node side: waits for armChange's answer, with a backstop timeout. */
export function awaitChange(page: Page, timeoutMs: number): Promise<ChangeTiming> {
  const pending = page.evaluate(
    () => (globalThis as unknown as BenchGlobal).__bench.change as Promise<ChangeTiming>,
  );
  return withTimeout(pending, timeoutMs + 5000, 'waiting for the filter to apply');
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${Math.round(ms / 1000)} s: ${what}`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
