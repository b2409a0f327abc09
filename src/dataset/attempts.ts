import { comboArray, type Records, sortGroups } from './attempt-records.ts';
import type { CodeTable, DatasetColumns, DictColumn } from './dataset-columns.ts';
import type { IdArray } from './growable-columns.ts';
import type { AttemptSequences, ListedDevices, Selection } from './query-types.ts';

/**
 * The selection's records grouped into sequences — one per device and value of each key dimension (the
 * component, the operation) — each in time order: what a verdict on "did this device end up updated" is
 * judged from. Rows without a device id are no device's; rows without a time come after the timed ones,
 * in row order, as in a device's history. A counting sort by device whose second pass puts each record's
 * figures (key combination, time, outcome, weight) straight into its place, reading the columns in row
 * order, then a small stable sort per device: no sort of the whole selection, no gather of the columns at
 * random, and few bytes per record (fresh memory is the dearest part of a pass over a million records).
 */
export function attemptSequences(
  c: DatasetColumns,
  codes: CodeTable,
  sel: Selection,
  keyNames: readonly string[],
  onlyDevices: ListedDevices | null,
  latest: number,
): AttemptSequences | null {
  const device = c.device;
  if (!device) return null;
  const keys = keyNames.flatMap((name) => {
    const column = c.dimensions.find((d) => d.name === name);
    return column ? [column] : [];
  });
  const listed =
    onlyDevices && ('ids' in onlyDevices ? onlyDevices.ids : idsNamed(c, device, sel, onlyDevices.names));
  const groups = listed ? listedDeviceGroups(c, device, sel, listed) : deviceGroups(c, device, sel);
  const radix = keys.reduce((r, k) => r * Math.max(1, k.values.length), 1);
  const exact = radix <= Number.MAX_SAFE_INTEGER;
  const r = placeRecords(c, codes, sel, groups, exact ? keys : [], exact ? radix : 1, !exact);
  // past 2^53 key combinations: a running id per distinct combination, in the grouped order
  if (!exact) r.combo = comboIds(keys, r.order as Uint32Array);
  // a time of +∞ (never read from a file) reads as unknown in `when`: its rows' times are read again below
  if (r.infinite && !r.order) r.order = placeRecords(c, codes, sel, groups, [], 1, true).order;
  const count = sortGroups(r, groups.bounds);
  const { starts, devices, keyIds } = sequencesOf(r, groups, keys, exact, count);
  // a time of +∞ reads as unknown (NaN) in the times sortGroups made of `when`: read them again
  if (r.infinite && r.order && c.time)
    for (let k = 0; k < r.when.length; k++) r.when[k] = c.time[r.order[k] as number] as number;
  return {
    keys: keys.map((k) => k.name),
    device: devices,
    deviceNames: device.values,
    keyIds,
    keyValues: keys.map((k) => k.values),
    start: starts,
    outcome: r.outcome,
    time: r.when,
    weight: r.weight,
    latest,
  };
}

/**
 * The selection's rows grouped by device: group g has `bounds[g + 1] − bounds[g]` rows and is device
 * `deviceOf[g]` (device g when null); `groupOf` is each device id's group, −1 for a device not judged.
 */
interface DeviceGroups {
  groupOf: Int32Array;
  /** When given, a bit per device id: set for a device judged (its group is read only then). */
  member: Uint32Array | null;
  bounds: Uint32Array;
  deviceOf: Uint32Array | null;
}

/** Every device id of the selection but the empty one (rows without a device): group d is device d. */
function deviceGroups(c: DatasetColumns, device: DictColumn, sel: Selection): DeviceGroups {
  const nDevices = device.values.length;
  const groupOf = new Int32Array(nDevices);
  for (let d = 0; d < nDevices; d++) groupOf[d] = device.values[d] === '' ? -1 : d;
  const groups: DeviceGroups = { groupOf, member: null, bounds: new Uint32Array(0), deviceOf: null };
  groups.bounds = groupSizes(c, device, sel, groups, nDevices);
  return groups;
}

