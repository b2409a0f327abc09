/** The generator's own table of the codes it emits and their outcome (independent of src/). */

import type { Outcome } from './types.ts';

/** The outcome of any integer code, straight from the SCOMO ranges. */
export function outcomeOf(code: number): Outcome {
  if (!Number.isInteger(code)) return 'unrecognized';
  if (code === 1200 || (code >= 1250 && code <= 1299)) return 'success';
  if (
    (code >= 1400 && code <= 1416) ||
    (code >= 1450 && code <= 1499) ||
    (code >= 1500 && code <= 1505) ||
    (code >= 1550 && code <= 1599)
  ) {
    return 'failure';
  }
  return 'unrecognized';
}

export interface CodeRow {
  code: number;
  outcome: Outcome;
  label: string;
}

const row = (code: number, label: string): CodeRow => ({ code, outcome: outcomeOf(code), label });

/** Every code the generator can emit (clean rows use all but the unrecognized ones; dirty rows add those). */
export const CODE_TABLE: readonly CodeRow[] = [
  row(1200, 'Successful'),
  row(1250, 'Vendor success'),
  row(1251, 'Vendor success'),
  row(1255, 'Vendor success'),
  row(1299, 'Vendor success'),
  row(1400, 'Client error'),
  row(1401, 'User cancelled'),
  row(1402, 'Download failed'),
  row(1403, 'Alternate download authentication failure'),
  row(1404, 'Download failed due to device out of memory'),
  row(1405, 'Install failed'),
  row(1406, 'Install failed due to device out of memory'),
  row(1407, 'Failed package validation'),
  row(1408, 'Remove failed'),
  row(1409, 'Activate failed'),
  row(1410, 'Deactivate failed'),
  row(1411, 'Not implemented'),
  row(1412, 'Undefined error'),
  row(1413, 'Operation rejected - unsupported environment'),
  row(1414, 'Corrupted package'),
  row(1415, 'Component not acceptable'),
  row(1416, 'Firmware update in progress'),
  row(1450, 'Vendor client error'),
  row(1451, 'Vendor client error'),
  row(1460, 'Vendor client error'),
  row(1475, 'Vendor client error'),
  row(1499, 'Vendor client error'),
  row(1500, 'Alternate download server error'),
  row(1501, 'Alternate download server unavailable'),
  row(1502, 'Alternate download server time-out'),
  row(1503, 'Alternate download bad URL'),
  row(1504, 'Alternate download network issues'),
  row(1505, 'Alternate download failed for unknown reason'),
  row(1550, 'Vendor download server error'),
  row(1551, 'Vendor download server error'),
  row(1560, 'Vendor download server error'),
  row(1599, 'Vendor download server error'),
  row(0, 'Unrecognized (dirty rows only)'),
  row(999, 'Unrecognized (dirty rows only)'),
  row(1201, 'Unrecognized (dirty rows only)'),
  row(1300, 'Unrecognized (dirty rows only)'),
  row(1417, 'Unrecognized (dirty rows only)'),
  row(1506, 'Unrecognized (dirty rows only)'),
];

/** Raw code values that dirty rows use and that must be rejected. */
export const REJECTED_RAW_CODES: readonly string[] = ['', 'ERR', 'n/a'];
/** Integer codes dirty rows use that are outside every SCOMO range. */
export const UNRECOGNIZED_DIRTY_CODES: readonly number[] = [1201, 1417, 1506, 999, 1300, 0];
