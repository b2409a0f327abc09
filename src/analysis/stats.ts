/**
 * The few statistics the analyses need, each from its textbook definition:
 * - Wilson score interval: E. B. Wilson (1927), "Probable inference, the law of succession, and statistical
 *   inference", JASA 22(158); the form in NIST/SEMATECH e-Handbook §7.2.4.1 ("Confidence intervals").
 * - Two-proportion z-test with the pooled proportion: NIST/SEMATECH e-Handbook §7.3.3 ("How can we
 *   determine whether two processes produce the same proportion of defectives?").
 * - Benjamini–Hochberg step-up adjusted p-values: Y. Benjamini and Y. Hochberg (1995), "Controlling the
 *   false discovery rate", JRSS B 57(1); the adjustment as R's `p.adjust(method = "BH")` computes it.
 */

/** The standard normal quantile for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** The Wilson score interval of `x` successes in `n` trials (default 95%); [0, 1] when n is 0. */
export function wilson(x: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const p = x / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface TestResult {
  /** (p1 − p2) / its pooled standard error; 0 when the test has nothing to say. */
  z: number;
  /** Two-sided p-value; 1 when the test has nothing to say (an empty side, or no variance). */
  p: number;
}

/** Whether x1/n1 and x2/n2 differ: the two-proportion z-test with the pooled proportion. */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TestResult {
  if (!(n1 > 0) || !(n2 > 0)) return { z: 0, p: 1 };
  const pooled = (x1 + x2) / (n1 + n2);
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, p: 1 };
  const z = (x1 / n1 - x2 / n2) / se;
  return { z, p: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

/** P(Z > z) for a standard normal Z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/**
 * The complementary error function, relative error below 1.2e-7 everywhere: the Chebyshev fit of
 * W. H. Press et al., Numerical Recipes in C (2nd ed.), §6.2 `erfcc`. Relative, so tiny tails stay exact
 * enough to rank by.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let poly = 0;
  for (let k = ERFC_COEFFICIENTS.length - 1; k >= 0; k--) poly = (ERFC_COEFFICIENTS[k] as number) + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/** The fit's coefficients, lowest power of t first. */
const ERFC_COEFFICIENTS = [
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587,
  -0.82215223, 0.17087277,
];

/**
 * Benjamini–Hochberg adjusted p-values (q-values), aligned with `p`: reject every hypothesis whose q is
 * at most the false-discovery rate you accept. q_(i) = min over j ≥ i of p_(j)·m/j, capped at 1.
 */
export function benjaminiHochberg(p: readonly number[]): number[] {
  const m = p.length;
  const order = p.map((_, i) => i).sort((a, b) => (p[b] as number) - (p[a] as number));
  const q = new Array<number>(m);
  let running = 1;
  order.forEach((i, k) => {
    const rank = m - k; // 1-based rank from the smallest p
    running = Math.min(running, ((p[i] as number) * m) / rank);
    q[i] = running;
  });
  return q;
}