/**
 * The device ids of `names`, ascending (the empty name is no device's). The names are looked up once per
 * device id: over the dictionary when the selection has more rows than it has values, else for each device
 * id the selection meets (a list of a few devices then costs a pass over a small selection, not a lookup
 * per device of the dataset).
 */
function idsNamed(
  c: DatasetColumns,
  device: DictColumn,
  sel: Selection,
  onlyNames: readonly string[],
): number[] {
  const names = new Set(onlyNames);
  names.delete('');
  const values = device.values;
  const ids = device.ids;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  const listed: number[] = [];
  if (n >= values.length) {
    for (let d = 0; d < values.length; d++) if (names.has(values[d] as string)) listed.push(d);
    return listed;
  }
  // per device id: 0 not looked up, -1 not listed, 1 listed
  const seen = new Int8Array(values.length);
  for (let k = 0; k < n; k++) {
    const d = ids[rows ? (rows[k] as number) : k] as number;
    if (seen[d] !== 0) continue;
    seen[d] = names.has(values[d] as string) ? 1 : -1;
    if (seen[d] === 1) listed.push(d);
  }
  return listed.sort((a, b) => a - b);
}

/**
 * The devices `listedIds` (device ids, any order, repeats allowed), one group each, in order of device id (a
 * listed device without rows in the selection has an empty group).
 */
function listedDeviceGroups(
  c: DatasetColumns,
  device: DictColumn,
  sel: Selection,
  listedIds: readonly number[],
): DeviceGroups {
  const values = device.values;
  const listed = [...new Set(listedIds)]
    .filter((d) => Number.isInteger(d) && d >= 0 && d < values.length && values[d] !== '')
    .sort((a, b) => a - b);
  const groupOf = new Int32Array(values.length);
  groupOf.fill(-1);
  // the listed ids as bits too: the passes over the rows test a bit (the bits of 200k devices fit a
  // processor's nearest cache, their groups do not) and read a group only for a listed device's row
  const member = new Uint32Array((values.length + 31) >>> 5);
  listed.forEach((d, g) => {
    groupOf[d] = g;
    member[d >>> 5] = (member[d >>> 5] as number) | (1 << (d & 31));
  });
  const groups: DeviceGroups = {
    groupOf,
    member,
    bounds: new Uint32Array(0),
    deviceOf: Uint32Array.from(listed),
  };
  groups.bounds = groupSizes(c, device, sel, groups, listed.length);
  return groups;
}

/** Where each group starts among the selection's grouped rows (one past the last: the end). */
function groupSizes(
  c: DatasetColumns,
  device: DictColumn,
  sel: Selection,
  groups: DeviceGroups,
  nGroups: number,
): Uint32Array {
  const { groupOf, member } = groups;
  const ids = device.ids;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  const bounds = new Uint32Array(nGroups + 1);
  for (let k = 0; k < n; k++) {
    const d = ids[rows ? (rows[k] as number) : k] as number;
    if (member && (((member[d >>> 5] as number) >>> (d & 31)) & 1) === 0) continue;
    const g = groupOf[d] as number;
    if (g >= 0) bounds[g + 1] = (bounds[g + 1] as number) + 1;
  }
  for (let g = 0; g < nGroups; g++) bounds[g + 1] = (bounds[g + 1] as number) + (bounds[g] as number);
  return bounds;
}

/**
 * The counting sort's second pass: each selected row of a judged device goes to its group's next place,
 * with its figures, rows ascending within a group. `keys` empty: every combination is 0 (the caller
 * numbers them); `radix`: how many combinations there can be.
 */
