import { OUTCOME_FAILURE } from './dataset-columns.ts';
import type { IdArray } from './growable-columns.ts';

/** [devices, failing devices] of a selection and of its part. */
export interface DeviceSums {
  all: [number, number];
  part: [number, number];
}

/**
 * The sums of an aggregate's distinct-devices column over a selection's rows, and over the rows of its
 * failures; the same for the part (rows whose result id has `partMask` 1). Each row's figure is exact for
 * its row, but one device can stand in many rows (other days, codes or servers), so the sums are upper
 * bounds of the distinct devices — which the aggregate no longer says.
 */
export function deviceCountSums(
  deviceCounts: Uint32Array,
  codeIds: IdArray,
  outcomeOfCode: Uint8Array,
  rows: Uint32Array | null,
  n: number,
  partMask: Uint8Array | null,
): DeviceSums {
  let all = 0;
  let failing = 0;
  let partAll = 0;
  let partFailing = 0;
  for (let k = 0; k < n; k++) {
    const i = rows ? (rows[k] as number) : k;
    const devices = deviceCounts[i] as number;
    if (devices === 0) continue;
    const id = codeIds[i] as number;
    const failed = outcomeOfCode[id] === OUTCOME_FAILURE;
    all += devices;
    if (failed) failing += devices;
    if (partMask !== null && partMask[id] === 1) {
      partAll += devices;
      if (failed) partFailing += devices;
    }
  }
  return { all: [all, failing], part: [partAll, partFailing] };
}

/** Distinct device ids counted exactly, plus an aggregate's sums: null when the data has neither. */
export function addDeviceFigures(
  exact: [number, number] | null,
  sums: [number, number] | null,
): [number, number] | null {
  if (sums === null) return exact;
  if (exact === null) return sums;
  return [exact[0] + sums[0], exact[1] + sums[1]];
}
