import {
  generateShape,
  parseStory,
  SHAPE_EXTENSION,
  SHAPES,
  type Shape,
} from '../../bench/fleet-generator.ts';
import { appUrl, expect, summaryFigure, test } from './dmscope-test.ts';

/** A generated platform export (`--shape`) and its ground truth, as in platform-generated.test.ts. */
function shaped(shape: Shape, rows: number) {
  const gen = { seed: 20261001, rows, plant: [parseStory('code=1999,region=latam-south,rate=0.3')] };
  const { bytes, truth } = generateShape(shape, gen);
  return { buffer: Buffer.from(bytes), truth };
}

const count = (n: number | undefined) => (n ?? Number.NaN).toLocaleString('en-US');

for (const shape of SHAPES) {
  test(`a generated ${shape} export shows its ground truth in the Summary`, async ({ page }) => {
    const { buffer, truth } = shaped(shape, 3000);
    await page.goto(appUrl());
    await page
      .getByLabel('Upload logs')
      .setInputFiles({ name: `${shape}.${SHAPE_EXTENSION[shape]}`, mimeType: 'application/json', buffer });
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
  });
}
