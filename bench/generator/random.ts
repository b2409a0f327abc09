/** Seeded randomness: a small PRNG and weighted picks (never Math.random, so a seed is a file). */

/** mulberry32: tiny, fast, good enough for test data. Returns floats in [0, 1). */
export function mulberry32(seed: number): () => number {
  let a = (Math.trunc(seed) ^ 0x9e3779b9) >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Weighted<T> {
  items: T[];
  cum: number[];
  total: number;
}

export function weighted<T>(pairs: ReadonlyArray<readonly [T, number]>): Weighted<T> {
  const items: T[] = [];
  const cum: number[] = [];
  let total = 0;
  for (const [item, w] of pairs) {
    total += w;
    items.push(item);
    cum.push(total);
  }
  return { items, cum, total };
}

export function pick<T>(w: Weighted<T>, r: number): T {
  const x = r * w.total;
  const { cum, items } = w;
  const n = cum.length;
  for (let i = 0; i < n - 1; i++) {
    if (x < (cum[i] as number)) return items[i] as T;
  }
  return items[n - 1] as T;
}
