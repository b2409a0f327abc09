/**
 * The records attemptSequences (attempts.ts) places per device — their figures in typed arrays — and their
 * per-device sort: by key combination, then time, stably; insertion for a handful, a merge sort for more.
 */

/** Key combinations, as narrow as their count allows (fresh memory is dear: see attemptSequences). */
export type ComboArray = Uint8Array | Uint16Array | Uint32Array | Float64Array;

export function comboArray(radix: number, n: number): ComboArray {
  if (radix <= 2 ** 8) return new Uint8Array(n);
  if (radix <= 2 ** 16) return new Uint16Array(n);
  return radix <= 2 ** 32 ? new Uint32Array(n) : new Float64Array(n);
}

/** Per place of the grouped order, its record's figures (see placeRecords). */
export interface Records {
  /** The record's key values as one number (mixed radix over the key columns' value counts). */
  combo: ComboArray;
  /** Its time, +∞ when unknown (after every known one). */
  when: Float64Array;
  outcome: Uint8Array;
  /** Null when every record weighs 1. */
  weight: Uint32Array | null;
  /** Its row, when asked for. */
  order: Uint32Array | null;
  /** Whether a time of +∞ was met (see attemptSequences). */
  infinite: boolean;
}

/** Longest run sorted by insertion: a device's records are a handful, where it beats a general sort. */
const INSERTION_RUN = 24;

/**
 * Sorts each group's records (see DeviceGroups.bounds) by key combination, then time — stably, so rows of
 * the same time keep row order — moving every figure of `r` along; in the same pass, counts the sequences
 * and makes `when` the records' times (unknown: NaN). Returns the count of sequences.
 */
export function sortGroups(r: Records, bounds: Uint32Array): number {
  const { combo, when } = r;
  let scratch: MergeScratch | null = null;
  let count = 0;
  for (let g = 0; g + 1 < bounds.length; g++) {
    const lo = bounds[g] as number;
    const hi = bounds[g + 1] as number;
    if (hi - lo > INSERTION_RUN) {
      if (!scratch || scratch.from.length < hi - lo) scratch = mergeScratch(Math.max(2 * (hi - lo), 256));
      mergeSort(r, lo, hi, scratch);
    } else if (hi - lo > 1) insertionSort(r, lo, hi);
    for (let k = lo; k < hi; k++) {
      if (k === lo || combo[k - 1] !== combo[k]) count++;
      if (when[k] === Number.POSITIVE_INFINITY) when[k] = Number.NaN;
    }
  }
  return count;
}

/** Reused by every long group's merge sort: two position arrays and a column's values. */
interface MergeScratch {
  from: Uint32Array;
  to: Uint32Array;
  values: Float64Array;
}

function mergeScratch(size: number): MergeScratch {
  return { from: new Uint32Array(size), to: new Uint32Array(size), values: new Float64Array(size) };
}

/**
 * A stable bottom-up merge sort of records lo … hi − 1 by combination, then time: a device with many
 * records (50 a device in the 10M-row log) costs m·log m comparisons made in place, with no function
 * called per comparison and no array made per device. Two unknown times (+∞) tie.
 */
function mergeSort(r: Records, lo: number, hi: number, scratch: MergeScratch) {
  const { combo, when } = r;
  const m = hi - lo;
  let from = scratch.from;
  let to = scratch.to;
  for (let x = 0; x < m; x++) from[x] = lo + x;
  for (let width = 1; width < m; width *= 2) {
    for (let left = 0; left < m; left += 2 * width) {
      const mid = Math.min(left + width, m);
      const right = Math.min(left + 2 * width, m);
      let i = left;
      let j = mid;
      let o = left;
      while (i < mid && j < right) {
        const pi = from[i] as number;
        const pj = from[j] as number;
        const ci = combo[pi] as number;
        const cj = combo[pj] as number;
        // the right one first only when strictly before: ties keep their order
        if (cj < ci || (cj === ci && (when[pj] as number) < (when[pi] as number))) {
          to[o++] = pj;
          j++;
        } else {
          to[o++] = pi;
          i++;
        }
      }
      while (i < mid) to[o++] = from[i++] as number;
      while (j < right) to[o++] = from[j++] as number;
    }
    const swap = from;
    from = to;
    to = swap;
  }
  permute(r.combo, from, lo, m, scratch.values);
  permute(r.when, from, lo, m, scratch.values);
  permute(r.outcome, from, lo, m, scratch.values);
  if (r.weight) permute(r.weight, from, lo, m, scratch.values);
  if (r.order) permute(r.order, from, lo, m, scratch.values);
}

/** column[lo + x] = column[positions[x]] for x < m, through `values`. */
function permute(
  column: ComboArray | Uint8Array | Uint32Array,
  positions: Uint32Array,
  lo: number,
  m: number,
  values: Float64Array,
) {
  for (let x = 0; x < m; x++) values[x] = column[positions[x] as number] as number;
  for (let x = 0; x < m; x++) column[lo + x] = values[x] as number;
}

/** A stable insertion sort of records lo … hi − 1 by combination, then time. */
function insertionSort(r: Records, lo: number, hi: number) {
  const { combo, when, outcome, weight, order } = r;
  for (let j = lo + 1; j < hi; j++) {
    const cb = combo[j] as number;
    const w = when[j] as number;
    const kc0 = combo[j - 1] as number;
    // in order already (the common case: a device's rows are mostly in time order)
    if (kc0 < cb || (kc0 === cb && (when[j - 1] as number) <= w)) continue;
    const oc = outcome[j] as number;
    const wt = weight ? (weight[j] as number) : 0;
    const o = order ? (order[j] as number) : 0;
    let k = j - 1;
    while (k >= lo) {
      const kc = combo[k] as number;
      const kw = when[k] as number;
      if (kc < cb || (kc === cb && kw <= w)) break;
      combo[k + 1] = kc;
      when[k + 1] = kw;
      outcome[k + 1] = outcome[k] as number;
      if (weight) weight[k + 1] = weight[k] as number;
      if (order) order[k + 1] = order[k] as number;
      k--;
    }
    combo[k + 1] = cb;
    when[k + 1] = w;
    outcome[k + 1] = oc;
    if (weight) weight[k + 1] = wt;
    if (order) order[k + 1] = o;
  }
}
