/**
 * The time chart's brush: drag (mouse, pen or finger) across buckets to keep that range, click one bucket
 * to keep it; by keyboard, the buckets are one roving group (focusable-bar.tsx) where Shift with an arrow
 * extends the range and Enter keeps it. The range being chosen lives in a small store, so a drag redraws
 * the highlight, not the chart.
 */
import type { PointerEvent } from 'react';
import { memo, useCallback, useRef, useState, useSyncExternalStore } from 'react';
import type { PlotArea } from './chart-frame.tsx';
import { bucketAt, column } from './chart-frame.tsx';
import type { RovingFocus } from './focusable-bar.tsx';
import { FocusStop } from './focusable-bar.tsx';

/** The buckets being chosen, by index in the series: `a` where the drag began, `b` where it is now. */
export interface BrushRange {
  a: number;
  b: number;
}

export interface BrushStore {
  get(): BrushRange | null;
  set(range: BrushRange | null): void;
  subscribe(listener: () => void): () => void;
}

function createBrushStore(): BrushStore {
  let range: BrushRange | null = null;
  const listeners = new Set<() => void>();
  return {
    get: () => range,
    set(next) {
      if (next === range || (next !== null && range !== null && next.a === range.a && next.b === range.b))
        return;
      range = next;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

export function useBrushStore(): BrushStore {
  return useState(createBrushStore)[0];
}

export function useBrushRange(store: BrushStore): BrushRange | null {
  return useSyncExternalStore(store.subscribe, store.get, store.get);
}

/**
 * The layer over the plot area that takes the pointer: a press picks a bucket, a move extends the range,
 * the release keeps it (`onCommit`, buckets in either order). Mouse, pen and touch alike (pointer events);
 * a vertical swipe still scrolls the page (touch-action: pan-y in the stylesheet) and cancels the drag.
 * Drawn last, above everything the chart draws: the brush takes every press on the plot.
 */
export function BrushLayer({
  count,
  plot,
  store,
  onCommit,
}: {
  count: number;
  plot: PlotArea;
  store: BrushStore;
  onCommit(a: number, b: number): void;
}) {
  const range = useBrushRange(store);
  const anchor = useRef<number | null>(null);
  const indexAt = useCallback(
    (e: PointerEvent<SVGRectElement>) => {
      const svg = e.currentTarget.ownerSVGElement;
      if (svg === null || count === 0) return null;
      return bucketAt(plot, count, e.clientX - svg.getBoundingClientRect().left);
    },
    [plot, count],
  );
  if (count === 0) return null;
  const lo = range === null ? 0 : Math.min(range.a, range.b);
  const hi = range === null ? 0 : Math.max(range.a, range.b);
  const from = column(plot, count, lo);
  const to = column(plot, count, hi);
  return (
    <g className="time-brush">
      {range !== null && (
        <rect
          className="time-brush-range"
          x={from.x}
          y={plot.y}
          width={to.x + to.width - from.x}
          height={plot.height}
        />
      )}
      <rect
        className="time-brush-surface"
        x={plot.x}
        y={plot.y}
        width={plot.width}
        height={plot.height}
        fill="transparent"
        onPointerDown={(e) => {
          const index = indexAt(e);
          if (index === null || (e.pointerType === 'mouse' && e.button !== 0)) return;
          e.currentTarget.setPointerCapture(e.pointerId);
          anchor.current = index;
          store.set({ a: index, b: index });
        }}
        onPointerMove={(e) => {
          const index = indexAt(e);
          if (anchor.current !== null && index !== null) store.set({ a: anchor.current, b: index });
        }}
        onPointerUp={(e) => {
          const index = indexAt(e);
          const start = anchor.current;
          anchor.current = null;
          store.set(null);
          if (start !== null && index !== null) onCommit(start, index);
        }}
        onPointerCancel={() => {
          anchor.current = null;
          store.set(null);
        }}
      />
    </g>
  );
}

/** One focus stop per bucket with operations (`stops`: their indices), a column over the plot area. */
export const BucketStops = memo(function BucketStops({
  count,
  plot,
  stops,
  label,
  roving,
}: {
  count: number;
  plot: PlotArea;
  stops: readonly number[];
  label(index: number): string;
  roving: RovingFocus;
}) {
  if (count === 0) return null;
  return (
    <g className="bucket-stops">
      {stops.map((index, stop) => {
        const { x, width } = column(plot, count, index);
        return (
          <FocusStop key={index} index={stop} roving={roving} label={label(index)}>
            <rect x={x} y={plot.y} width={width} height={plot.height} fill="transparent" />
          </FocusStop>
        );
      })}
    </g>
  );
});
