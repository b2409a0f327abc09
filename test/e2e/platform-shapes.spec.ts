import {
  generateEvents,
  parseStory,
  type Shape,
  shapeByteChunks,
  shapeEvents,
  TruthTracker,
} from '../../bench/fleet-generator.ts';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

/** A generated platform export (`--shape`) and its ground truth; the same as platform-generated.test.ts. */
function shaped(shape: Shape, rows: number) {
  const truth = new TruthTracker();
  const seed = 20261001;
  const gen = { seed, rows, plant: [parseStory('code=1999,region=latam-south,rate=0.3')] };
  const chunks = [
    ...shapeByteChunks(
      shape,
      shapeEvents(shape, () => generateEvents(gen), seed),
      { truth },
    ),
  ];
  return { buffer: Buffer.concat(chunks), truth: truth.result() };
}

const count = (n: number | undefined) => (n ?? Number.NaN).toLocaleString('en-US');

test('a generated Leshan event stream shows its ground truth in the Summary', async ({ page }) => {
  const { buffer, truth } = shaped('leshan', 3000);
  await page.goto(appUrl());
  await page
    .getByLabel('Upload logs')
    .setInputFiles({ name: 'leshan.ndjson', mimeType: 'application/x-ndjson', buffer });
  await expect.poll(() => summaryFigure(page, 'Operations')).toBe(count(truth.operations));
  const figures: [string, number | undefined][] = [
    ['Successes', truth.successes],
    ['Failures', truth.failures],
    ['Not applied', truth.notApplied],
    ['In progress', truth.inProgress],
    ['Unrecognized codes', truth.unrecognized],
    ['Devices', truth.devices],
    ['Failing devices', truth.failingDevices],
    ['Rejected rows', truth.rowsRejected],
  ];
  for (const [term, want] of figures) expect(await summaryFigure(page, term), term).toBe(count(want));
  expect(truth.unrecognized).toBeGreaterThan(0);
});
