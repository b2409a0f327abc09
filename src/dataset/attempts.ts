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
  const { order, bounds, deviceOf } = onlyDevices
    ? byListedDevice(c, device, sel, onlyDevices)
    : byDevice(c, device, sel);
  const time = c.time;
  // per record of `order`, its key values as one number and its time (unknown: after every known one)
  const combo = keyCombos(keys, order);
  const n = order.length;
  const when = new Float64Array(n);
  // a time of +∞ (never read from a file) would read back as unknown from `when`: then `time` is read again
  let infinite = false;
  for (let k = 0; k < n; k++) {
    const t = time ? (time[order[k] as number] as number) : Number.NaN;
    if (t === Number.POSITIVE_INFINITY) infinite = true;
    when[k] = Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
  }
  sortWithinDevices(order, bounds, combo, when);

  const out: AttemptSequences = {
    keys: keys.map((k) => k.name),
    device: new Uint32Array(0),
    deviceNames: device.values,
    keyIds: [],
    keyValues: keys.map((k) => k.values),
    start: new Uint32Array(0),
    outcome: new Uint8Array(n),
    time: new Float64Array(n),
    weight: new Float64Array(n),
    latest: latestTime(time),
  };
  const { starts, firstRows, devices } = sequencesOf(order, bounds, combo, deviceOf);
  const outcome = out.outcome;
  const outcomeOfCode = codes.outcomeOfCode;
  const codeIds = c.codeIds;
  for (let k = 0; k < n; k++) outcome[k] = outcomeOfCode[codeIds[order[k] as number] as number] as number;
  const times = out.time;
  if (!time) times.fill(Number.NaN);
  else if (infinite) for (let k = 0; k < n; k++) times[k] = time[order[k] as number] as number;
  else
    for (let k = 0; k < n; k++)
      times[k] = when[k] === Number.POSITIVE_INFINITY ? Number.NaN : (when[k] as number);
  const count = c.count;
  if (count) for (let k = 0; k < n; k++) out.weight[k] = count[order[k] as number] as number;
  else out.weight.fill(1);
  out.start = starts;
  out.device = devices;
  out.keyIds = keys.map((col) => idsAt(col.ids, firstRows));
  return out;
}

/**
 * Where each sequence starts in `order` (one past the last: the end), its first record's row and its
 * device: a new sequence at each device's first record and wherever the key combination changes. Group g
 * of `bounds` is device `deviceOf[g]` (device g without it).
 */
function sequencesOf(
  order: Uint32Array,
  bounds: Uint32Array,
  combo: Float64Array,
  deviceOf: Uint32Array | null,
) {
  const n = order.length;
  const starts = new Uint32Array(n + 1);
  const firstRows = new Uint32Array(n);
  const devices = new Uint32Array(n);
  let s = 0;
  for (let d = 0; d + 1 < bounds.length; d++) {
    const lo = bounds[d] as number;
    const hi = bounds[d + 1] as number;
    for (let k = lo; k < hi; k++) {
      if (k === lo || combo[k - 1] !== combo[k]) {
        starts[s] = k;
        firstRows[s] = order[k] as number;
        devices[s] = deviceOf ? (deviceOf[d] as number) : d;
        s++;
      }
    }
  }
  starts[s] = n;
  return {
    starts: starts.slice(0, s + 1),
    firstRows: firstRows.subarray(0, s),
    devices: devices.slice(0, s),
  };
}

function idsAt(ids: ArrayLike<number>, rows: Uint32Array): Uint32Array {
  const out = new Uint32Array(rows.length);
  for (let s = 0; s < rows.length; s++) out[s] = ids[rows[s] as number] as number;
  return out;
}

/** Sequence `s`'s value of each key dimension. */
export function sequenceKey(seq: AttemptSequences, s: number): string[] {
  return seq.keyValues.map((values, k) => values[seq.keyIds[k]?.[s] as number] as string);
}

/** The selection's rows grouped by device: group g's rows are order[bounds[g], bounds[g + 1]), of device deviceOf[g]. */
interface DeviceGroups {
  order: Uint32Array;
  bounds: Uint32Array;
  /** Null: group g is device g. */
  deviceOf: Uint32Array | null;
}

/** The selection's rows with a device id, grouped by device (one group per device id), rows ascending. */
function byDevice(c: DatasetColumns, device: DictColumn, sel: Selection): DeviceGroups {
  const nDevices = device.values.length;
  const wanted = new Uint8Array(nDevices);
  for (let d = 0; d < nDevices; d++) wanted[d] = device.values[d] === '' ? 0 : 1;
  const ids = device.ids;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  const offsets = new Uint32Array(nDevices + 1);
  for (let k = 0; k < n; k++) {
    const d = ids[rows ? (rows[k] as number) : k] as number;
    offsets[d + 1] = (offsets[d + 1] as number) + (wanted[d] as number);
  }
  for (let d = 0; d < nDevices; d++) offsets[d + 1] = (offsets[d + 1] as number) + (offsets[d] as number);
  const bounds = offsets.slice();
  const order = new Uint32Array(offsets[nDevices] as number);
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const d = ids[i] as number;
    if (wanted[d] === 0) continue;
    order[offsets[d] as number] = i;
    offsets[d] = (offsets[d] as number) + 1;
  }
  return { order, bounds, deviceOf: null };
}

/**
 * The selection's rows of the devices named in `onlyDevices`, one group per such device that has rows, in
 * order of device id, rows ascending. The names are looked up once per device id: over the dictionary when
 * the selection has more rows than it has values, else for each device id the selection meets (a list of a
 * few devices then costs a pass over a small selection, not a lookup per device of the dataset).
 */
