import { describe, expect, it } from 'vitest';
import {
  bucketWindow,
  fullRange,
  paramToZoom,
  timeWindowOf,
  type Zoomed,
  zoomIn,
  zoomOut,
  zoomStack,
  zoomToParam,
} from '../../src/app/time-zoom.ts';
import { hashToView, INITIAL_VIEW, viewToHash } from '../../src/app/view-state.ts';

const HOUR = 3_600_000;
const T0 = Date.UTC(2026, 9, 1);
const starts = [0, 1, 2, 3, 4, 5].map((i) => T0 + i * HOUR);

describe('bucketWindow', () => {
  it('covers the first bucket’s start to the last bucket’s end, in either drag direction', () => {
    expect(bucketWindow(starts, HOUR, 1, 3, null)).toEqual({ from: T0 + HOUR, to: T0 + 4 * HOUR });
    expect(bucketWindow(starts, HOUR, 3, 1, null)).toEqual({ from: T0 + HOUR, to: T0 + 4 * HOUR });
    expect(bucketWindow(starts, HOUR, 2, 2, null)).toEqual({ from: T0 + 2 * HOUR, to: T0 + 3 * HOUR });
  });

  it('never widens the current window: the grid’s first and last buckets may stick out of it', () => {
    const within = { from: T0 + 30 * 60_000, to: T0 + 5 * HOUR + 10 * 60_000 };
    expect(bucketWindow(starts, HOUR, 0, 5, within)).toEqual(within);
    expect(bucketWindow(starts, HOUR, 0, 1, within)).toEqual({ from: within.from, to: T0 + 2 * HOUR });
  });

  it('is null for an index outside the series', () => {
    expect(bucketWindow(starts, HOUR, -1, 2, null)).toBeNull();
    expect(bucketWindow(starts, HOUR, 2, 6, null)).toBeNull();
  });
});

describe('the zoom stack', () => {
  const start: Zoomed = { filter: { codes: [1404] }, zoom: [] };
  const day = { from: T0, to: T0 + 24 * HOUR };
  const hours = { from: T0 + 2 * HOUR, to: T0 + 5 * HOUR };

  it('zooming in keeps the other filters and remembers each window it leaves', () => {
    const once = zoomIn(start, day);
    expect(once).toEqual({ filter: { codes: [1404], timeFrom: day.from, timeTo: day.to }, zoom: [null] });
    const twice = zoomIn(once, hours);
    expect(timeWindowOf(twice.filter)).toEqual(hours);
    expect(twice.zoom).toEqual([null, day]);
    expect(zoomIn(twice, hours), 'the same window again is no step').toBe(twice);
  });

  it('zoom out steps back one level at a time, then to the full range', () => {
    const deep = zoomIn(zoomIn(start, day), hours);
    const back = zoomOut(deep);
    expect(timeWindowOf(back.filter)).toEqual(day);
    expect(back.zoom).toEqual([null]);
    const full = zoomOut(back);
    expect(full).toEqual({ filter: { codes: [1404] }, zoom: [] });
  });

  it('without a stack (a link, a bucket kept from elsewhere) zoom out is the full range', () => {
    const linked: Zoomed = { filter: { timeFrom: hours.from, timeTo: hours.to }, zoom: [] };
    expect(zoomOut(linked)).toEqual({ filter: {}, zoom: [] });
    expect(fullRange(zoomIn(zoomIn(start, day), hours))).toEqual({ filter: { codes: [1404] }, zoom: [] });
  });

  it('a stack left behind by a removed time chip is no stack', () => {
    const stale: Zoomed = { filter: {}, zoom: [null, day] };
    expect(zoomStack(stale)).toEqual([]);
    expect(zoomIn(stale, hours).zoom).toEqual([null]);
  });

  it('round-trips through the URL and drops a stack it cannot read', () => {
    const zoom = [null, day, hours];
    expect(paramToZoom(zoomToParam(zoom))).toEqual(zoom);
    expect(zoomToParam([])).toBeNull();
    expect(paramToZoom('all,2026-10-01T00:00:00.000Z/nope')).toEqual([]);
    expect(paramToZoom('2026-10-02T00:00:00.000Z/2026-10-01T00:00:00.000Z')).toEqual([]);
    const view = { ...INITIAL_VIEW, ...zoomIn(zoomIn(start, day), hours) };
    expect(hashToView(viewToHash(view))).toEqual(view);
    // without its time filter the URL keeps no stack
    expect(viewToHash({ ...view, filter: { codes: [1404] } })).not.toContain('zoom');
    expect(hashToView('#zoom=all').zoom).toEqual([]);
  });
});
