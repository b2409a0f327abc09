/**
 * Zooming the time filter: a brush (or a bucket) narrows the window and remembers the one it left, "Zoom
 * out" steps back to it, "Full range" drops the window. The remembered windows (the zoom stack) live in
 * the view, so the URL holds them and Back, Forward and a shared link restore them with the filter.
 */
import { isoTime } from '../dataset/iso-time.ts';
import type { Filter } from '../dataset/query-types.ts';
import { withField } from './filter-sides.ts';

/** A half-open time window [from, to) in epoch ms, as the core's time filter reads it. */
export interface TimeWindow {
  from: number;
  to: number;
}

/** A window zoom out returns to; null stands for the full range (no time filter). */
export type ZoomStep = TimeWindow | null;

/** The part of the view zooming reads and writes. */
export interface Zoomed {
  filter: Filter;
  /** The windows left by zooming in, oldest first; meaningful only while the filter has a time window. */
  zoom: readonly ZoomStep[];
}

/** The filter's time window, or null when it has none (or only one end). */
export function timeWindowOf(filter: Filter): TimeWindow | null {
  const { timeFrom, timeTo } = filter;
  return timeFrom === undefined || timeTo === undefined ? null : { from: timeFrom, to: timeTo };
}

/** The zoom stack as it stands: a stack left over from a time filter since removed is no stack. */
export function zoomStack(view: Zoomed): readonly ZoomStep[] {
  return timeWindowOf(view.filter) === null ? [] : view.zoom;
}

function withWindow(filter: Filter, window: TimeWindow | null): Filter {
  const rest = withField(withField(filter, 'timeFrom', undefined), 'timeTo', undefined);
  return window === null ? rest : { ...rest, timeFrom: window.from, timeTo: window.to };
}

/**
 * The window that buckets `a` to `b` (either order, both included) of a series cover: from the first's
 * start to the last's end, cut to `within` (the current window: a bucket may start before it). Null when
 * an index is out of the series or nothing is left.
 */
export function bucketWindow(
  starts: readonly number[],
  bucketMs: number,
  a: number,
  b: number,
  within: TimeWindow | null,
): TimeWindow | null {
  const first = starts[Math.min(a, b)];
  const last = starts[Math.max(a, b)];
  if (first === undefined || last === undefined || Math.min(a, b) < 0) return null;
  const from = Math.max(first, within?.from ?? first);
  const to = Math.min(last + bucketMs, within?.to ?? last + bucketMs);
  return from < to ? { from, to } : null;
}

/** The filter narrowed to `window`, the window it leaves pushed on the stack (the same window: no step). */
export function zoomIn(view: Zoomed, window: TimeWindow): Zoomed {
  const current = timeWindowOf(view.filter);
  if (current !== null && current.from === window.from && current.to === window.to) return view;
  return { filter: withWindow(view.filter, window), zoom: [...zoomStack(view), current] };
}

/** One zoom level back: the last window left, or the full range when no zoom-in led here (a link, a chip). */
export function zoomOut(view: Zoomed): Zoomed {
  const stack = zoomStack(view);
  const previous = stack.at(-1);
  if (previous === undefined) return fullRange(view);
  return { filter: withWindow(view.filter, previous), zoom: stack.slice(0, -1) };
}

/** No time window and no stack: every time the data has. */
export function fullRange(view: Zoomed): Zoomed {
  return { filter: withWindow(view.filter, null), zoom: [] };
}

/** The stack as the URL writes it: `all` for the full range, else ISO `from/to` intervals, comma-separated. */
export function zoomToParam(zoom: readonly ZoomStep[]): string | null {
  if (zoom.length === 0) return null;
  return zoom.map((w) => (w === null ? 'all' : `${isoTime(w.from)}/${isoTime(w.to)}`)).join(',');
}

/** The stack read back from the URL; an entry that does not read as a window drops the whole stack. */
export function paramToZoom(text: string | null): ZoomStep[] {
  if (text === null || text === '') return [];
  const steps: ZoomStep[] = [];
  for (const part of text.split(',')) {
    if (part === 'all') {
      steps.push(null);
      continue;
    }
    const [from, to, extra] = part.split('/').map((t) => Date.parse(t));
    if (extra !== undefined || from === undefined || to === undefined) return [];
    if (!Number.isFinite(from) || !Number.isFinite(to) || from >= to) return [];
    steps.push({ from, to });
  }
  return steps;
}
