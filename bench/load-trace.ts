/**
 * Where a load's time goes on the page, from the page's side of the worker boundary:
 * `tsx bench/load-trace.ts DIST FILE [RUNS]` serves the built page DIST (`vite build` output), drops FILE on
 * it RUNS times (a fresh page each) and prints, per run, in ms from the input's change event: when the page
 * posted each request to a worker and when each answer came back, when the Summary showed the expected
 * figure and when every chart was drawn (the benchmark's own probes). No source change is needed: the page's
 * Worker is wrapped by an init script. With PROFILE=DIR, the page's main thread is profiled too; JS_FLAGS
 * passes V8 flags (`--prof --logfile=/tmp/v8/%p.log --no-logfile-per-isolate` is not it: leave per-isolate
 * logs on and read the worker's with `node --prof-process`).
 */

import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { CHART_BAR } from '../src/app/charts/chart-selectors.ts';
import { armLoad, awaitLoad, NAME_SHIM } from './app-probes.ts';
import { sleep } from './bench-common.ts';
import { serveRoots } from './bench-server.ts';

const [dist, file, runsArg] = process.argv.slice(2);
if (dist === undefined || file === undefined) {
  process.stderr.write('usage: tsx bench/load-trace.ts DIST FILE [RUNS]\n');
  process.exit(2);
}
/** PROFILE=DIR: a CPU profile of the page's main thread during each load, written to DIR. */
const profileDir = process.env.PROFILE;
const truth = JSON.parse(readFileSync(`${file}.truth.json`, 'utf8')) as { operations: number };
const WRAP_WORKER = `(() => {
  const log = (globalThis.__trace = []);
  let t0 = null;
  document.addEventListener('change', () => { t0 ??= performance.now(); globalThis.__t0abs = performance.timeOrigin + t0; log.push(['change', 0]); }, { capture: true });
  const at = () => (t0 === null ? null : Math.round(performance.now() - t0));
  const Base = globalThis.Worker;
  globalThis.Worker = class extends Base {
    constructor(url, opts) {
      super(url, opts);
      const name = String(url).split('/').pop();
      const post = this.postMessage.bind(this);
      this.postMessage = (m, t) => {
        if (at() !== null) log.push(['post ' + name + ' ' + (m && m.method), at()]);
        return post(m, t);
      };
      const seen = new Set();
      this.addEventListener('message', (e) => {
        const d = e.data;
        if (at() === null || d == null) return;
        const key = d.kind + ' ' + d.id;
        if (d.kind === 'progress') {
          if (!seen.has(key)) { seen.add(key); log.push(['first progress ' + name + ' #' + d.id, at()]); }
          return;
        }
        log.push([d.kind + ' ' + name + ' #' + d.id, at()]);
      });
    }
  };
})();`;
const server = await serveRoots({ app: dist }, true);
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    ...(process.env.JS_FLAGS ? [`--js-flags=${process.env.JS_FLAGS}`] : []),
  ],
});
const ops = new Intl.NumberFormat('en-US').format(truth.operations);
for (let run = 0; run < Number(runsArg ?? 3); run++) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  await context.addInitScript({ content: NAME_SHIM });
  await context.addInitScript({ content: WRAP_WORKER });
  const page = await context.newPage();
  // a scratch build may log '[mark] NAME EPOCH_MS' from any thread: listed with the page's events
  const marks: [string, number][] = [];
  page.on('console', (m) => {
    const words = m.text().split(' ');
    if (words[0] === '[mark]') marks.push([words.slice(1, -1).join(' '), Number(words.at(-1))]);
  });
  await page.goto(server.urls.app ?? '', { waitUntil: 'load' });
  await page.getByLabel('Upload logs').waitFor({ state: 'attached' });
  await sleep(3000);
  await page.evaluate(armLoad, { expectedOps: ops, timeoutMs: 60_000, bar: CHART_BAR });
  const cdp = profileDir === undefined ? null : await context.newCDPSession(page);
  if (cdp !== null) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await page.getByLabel('Upload logs').setInputFiles(file);
  const timing = await awaitLoad(page, 60_000);
  if (cdp !== null && profileDir !== undefined) {
    const { profile } = await cdp.send('Profiler.stop');
    mkdirSync(profileDir, { recursive: true });
    writeFileSync(join(profileDir, `page-${run + 1}.cpuprofile`), JSON.stringify(profile));
  }
  const trace = (await page.evaluate('globalThis.__trace')) as [string, number][];
  const t0abs = (await page.evaluate('globalThis.__t0abs')) as number;
  for (const [name, at] of marks) if (at >= t0abs) trace.push([`mark ${name}`, Math.round(at - t0abs)]);
  trace.sort((a, b) => a[1] - b[1]);
  process.stdout.write(
    `run ${run + 1}: summary ${Math.round(timing.summaryMs ?? -1)} charts ${Math.round(timing.chartsMs ?? -1)}\n`,
  );
  const bars = (await page.evaluate(`[...document.querySelectorAll('[role="tabpanel"] .chart-body')].map(
    (b) => (b.closest('section,figure,article')?.getAttribute('aria-label') ?? '?') + ': ' +
      b.querySelectorAll('${CHART_BAR}').length + ' bars, ' + b.querySelectorAll('*').length + ' nodes')`)) as string[];
  process.stdout.write(`  ${bars.join('\n  ')}\n`);
  for (const [what, ms] of trace) process.stdout.write(`  ${String(ms).padStart(6)}  ${what}\n`);
  await context.close();
}
await browser.close();
await server.close();
