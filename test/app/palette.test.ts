import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { categoryStyles, PALETTES, type Theme } from '../../src/app/palette.ts';
import { CATEGORY_CLASSES } from '../../src/catalog/catalog-registry.ts';
import { OUTCOMES } from '../../src/catalog/catalog-types.ts';
import { ciede2000, seenDifference, type Vision } from '../support/color-vision.ts';

const THEMES: Theme[] = ['light', 'dark'];
const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];
/** CIEDE2000 ≈ 2 is a just-noticeable difference; 15 tells colours apart at a glance, in a small swatch. */
const MIN_BETWEEN_OUTCOMES = 15;
/** Against the page: a bar or a swatch must stand out from the panel it sits on. */
const MIN_FROM_BACKGROUND = 20;

describe('the outcome palette', () => {
  it('computes CIEDE2000 as Sharma, Wu & Dalal (2005) tabulate it', () => {
    // pairs 1, 4 and 7 of the paper's table of test data
    expect(ciede2000([50, 2.6772, -79.7751], [50, 0, -82.7485])).toBeCloseTo(2.0425, 4);
    expect(ciede2000([50, -1.3802, -84.2814], [50, 0, -82.7485])).toBeCloseTo(1.0, 4);
    expect(ciede2000([50, 0, 0], [50, -1, 2])).toBeCloseTo(2.3669, 4);
  });

  it('simulates dichromats: red and green that differ for everyone else look alike to them', () => {
    // the old palette's success green and vermilion: far apart in normal vision, close for a deuteranope
    expect(seenDifference('#2f9e5b', '#d63b4f', 'normal')).toBeGreaterThan(40);
    expect(seenDifference('#2f9e5b', '#d63b4f', 'deuteranopia')).toBeLessThan(MIN_BETWEEN_OUTCOMES);
  });

  for (const theme of THEMES) {
    for (const vision of VISIONS) {
      it(`keeps every pair of outcome colours apart in the ${theme} theme with ${vision} vision`, () => {
        const colours = PALETTES[theme].outcomes;
        const close: string[] = [];
        for (const [i, a] of OUTCOMES.entries()) {
          for (const b of OUTCOMES.slice(i + 1)) {
            const d = seenDifference(colours[a], colours[b], vision);
            if (d < MIN_BETWEEN_OUTCOMES) close.push(`${a}/${b}: ${d.toFixed(1)}`);
          }
          for (const background of PALETTES[theme].backgrounds) {
            const d = seenDifference(colours[a], background, vision);
            if (d < MIN_FROM_BACKGROUND) close.push(`${a}/background ${background}: ${d.toFixed(1)}`);
          }
        }
        expect(close).toEqual([]);
      });
    }
  }

  it("names the page's backgrounds as styles.css sets them", () => {
    const css = readFileSync(new URL('../../src/app/styles.css', import.meta.url), 'utf8');
    const light = css.slice(0, css.indexOf('@media (prefers-color-scheme: dark)'));
    const dark = css.slice(css.indexOf('@media (prefers-color-scheme: dark)'));
    const value = (block: string, name: string) =>
      new RegExp(`${name}:\\s*(#[0-9a-f]{6})`, 'i').exec(block)?.[1];
    expect(PALETTES.light.backgrounds).toEqual([value(light, '--bg'), value(light, '--panel')]);
    expect(PALETTES.dark.backgrounds).toEqual([value(dark, '--bg'), value(dark, '--panel')]);
  });

  it('gives classes of one outcome its colour and tells them apart by pattern', () => {
    const styles = categoryStyles(CATEGORY_CLASSES, 'light');
    for (const c of CATEGORY_CLASSES)
      expect(styles.get(c.id)?.color).toBe(PALETTES.light.outcomes[c.outcome]);
    const failures = CATEGORY_CLASSES.filter((c) => c.outcome === 'failure').map((c) => styles.get(c.id));
    expect(failures.length).toBeGreaterThan(1);
    expect(failures[0]?.pattern).toBe('solid');
    for (const outcome of OUTCOMES) {
      const looks = CATEGORY_CLASSES.filter((c) => c.outcome === outcome).map(
        (c) => styles.get(c.id)?.pattern,
      );
      expect(new Set(looks).size, outcome).toBe(looks.length);
    }
  });
});
