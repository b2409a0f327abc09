/**
 * First figures while a multi-MB log loads: a labelled partial Summary and code chart fill in before the
 * exact Summary, never beside it nor without their label, and the exact figures then equal the ground truth.
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  formatByteChunks,
  type GroundTruth,
  generateEvents,
  TruthTracker,
} from '../../bench/fleet-generator.ts';
import { appUrl, expect, expectSummary, test } from './dmscope-test.ts';

/** About 37 MB: a load of a second or more, long past the first partial figures (100 ms into it). */
const ROWS = 300_000;

let workDir = '';
let csv = '';
let truth: GroundTruth;

test.beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dmscope-e2e-partial-'));
  csv = join(workDir, 'fleet-200k.csv');
  const tracker = new TruthTracker();
  const out = createWriteStream(csv);
  for (const chunk of formatByteChunks('csv', generateEvents({ seed: 1717, rows: ROWS, dirty: 0.002 }), {
    truth: tracker,
  })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  truth = tracker.result();
});

test.afterAll(async () => {
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

interface Seen {
  chosenAt: number | null;
  /** When the progress bar first moved: the first chunk of the file read. */
  firstBytesAt: number | null;
  partials: { at: number; heading: string; operations: string; chart: string }[];
  exactAt: number | null;
  announced: string[];
  problems: string[];
}

/** Records, at every change of the page, what the partial figures and the exact Summary show. */
function watchFigures(): void {
  const seen: Seen = {
    chosenAt: null,
    firstBytesAt: null,
    partials: [],
    exactAt: null,
    announced: [],
    problems: [],
  };
  (globalThis as unknown as { __partial: Seen }).__partial = seen;
  document.addEventListener(
    'change',
    () => {
      seen.chosenAt ??= performance.now();
    },
    { capture: true },
  );
  const text = (el: Element | null | undefined) => el?.textContent?.trim() ?? '';
  const check = () => {
    const now = performance.now();
    const partial = document.querySelector('section[aria-label="Figures so far"]');
    const exact = document.querySelector('section[aria-label="Summary"]');
    const status = text(document.querySelector('section[aria-label="Loading"] [role="status"]'));
    if (status !== '' && seen.announced.at(-1) !== status) seen.announced.push(status);
    if (exact !== null) seen.exactAt ??= now;
    const bar = document.querySelector('progress[aria-label="Loading progress"]');
    if (Number(bar?.getAttribute('value') ?? 0) > 0) seen.firstBytesAt ??= now;
    if (partial === null) return;
    if (exact !== null) seen.problems.push('partial figures beside the exact Summary');
    const heading = text(partial.querySelector('h2'));
    if (!/^Partial summary — so far: \d{1,2}% of the file$/.test(heading))
      seen.problems.push(`partial figures labelled "${heading}"`);
    // the chart comes with its chunk: until then, none; then always with the label
    const chartTitle = document.querySelector('.partial-chart figure h2');
    const chart = text(chartTitle);
    if (chartTitle !== null && !chart.endsWith(heading.replace('Partial summary — ', '')))
      seen.problems.push(`partial chart titled "${chart}"`);
    for (const button of document.querySelectorAll('header button')) {
      if (/^Download/.test(text(button)) && !(button as HTMLButtonElement).disabled)
        seen.problems.push(`"${text(button)}" enabled during the load`);
    }
    let operations = '';
    for (const dt of partial.querySelectorAll('dt'))
      if (text(dt) === 'Operations') operations = text(dt.nextElementSibling);
    const last = seen.partials.at(-1);
    // a new sample when the figures change, and when the chart (which comes with its chunk) appears
    if (last?.heading !== heading || last.operations !== operations || last.chart !== chart)
      seen.partials.push({ at: now, heading, operations, chart });
  };
  new MutationObserver(check).observe(document, { subtree: true, childList: true, characterData: true });
}

test('a multi-MB log shows labelled partial figures first, then exactly its ground truth', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.addInitScript(watchFigures);
  await page.goto(appUrl());
  // the file is chosen once the page has fetched its chart code (its view warm-up), as a person's would be:
  // on a fast machine the load can end before a chart chunk fetched only then arrives
  await expect
    .poll(() =>
      page.evaluate(() =>
        performance.getEntriesByType('resource').some((r) => r.name.includes('failures-by-code-chart')),
      ),
    )
    .toBe(true);
  await page.getByLabel('Upload logs').setInputFiles(csv);
  await expect(page.getByRole('region', { name: 'Summary' })).toBeVisible({ timeout: 60_000 });
  await expectSummary(page, truth);

  const seen = await page.evaluate(() => (globalThis as unknown as { __partial: Seen }).__partial);
  expect(seen.problems).toEqual([]);
  expect(seen.partials.length).toBeGreaterThan(0);
  const first = seen.partials[0] as Seen['partials'][number];
  const chosenMs = first.at - (seen.chosenAt ?? Number.NaN);
  const afterBytesMs = first.at - (seen.firstBytesAt ?? Number.NaN);
  test.info().annotations.push({
    type: 'first partial figures',
    description: `${Math.round(chosenMs)} ms after the file was chosen, ${Math.round(afterBytesMs)} ms after the first chunk read`,
  });
  // first chunk read → first figures: the same message brings both (a loaded CI runner gets slack)
  expect(afterBytesMs).toBeLessThan(1000);
  expect(first.at).toBeLessThan(seen.exactAt ?? 0);
  // and the chart with its label, before the exact figures
  expect(seen.partials.some((p) => p.chart.endsWith(p.heading.replace('Partial summary — ', '')))).toBe(true);
  // the figures grow with the share read, and never reach the whole file's
  const count = (s: string) => Number(s.replaceAll(',', ''));
  const share = (h: string) => Number(/(\d+)%/.exec(h)?.[1]);
  for (const [i, p] of seen.partials.entries()) {
    expect(count(p.operations)).toBeGreaterThan(0);
    expect(count(p.operations)).toBeLessThan(truth.operations);
    const before = seen.partials[i - 1];
    if (before !== undefined) {
      expect(count(p.operations)).toBeGreaterThanOrEqual(count(before.operations));
      expect(share(p.heading)).toBeGreaterThanOrEqual(share(before.heading));
    }
  }
  // screen readers hear once that the figures are partial, not at every update
  expect(seen.announced.filter((s) => s.startsWith('Partial figures'))).toHaveLength(1);
  // and the partial figures are gone with the load
  await expect(page.getByRole('region', { name: 'Figures so far' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Download events CSV/ })).toBeEnabled();
});
