import type { ResultInfo } from '../catalog/result.ts';
import {
  type CodeTable,
  compareText,
  type DatasetColumns,
  OUTCOME_FAILURE,
  OUTCOME_SUCCESS,
} from './dataset-columns.ts';
import type { DeviceRow, Selection } from './query-types.ts';

/** The devices listed, and their ids in the device column (what judging them takes). */
export interface ListedRows {
  rows: DeviceRow[];
  ids: number[];
}

/**
 * The devices a dashboard lists: the `limit` with the most failures, then the most attempts, then by id
 * (code-unit order). A device without attempts, or with the empty id (rows without a device), is never
 * listed. Only the listed devices' details are gathered, so a fleet of 200k devices costs a scan or two,
 * not a sort of all of them.
 */

/** [devices, failing devices] among `touched` from per-device flags (bit 1 seen, bit 2 failed, shifted by `shift`). */
export function countDevices(
  values: readonly string[],
  flags: Uint8Array,
  shift: number,
  touched: Int32Array,
  touchedCount: number,
): [number, number] {
  const seen = 1 << shift;
  const failed = 2 << shift;
  let devices = 0;
  let failing = 0;
  for (let k = 0; k < touchedCount; k++) {
    const d = touched[k] as number;
    const f = flags[d] as number;
    if (f === 0 || values[d] === '') continue; // rows without a device id are not a device
    if (f & seen) devices++;
    if (f & failed) failing++;
  }
  return [devices, failing];
}

/**
 * The listed devices from the failures per device alone: when at least `limit` devices failed, only those
 * with as many failures as the `limit`-th most failing one can be listed, and only their attempts are
 * needed, so the fleet's attempts are never counted.
 */
export function devicesFromFailures(
  c: DatasetColumns,
  codes: CodeTable,
  sel: Selection,
  failures: Float64Array,
  touched: Int32Array,
  touchedCount: number,
  limit: number,
): ListedRows {
  const device = c.device;
  if (!device || limit <= 0) return { rows: [], ids: [] };
  const values = device.values;
  // the `limit` largest failure counts, descending
  const best: number[] = [];
  for (let k = 0; k < touchedCount; k++) {
    const d = touched[k] as number;
    const f = failures[d] as number;
    if (f === 0 || (best.length === limit && f <= (best[limit - 1] as number)) || values[d] === '') continue;
    let at = best.length < limit ? best.length : limit - 1;
    if (best.length < limit) best.push(f);
    while (at > 0 && f > (best[at - 1] as number)) {
      best[at] = best[at - 1] as number;
      at--;
    }
    best[at] = f;
  }
  // Fewer failing devices than rows to list: devices without failures are listed too, by attempts.
  if (best.length < limit) return topDevices(c, codes, sel, limit);
  const threshold = best[limit - 1] as number;
  const candidates: number[] = [];
  for (let k = 0; k < touchedCount; k++) {
    const d = touched[k] as number;
    if ((failures[d] as number) >= threshold && values[d] !== '') candidates.push(d);
  }
  return deviceRows(
    c,
    codes,
    sel,
    candidates.sort((a, b) => a - b),
    failures,
    limit,
  );
}

/** The listed devices when attempts decide too: one scan counts attempts and failures for every device. */
function topDevices(c: DatasetColumns, codes: CodeTable, sel: Selection, limit: number): ListedRows {
  const device = c.device;
  if (!device || limit <= 0) return { rows: [], ids: [] };
  const size = device.values.length;
  const attempts = new Float64Array(size);
  const failures = new Float64Array(size);
  const { codeIds, count } = c;
  const outcomeOfCode = codes.outcomeOfCode;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const d = device.ids[i] as number;
    const w = count ? (count[i] as number) : 1;
    attempts[d] = (attempts[d] as number) + w;
    if (outcomeOfCode[codeIds[i] as number] === OUTCOME_FAILURE) failures[d] = (failures[d] as number) + w;
  }
  const before = (a: number, b: number) =>
    (failures[b] as number) - (failures[a] as number) ||
    (attempts[b] as number) - (attempts[a] as number) ||
    compareText(device.values[a] as string, device.values[b] as string);
  const top: number[] = [];
  for (let d = 0; d < size; d++) {
    if ((attempts[d] as number) === 0 || device.values[d] === '') continue;
    insertTopK(top, limit, d, before);
  }
  return deviceRows(c, codes, sel, top, failures, limit);
}

/** Per candidate slot, what one scan of the selection gathers. */
interface CandidateDetails {
  attempts: Float64Array;
  successes: Float64Array;
  first: Float64Array;
  last: Float64Array;
  /** The time-order key of the row that gave `lastCodeId`: its time, +∞ for a row without one. */
  lastOrder: Float64Array;
  lastCodeId: Int32Array;
}

