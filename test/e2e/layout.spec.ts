import { appUrl, expect, expectInsideAndApart, FIXTURES, test } from './dmscope-test.ts';

/** Every Summary term and figure lies inside the page's width and overlaps no other. */
for (const width of [390, 768, 1280]) {
  test(`at ${width} px the Summary's terms and figures neither overlap nor leave the screen`, async ({
    page,
  }) => {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(appUrl());
    await page.getByRole('button', { name: 'Try the sample' }).click();
    const summary = page.getByRole('region', { name: 'Summary' });
    await expect(summary).toBeVisible();
    const boxes = await summary.locator('dt, dd').evaluateAll((cells) =>
      cells.map((cell) => {
        // the text's own extent, not the cell's: text that runs out of its cell overlaps the next
        const range = document.createRange();
        range.selectNodeContents(cell);
        const r = range.getBoundingClientRect();
        return { text: cell.textContent ?? '', left: r.left, right: r.right, top: r.top, bottom: r.bottom };
      }),
    );
    expect(boxes.length).toBeGreaterThanOrEqual(16);
    expectInsideAndApart(boxes, width);
  });
}

/** The device history at a phone's and a tablet's width: inside the screen, its Close button reachable. */
for (const width of [390, 768]) {
  test(`at ${width} px the device history fits the screen and closes`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    await page.goto(appUrl('#view=events&sort=device'));
    await page.getByLabel('Upload logs').setInputFiles(`${FIXTURES}/fleet-small.csv`);
    await page.getByRole('button', { name: 'dev-002' }).first().click();
    const history = page.getByRole('dialog', { name: /Device history/ });
    await expect(history).toContainText('attempts');
    const box = await history.boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(0);
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(width);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(overflow, 'no sideways scrolling').toBeLessThanOrEqual(width);
    const close = history.getByRole('button', { name: 'Close' });
    await expect(close).toBeInViewport();
    await close.click();
    await expect(history).toHaveCount(0);
  });
}