function byListedDevice(
  c: DatasetColumns,
  device: DictColumn,
  sel: Selection,
  onlyDevices: readonly string[],
): DeviceGroups {
  const names = new Set(onlyDevices);
  names.delete('');
  const values = device.values;
  const ids = device.ids;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  // per device id: 0 not looked up, -1 not listed, else 1 + its group
  const group = new Int32Array(values.length);
  const listed: number[] = [];
  if (n >= values.length) {
    for (let d = 0; d < values.length; d++) if (names.has(values[d] as string)) listed.push(d);
  } else {
    for (let k = 0; k < n; k++) {
      const d = ids[rows ? (rows[k] as number) : k] as number;
      if (group[d] !== 0) continue;
      group[d] = names.has(values[d] as string) ? 1 : -1;
      if (group[d] === 1) listed.push(d);
    }
    listed.sort((a, b) => a - b);
  }
  // the listed ids as bits too: the passes over the rows test a bit (the bits of 200k devices fit a
  // processor's nearest cache, their groups do not) and read a group only for a listed device's row
  const member = new Uint32Array((values.length + 31) >>> 5);
  listed.forEach((d, g) => {
    group[d] = g + 1;
    member[d >>> 5] = (member[d >>> 5] as number) | (1 << (d & 31));
  });
  const counts = new Uint32Array(listed.length);
  for (let k = 0; k < n; k++) {
    const d = ids[rows ? (rows[k] as number) : k] as number;
    if ((((member[d >>> 5] as number) >>> (d & 31)) & 1) === 0) continue;
    const g = group[d] as number;
    counts[g - 1] = (counts[g - 1] as number) + 1;
  }
  // a listed device without a row in the selection has no group
  const kept: number[] = [];
  const ends = new Uint32Array(listed.length + 1);
  listed.forEach((d, g) => {
    group[d] = 0;
    if ((counts[g] as number) === 0) return;
    kept.push(d);
    group[d] = kept.length;
    ends[kept.length] = (ends[kept.length - 1] as number) + (counts[g] as number);
  });
  const bounds = ends.slice(0, kept.length + 1);
  const offsets = bounds.slice();
  const order = new Uint32Array(bounds[kept.length] as number);
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const d = ids[i] as number;
    if ((((member[d >>> 5] as number) >>> (d & 31)) & 1) === 0) continue;
    const g = group[d] as number;
    order[offsets[g - 1] as number] = i;
    offsets[g - 1] = (offsets[g - 1] as number) + 1;
  }
  return { order, bounds, deviceOf: Uint32Array.from(kept) };
}

/**
 * Per position of `order`, the record's values of the key dimensions as one number (mixed radix over the
 * columns' value counts; past 2^53 values in all, a running id per distinct combination instead).
 */
function keyCombos(keys: readonly DictColumn[], order: Uint32Array): Float64Array {
  const combo = new Float64Array(order.length);
  let radix = 1;
  for (const key of keys) radix *= Math.max(1, key.values.length);
  if (radix <= Number.MAX_SAFE_INTEGER) {
    for (const key of keys) {
      const size = Math.max(1, key.values.length);
      const ids = key.ids;
      for (let k = 0; k < order.length; k++)
        combo[k] = (combo[k] as number) * size + (ids[order[k] as number] as number);
    }
    return combo;
  }
  const seen = new Map<string, number>();
  for (let k = 0; k < order.length; k++) {
    const text = keys.map((key) => key.ids[order[k] as number]).join(',');
    const id = seen.get(text) ?? seen.size;
    seen.set(text, id);
    combo[k] = id;
  }
  return combo;
}

/** Longest run sorted by insertion: a device's records are a handful, where it beats a general sort. */
const INSERTION_RUN = 24;

/**
 * Sorts each device's records in `order` (see byDevice's `bounds`) by key combination, then time, then row — moving
 * `combo` and `when` (aligned with `order`) along.
 */
function sortWithinDevices(order: Uint32Array, bounds: Uint32Array, combo: Float64Array, when: Float64Array) {
  const before = (a: number, b: number) =>
    (combo[a] as number) - (combo[b] as number) ||
    (when[a] as number) - (when[b] as number) ||
    (order[a] as number) - (order[b] as number);
  for (let d = 0; d + 1 < bounds.length; d++) {
    const lo = bounds[d] as number;
    const hi = bounds[d + 1] as number;
    if (hi - lo < 2) continue;
    if (hi - lo <= INSERTION_RUN) insertionSort(order, combo, when, lo, hi);
    else {
      const positions = Array.from({ length: hi - lo }, (_, j) => lo + j).sort(before);
      const o = positions.map((p) => order[p] as number);
      const cb = positions.map((p) => combo[p] as number);
      const w = positions.map((p) => when[p] as number);
      order.set(o, lo);
      combo.set(cb, lo);
      when.set(w, lo);
    }
  }
}

function insertionSort(order: Uint32Array, combo: Float64Array, when: Float64Array, lo: number, hi: number) {
  for (let j = lo + 1; j < hi; j++) {
    const o = order[j] as number;
    const cb = combo[j] as number;
    const w = when[j] as number;
    let k = j - 1;
    while (k >= lo) {
      const kc = combo[k] as number;
      const kw = when[k] as number;
      if (kc < cb || (kc === cb && (kw < w || (kw === w && (order[k] as number) < o)))) break;
      order[k + 1] = order[k] as number;
      combo[k + 1] = kc;
      when[k + 1] = kw;
      k--;
    }
    order[k + 1] = o;
    combo[k + 1] = cb;
    when[k + 1] = w;
  }
}

function latestTime(time: Float64Array | null): number {
  if (!time) return Number.NaN;
  let latest = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < time.length; i++) if ((time[i] as number) > latest) latest = time[i] as number;
  return latest === Number.NEGATIVE_INFINITY ? Number.NaN : latest;
}
