/** Windows of the table's rows and a device's history, each event with what the catalog says of its code. */
import { describe, expect, it } from 'vitest';
import { deviceHistory, rowsWindow } from '../../src/views/rows.ts';
import { build, HOUR, type Row, T0 } from '../support/random-dataset.ts';

const row = (code: number, hour: number, device: string, count = 1): Row => ({
  code,
  time: T0 + hour * HOUR,
  device,
  count,
  model: 'Orca',
  server: 'dl1',
});

describe('rowsWindow', () => {
  const rows = Array.from({ length: 2100 }, (_, i) => row(i % 2 === 0 ? 1200 : 1404, i, `d${i}`));
  const ds = build(rows, { time: true, device: true, count: false });
  const order = Uint32Array.from({ length: ds.rowCount }, (_, i) => ds.rowCount - 1 - i);
  const query = { filter: {}, search: '', sort: null };

  it('gives the rows of the window in the given order, with the catalog’s words for each code', () => {
    const window = rowsWindow(ds, { ...query, offset: 1, limit: 2 }, order);
    expect(window).toMatchObject({ offset: 1, total: 2100 });
    expect(window.rows).toEqual([
      expect.objectContaining({ index: 1, row: 2098, code: 1200, outcome: 'success', category: 'success' }),
      expect.objectContaining({
        index: 2,
        row: 2097,
        code: 1404,
        name: 'Download Failed Due to Device being Out of Memory',
        outcome: 'failure',
        stage: 'download',
        cause: 'device',
      }),
    ]);
  });

  it('holds at most 2000 rows and clamps an offset past the end', () => {
    expect(rowsWindow(ds, { ...query, offset: 50, limit: 10_000 }, order).rows).toHaveLength(2000);
    expect(rowsWindow(ds, { ...query, offset: 5000, limit: 10 }, order)).toEqual({
      offset: 2100,
      total: 2100,
      rows: [],
    });
    expect(rowsWindow(ds, { ...query, offset: -3, limit: 1 }, order).offset).toBe(0);
  });
});

describe('deviceHistory', () => {
  const ds = build(
    [row(1404, 0, 'a', 2), row(1200, 1, 'a', 3), row(1200, 0, 'b'), row(1505, 2, 'b'), row(9999, 3, 'b')],
    { time: true, device: true, count: true },
  );

  it('counts failures and successes with their counts, and gives the device its verdict', () => {
    expect(deviceHistory(ds, 'a')).toMatchObject({
      failures: 2,
      successes: 3,
      verdict: { verdict: 'succeeded_after_failures', failures: 2, retry: false },
    });
    const b = deviceHistory(ds, 'b');
    // its last decided attempt (1505) failed after a success; the unrecognized 9999 decides nothing
    expect(b).toMatchObject({ failures: 1, successes: 1, verdict: { verdict: 'regression', retry: true } });
    expect(b.events.map((e) => [e.index, e.code, e.outcome])).toEqual([
      [0, 1200, 'success'],
      [1, 1505, 'failure'],
      [2, 9999, 'unrecognized'],
    ]);
    expect(deviceHistory(ds, 'nobody')).toMatchObject({ events: [], verdict: null });
  });
});
