import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../bench/fleet-generator.ts';
import {
  benjaminiHochberg,
  erfc,
  type Interval,
  normalUpperTail,
  twoProportionTest,
  wilson,
  Z95,
} from '../../src/analysis/stats.ts';

/** Successes in n Bernoulli(p) trials, from a seeded generator. */
function binomial(rng: () => number, n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (rng() < p) x++;
  return x;
}

/** The share of seeded simulations (p in [0.01, 0.5], n in [30, 1030)) whose interval holds p. */
function coverage(interval: (x: number, n: number) => Interval, seed: number, sims: number): number {
  const rng = mulberry32(seed);
  let inside = 0;
  for (let s = 0; s < sims; s++) {
    const p = 0.01 + rng() * 0.49;
    const n = 30 + Math.floor(rng() * 1000);
    const { low, high } = interval(binomial(rng, n, p), n);
    if (low <= p && p <= high) inside++;
  }
  return inside / sims;
}

describe('the statistics', () => {
  it('erfc and the normal tail match tabulated values', () => {
    expect(erfc(0)).toBeCloseTo(1, 6);
    expect(erfc(1)).toBeCloseTo(0.157299207, 7);
    expect(erfc(-1)).toBeCloseTo(1.842700793, 7);
    expect(erfc(5) / 1.5374597944e-12).toBeCloseTo(1, 5);
    expect(normalUpperTail(Z95)).toBeCloseTo(0.025, 6);
    expect(normalUpperTail(3.090232)).toBeCloseTo(0.001, 6);
  });

  it('the Wilson interval of 5 of 10, 0 of 10 and 0 of 0', () => {
    const half = wilson(5, 10);
    expect(half.low).toBeCloseTo(0.2366, 4);
    expect(half.high).toBeCloseTo(0.7634, 4);
    expect(wilson(0, 10)).toEqual({ low: 0, high: expect.closeTo(0.2775, 4) });
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });

  it('Wilson 95% intervals hold the true rate in at least 95% of 4,000 seeded simulations', () => {
    expect(coverage(wilson, 15, 4000)).toBeGreaterThanOrEqual(0.95);
    // the check has teeth: the textbook Wald interval, known to under-cover at small rates, fails it
    const wald = (x: number, n: number): Interval => {
      const p = x / n;
      const half = Z95 * Math.sqrt((p * (1 - p)) / n);
      return { low: p - half, high: p + half };
    };
    expect(coverage(wald, 15, 4000)).toBeLessThan(0.95);
  });

  it('the two-proportion test: a textbook case, and nothing to say about an empty side', () => {
    // 30/100 against 10/100: pooled 0.2, se 0.0566, z 3.536
    const t = twoProportionTest(30, 100, 10, 100);
    expect(t.z).toBeCloseTo(3.5355, 4);
    expect(t.p).toBeCloseTo(0.000407, 5);
    expect(twoProportionTest(3, 0, 1, 10)).toEqual({ z: 0, p: 1 });
    expect(twoProportionTest(0, 10, 0, 10)).toEqual({ z: 0, p: 1 });
  });

  it('under the null hypothesis p-values are uniform: about 5% fall below 0.05', () => {
    const rng = mulberry32(7);
    let below = 0;
    for (let s = 0; s < 2000; s++) {
      if (twoProportionTest(binomial(rng, 500, 0.1), 500, binomial(rng, 500, 0.1), 500).p < 0.05) below++;
    }
    expect(below / 2000).toBeGreaterThan(0.03);
    expect(below / 2000).toBeLessThan(0.07);
  });

  it('Benjamini–Hochberg q-values as R p.adjust computes them', () => {
    expect(benjaminiHochberg([0.01, 0.04, 0.03, 0.005])).toEqual([0.02, 0.04, 0.04, 0.02]);
    expect(benjaminiHochberg([0.9, 0.8])).toEqual([0.9, 0.9]);
    expect(benjaminiHochberg([])).toEqual([]);
  });

  it('Benjamini–Hochberg keeps the false-discovery rate under its level in seeded simulation', () => {
    const rng = mulberry32(11);
    const level = 0.1;
    let fdp = 0;
    let discoveries = 0;
    const runs = 200;
    for (let r = 0; r < runs; r++) {
      // 80 true nulls (10% against 10%), 20 real differences (10% against 20%)
      const p: number[] = [];
      for (let h = 0; h < 100; h++) {
        const other = h < 80 ? 0.1 : 0.2;
        p.push(twoProportionTest(binomial(rng, 400, 0.1), 400, binomial(rng, 400, other), 400).p);
      }
      const q = benjaminiHochberg(p);
      const rejected = q.flatMap((v, h) => (v <= level ? [h] : []));
      discoveries += rejected.length;
      if (rejected.length > 0) fdp += rejected.filter((h) => h < 80).length / rejected.length;
    }
    expect(fdp / runs).toBeLessThanOrEqual(level);
    expect(discoveries / runs).toBeGreaterThan(10); // and it still finds most of the 20 real differences
    // unadjusted p ≤ 0.1 would not hold the rate: 8 of 80 nulls pass on average
  });
});