/**
 * The `limit` of the `candidates` devices with the most failures, then attempts, then by id, with their
 * details from one scan of the selection.
 */
function deviceRows(
  c: DatasetColumns,
  codes: CodeTable,
  sel: Selection,
  candidates: number[],
  failures: Float64Array,
  limit: number,
): ListedRows {
  const device = c.device;
  if (!device || candidates.length === 0 || limit <= 0) return { rows: [], ids: [] };
  const details = scanCandidates(c, codes.outcomeOfCode, sel, candidates);
  const { attempts, successes, first, last, lastCodeId } = details;
  const values = device.values;
  const before = (a: number, b: number) =>
    (failures[candidates[b] as number] as number) - (failures[candidates[a] as number] as number) ||
    (attempts[b] as number) - (attempts[a] as number) ||
    compareText(values[candidates[a] as number] as string, values[candidates[b] as number] as string);
  const top: number[] = [];
  for (let s = 0; s < candidates.length; s++) {
    if ((attempts[s] as number) === 0 || values[candidates[s] as number] === '') continue;
    insertTopK(top, limit, s, before);
  }
  const timed = c.time !== null;
  const ids = top.map((s) => candidates[s] as number);
  const rows = top.map((s) => {
    const d = candidates[s] as number;
    const info = codes.info[lastCodeId[s] as number] as ResultInfo;
    return {
      device: values[d] as string,
      attempts: attempts[s] as number,
      failures: failures[d] as number,
      successes: successes[s] as number,
      firstTime: timed && Number.isFinite(first[s]) ? (first[s] as number) : null,
      lastTime: timed && Number.isFinite(last[s]) ? (last[s] as number) : null,
      lastCode: info.label,
      lastOutcome: info.outcome,
    };
  });
  return { rows, ids };
}

/**
 * One scan of the selection for the candidate devices (slot k is `candidates[k]`). A byte per device says
 * whether it is a candidate (small enough to stay in cache while the rows are scanned); only a
 * candidate's rows look up its slot.
 */
function scanCandidates(
  c: DatasetColumns,
  outcomeOfCode: Uint8Array,
  sel: Selection,
  candidates: readonly number[],
): CandidateDetails {
  const device = c.device;
  const m = candidates.length;
  const out: CandidateDetails = {
    attempts: new Float64Array(m),
    successes: new Float64Array(m),
    first: new Float64Array(m).fill(Number.POSITIVE_INFINITY),
    last: new Float64Array(m).fill(Number.NEGATIVE_INFINITY),
    lastOrder: new Float64Array(m).fill(Number.NEGATIVE_INFINITY),
    lastCodeId: new Int32Array(m),
  };
  if (!device) return out;
  const isCandidate = new Uint8Array(device.values.length);
  const slot = new Int32Array(device.values.length);
  candidates.forEach((d, k) => {
    isCandidate[d] = 1;
    slot[d] = k;
  });
  const { codeIds, count, time } = c;
  const { attempts, successes, first, last, lastOrder, lastCodeId } = out;
  const rows = sel.rows;
  const n = rows ? rows.length : c.rowCount;
  const deviceIds = device.ids;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const d = deviceIds[i] as number;
    if (isCandidate[d] === 0) continue;
    const s = slot[d] as number;
    const t = time ? (time[i] as number) : Number.NaN;
    const codeId = codeIds[i] as number;
    const w = count ? (count[i] as number) : 1;
    attempts[s] = (attempts[s] as number) + w;
    if (outcomeOfCode[codeId] === OUTCOME_SUCCESS) successes[s] = (successes[s] as number) + w;
    // first and last times are of timed rows only; the last result is the last in a device's history,
    // where rows without a time come after the timed ones, in row order (rows are scanned ascending)
    if (!Number.isNaN(t)) {
      if (t < (first[s] as number)) first[s] = t;
      if (t > (last[s] as number)) last[s] = t;
    }
    const order = Number.isNaN(t) ? Number.POSITIVE_INFINITY : t;
    if (order >= (lastOrder[s] as number)) {
      lastOrder[s] = order;
      lastCodeId[s] = codeId;
    }
  }
  return out;
}

/**
 * Keeps `top` the first `limit` items in `before` order, given one more item: an insertion into a short
 * sorted list (limit is a screenful, not the fleet).
 */
function insertTopK(
  top: number[],
  limit: number,
  item: number,
  before: (a: number, b: number) => number,
): void {
  if (top.length === limit && before(item, top[limit - 1] as number) >= 0) return;
  let at = Math.min(top.length, limit - 1);
  if (top.length < limit) top.push(item);
  while (at > 0 && before(item, top[at - 1] as number) < 0) {
    top[at] = top[at - 1] as number;
    at--;
  }
  top[at] = item;
}
