/**
 * Axis ticks a person reads at a glance: steps of 1, 2, 2.5 or 5 × 10^k from zero (0, 100, 200, 300
 * rather than 0, 95, 190, 285), the last tick at or above the largest value.
 */

const MANTISSAS = [1, 2, 2.5, 5, 10] as const;

/** The smallest nice step that covers `max` in at most `maxTicks - 1` steps. */
export function niceStep(max: number, maxTicks = 6, integer = false): number {
  if (!(max > 0)) return 1;
  const rough = max / (maxTicks - 1);
  const power = 10 ** Math.floor(Math.log10(rough));
  for (const m of MANTISSAS) {
    const step = m * power;
    // a count axis never steps by a fraction, nor by 2.5 below 10 (2.5 events is not a count)
    if (integer && (step < 1 || !Number.isInteger(step))) continue;
    if (step * (maxTicks - 1) >= max) return step;
  }
  return 10 * power;
}

/** Ticks from 0 to the first multiple of the step at or above `max`; [0, 1] for an empty axis. */
export function niceTicks(max: number, options: { maxTicks?: number; integer?: boolean } = {}): number[] {
  const step = niceStep(max, options.maxTicks ?? 6, options.integer ?? false);
  const count = Math.max(1, Math.ceil(max / step - 1e-9));
  return Array.from({ length: count + 1 }, (_, i) => round(i * step));
}

/** Ticks keep the step's own digits: 0.30000000000000004 reads 0.3. */
function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}

/** What a number axis takes: its ticks and the domain they span. */
export interface NiceAxis {
  ticks: number[];
  domain: [number, number];
}

export function niceAxis(max: number, options: { maxTicks?: number; integer?: boolean } = {}): NiceAxis {
  const ticks = niceTicks(max, options);
  return { ticks, domain: [0, ticks.at(-1) ?? 1] };
}
