import { describe, expect, it } from 'vitest';
import { niceStep, niceTicks } from '../../src/app/charts/nice-ticks.ts';

describe('niceTicks', () => {
  it('steps by 1, 2, 2.5 or 5 × 10^k from zero to at or above the largest value', () => {
    expect(niceTicks(285)).toEqual([0, 100, 200, 300]);
    expect(niceTicks(0.21)).toEqual([0, 0.05, 0.1, 0.15, 0.2, 0.25]);
    expect(niceTicks(3, { integer: true })).toEqual([0, 1, 2, 3]);
    expect(niceTicks(1_000)).toEqual([0, 200, 400, 600, 800, 1_000]);
    expect(niceTicks(12)).toEqual([0, 2.5, 5, 7.5, 10, 12.5]);
  });

  it('never steps a count axis by a fraction', () => {
    expect(niceTicks(2, { integer: true })).toEqual([0, 1, 2]);
    expect(niceTicks(12, { integer: true })).toEqual([0, 5, 10, 15]);
    expect(niceStep(0.5, 6, true)).toBe(1);
  });

  it('gives an axis with nothing on it one step', () => {
    expect(niceTicks(0)).toEqual([0, 1]);
  });

  it('every step is a nice one, for any maximum', () => {
    for (let max = 0.001; max < 1e7; max *= 1.37) {
      const ticks = niceTicks(max);
      const step = (ticks[1] as number) - (ticks[0] as number);
      const mantissa = Math.round((step / 10 ** Math.floor(Math.log10(step) + 1e-9)) * 1000) / 1000;
      expect([1, 2, 2.5, 5], `max ${max}`).toContain(mantissa);
      expect(ticks.at(-1) as number).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(7);
    }
  });
});