function placeRecords(
  c: DatasetColumns,
  codes: CodeTable,
  sel: Selection,
  groups: DeviceGroups,
  keys: readonly DictColumn[],
  radix: number,
  withOrder: boolean,
): Records {
  const { groupOf, member, bounds } = groups;
  const n = bounds[bounds.length - 1] as number;
  const { codeIds, time, count } = c;
  const r: Records = {
    combo: comboArray(radix, n),
    when: new Float64Array(n),
    outcome: new Uint8Array(n),
    weight: count ? new Uint32Array(n) : null,
    order: withOrder ? new Uint32Array(n) : null,
    infinite: false,
  };
  const { order, combo, when, outcome, weight } = r;
  const next = bounds.slice(0, bounds.length - 1);
  const deviceIds = (c.device as DictColumn).ids;
  const outcomeOfCode = codes.outcomeOfCode;
  const keyIds = keys.map((k) => k.ids);
  const sizes = keys.map((k) => Math.max(1, k.values.length));
  const nKeys = keys.length;
  const rows = sel.rows;
  const selected = rows ? rows.length : c.rowCount;
  let infinite = false;
  for (let k = 0; k < selected; k++) {
    const i = rows ? (rows[k] as number) : k;
    const d = deviceIds[i] as number;
    if (member && (((member[d >>> 5] as number) >>> (d & 31)) & 1) === 0) continue;
    const g = groupOf[d] as number;
    if (g < 0) continue;
    const p = next[g] as number;
    next[g] = p + 1;
    let cb = 0;
    for (let j = 0; j < nKeys; j++)
      cb = cb * (sizes[j] as number) + ((keyIds[j] as DictColumn['ids'])[i] as number);
    combo[p] = cb;
    const t = time ? (time[i] as number) : Number.NaN;
    if (t === Number.POSITIVE_INFINITY) infinite = true;
    when[p] = Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
    outcome[p] = outcomeOfCode[codeIds[i] as number] as number;
    if (weight) weight[p] = (count as Uint32Array)[i] as number;
    if (order) order[p] = i;
  }
  r.infinite = infinite;
  return r;
}

/** A running id per distinct combination of the key values, numbered in `order`'s order. */
function comboIds(keys: readonly DictColumn[], order: Uint32Array): Uint32Array {
  const combo = new Uint32Array(order.length);
  const seen = new Map<string, number>();
  for (let k = 0; k < order.length; k++) {
    const text = keys.map((key) => key.ids[order[k] as number]).join(',');
    const id = seen.get(text) ?? seen.size;
    seen.set(text, id);
    combo[k] = id;
  }
  return combo;
}

/**
 * Where each of the `count` sequences starts (one past the last: the end), its device and its key value
 * ids: a new sequence at each group's first record and wherever the key combination changes. The ids are
 * read back from the combination (exact integers), or, past 2^53 combinations, from the first record's row.
 */
function sequencesOf(
  r: Records,
  groups: DeviceGroups,
  keys: readonly DictColumn[],
  exact: boolean,
  count: number,
) {
  const { bounds, deviceOf } = groups;
  const { combo, order } = r;
  const starts = new Uint32Array(count + 1);
  const devices = new Uint32Array(count);
  const keyIds = keys.map((k) => idsLike(k.ids, count));
  const sizes = keys.map((k) => Math.max(1, k.values.length));
  const nKeys = keys.length;
  let s = 0;
  for (let g = 0; g + 1 < bounds.length; g++) {
    const lo = bounds[g] as number;
    const hi = bounds[g + 1] as number;
    const d = deviceOf ? (deviceOf[g] as number) : g;
    for (let k = lo; k < hi; k++) {
      if (k > lo && combo[k - 1] === combo[k]) continue;
      starts[s] = k;
      devices[s] = d;
      let rest = combo[k] as number;
      for (let j = nKeys - 1; j >= 0; j--) {
        const ids = keyIds[j] as IdArray;
        if (!exact) ids[s] = (keys[j] as DictColumn).ids[(order as Uint32Array)[k] as number] as number;
        else {
          const id = rest % (sizes[j] as number);
          ids[s] = id;
          rest = (rest - id) / (sizes[j] as number);
        }
      }
      s++;
    }
  }
  starts[count] = combo.length;
  return { starts, devices, keyIds };
}

/** An id array like `like` (as wide), of `n` ids. */
function idsLike(like: IdArray, n: number): IdArray {
  if (like instanceof Uint8Array) return new Uint8Array(n);
  return like instanceof Uint16Array ? new Uint16Array(n) : new Uint32Array(n);
}

/** Sequence `s`'s value of each key dimension. */
export function sequenceKey(seq: AttemptSequences, s: number): string[] {
  return seq.keyValues.map((values, k) => values[seq.keyIds[k]?.[s] as number] as string);
}
