/**
 * JSON read from its bytes in the browser (json-byte-reader.ts): generated NDJSON, a JSON array and a wrapped
 * export, each of many slices of the File, dropped on the built page, show exactly their ground truth's
 * figures, and most of their records were read from bytes (the Summary's data-rows-scanned).
 */
import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import {
  type Format,
  formatByteChunks,
  type GroundTruth,
  generateEvents,
  TruthTracker,
} from '../../bench/fleet-generator.ts';
import { appUrl, expect, expectSummary, test } from './dmscope-test.ts';

const ROWS = 40_000;

let workDir = '';

test.beforeAll(async () => {
  workDir = await mkdtemp(join(tmpdir(), 'dmscope-e2e-json-'));
});

test.afterAll(async () => {
  if (workDir !== '') await rm(workDir, { recursive: true, force: true });
});

async function generated(format: Format, ext: string): Promise<{ path: string; truth: GroundTruth }> {
  const path = join(workDir, `fleet-40k.${ext}`);
  const tracker = new TruthTracker();
  const out = createWriteStream(path);
  const events = generateEvents({ seed: 1717, rows: ROWS, dirty: 0.002 });
  for (const chunk of formatByteChunks(format, events, { truth: tracker })) {
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
  return { path, truth: tracker.result() };
}

for (const [format, ext] of [
  ['ndjson', 'ndjson'],
  ['json', 'json'],
  ['wrapped', 'json'],
] as const) {
  test(`a ${format} file's records are read from bytes, with exactly its ground truth's figures`, async ({
    page,
  }) => {
    test.setTimeout(90_000);
    const { path, truth } = await generated(format, ext);
    await page.goto(appUrl());
    await page.getByLabel('Upload logs').setInputFiles(path);
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary).toBeVisible();
    await expectSummary(page, truth);
    const scanned = Number(await summary.getAttribute('data-rows-scanned'));
    // the first 1,000 records choose the mapping (JSON.parse); dirty ones go through JSON.parse too
    expect(scanned).toBeGreaterThan(truth.rowsRead * 0.9);
  });
}
