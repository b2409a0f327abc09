import type { CodeTable, DatasetColumns, DictColumn } from './dataset-columns.ts';
import type { AttemptSequences, Selection } from './query-types.ts';

/**
 * The selection's records grouped into sequences — one per device and value of each key dimension (the
 * component, the operation) — each in time order: what a verdict on "did this device end up updated" is
 * judged from. Rows without a device id are no device's; rows without a time come after the timed ones,
 * in row order, as in a device's history. A counting sort by device, then a small sort per device: no
 * sort of the whole selection.
 */
export function attemptSequences(
  c: DatasetColumns,
  codes: CodeTable,
  sel: Selection,
  keyNames: readonly string[],
  onlyDevices: readonly string[] | null,
): AttemptSequences | null {
  const device = c.device;
  if (!device) return null;
  const keys = keyNames.flatMap((name) => {
    const column = c.dimensions.find((d) => d.name === name);
    return column ? [column] : [];
  });
  const order = byDevice(c, device, sel, onlyDevices);
  const time = c.time;
  const timeKey = (i: number) => {
    const t = time ? (time[i] as number) : Number.NaN;
    return Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  };
  const sameKey = (a: number, b: number) => keys.every((k) => k.ids[a] === k.ids[b]);
  const before = (a: number, b: number) => {
    for (const k of keys) {
      const d = (k.ids[a] as number) - (k.ids[b] as number);
      if (d !== 0) return d;
    }
    return timeKey(a) - timeKey(b) || a - b;
  };
  sortWithinDevices(order, device.ids, before);

  const n = order.length;
  const starts: number[] = [];
  const out: AttemptSequences = {
    keys: keys.map((k) => k.name),
    device: [],
    key: [],
    start: new Uint32Array(0),
    outcome: new Uint8Array(n),
    time: new Float64Array(n),
    weight: new Float64Array(n),
    latest: latestTime(time),
  };
  for (let k = 0; k < n; k++) {
    const i = order[k] as number;
    const prev = k > 0 ? (order[k - 1] as number) : -1;
    if (prev < 0 || device.ids[prev] !== device.ids[i] || !sameKey(prev, i)) {
      starts.push(k);
      out.device.push(device.values[device.ids[i] as number] as string);
      out.key.push(keys.map((col) => col.values[col.ids[i] as number] as string));
    }
    out.outcome[k] = codes.outcomeOfCode[c.codeIds[i] as number] as number;
    out.time[k] = time ? (time[i] as number) : Number.NaN;
    out.weight[k] = c.count ? (c.count[i] as number) : 1;
  }
  starts.push(n);
  out.start = Uint32Array.from(starts);
  return out;
}

/** The selection's rows with a device id (of `onlyDevices`, when given), grouped by device, rows ascending. */
function byDevice(
  c: DatasetColumns,
  device: DictColumn,
  sel: Selection,
  onlyDevices: readonly string[] | null,
): Uint32Array {
  const nDevices = device.values.length;
  const wanted = new Uint8Array(nDevices).fill(onlyDevices ? 0 : 1);
  if (onlyDevices) {
    const names = new Set(onlyDevices);
    device.values.forEach((v, d) => {
      if (names.has(v)) wanted[d] = 1;
    });
  }
  device.values.forEach((v, d) => {
    if (v === '') wanted[d] = 0;
  });
  const ids = device.ids;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  const offsets = new Uint32Array(nDevices + 1);
  for (let k = 0; k < n; k++) {
    const d = ids[rows ? (rows[k] as number) : k] as number;
    offsets[d + 1] = (offsets[d + 1] as number) + (wanted[d] as number);
  }
  for (let d = 0; d < nDevices; d++) offsets[d + 1] = (offsets[d + 1] as number) + (offsets[d] as number);
  const order = new Uint32Array(offsets[nDevices] as number);
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const d = ids[i] as number;
    if (wanted[d] === 0) continue;
    order[offsets[d] as number] = i;
    offsets[d] = (offsets[d] as number) + 1;
  }
  return order;
}

/** Sorts each run of one device's rows in `order` by `before`. */
function sortWithinDevices(
  order: Uint32Array,
  deviceIds: ArrayLike<number>,
  before: (a: number, b: number) => number,
) {
  let lo = 0;
  while (lo < order.length) {
    const d = deviceIds[order[lo] as number];
    let hi = lo + 1;
    while (hi < order.length && deviceIds[order[hi] as number] === d) hi++;
    if (hi - lo > 1) order.set(Array.from(order.subarray(lo, hi)).sort(before), lo);
    lo = hi;
  }
}

function latestTime(time: Float64Array | null): number {
  if (!time) return Number.NaN;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < time.length; i++) if ((time[i] as number) > latest) latest = time[i] as number;
  return latest === Number.NEGATIVE_INFINITY ? Number.NaN : latest;
}
