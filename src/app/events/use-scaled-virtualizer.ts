/**
 * The event list's virtual rows over a scroll area that may be scaled down (a million rows of 30 px are
 * past the browser's height cap): the virtualizer works in unscaled offsets, the element in scaled ones.
 */
import {
  elementScroll,
  observeElementOffset,
  observeElementRect,
  useVirtualizer,
} from '@tanstack/react-virtual';
import { useLayoutEffect, useRef, useState } from 'react';
import { HEADER_HEIGHT } from './event-table-head.tsx';
import { scrollGeometry } from './scaled-scroll.ts';

export const ROW_HEIGHT = 30;

/** `scrollRef` goes on the scrolling element. */
export function useScaledVirtualizer(selected: number, initialHeight: number | undefined) {
  const scrollRef = useRef<HTMLElement>(null);
  const [viewport, setViewport] = useState(initialHeight ?? 600);
  const geometry = scrollGeometry(selected, ROW_HEIGHT, viewport - HEADER_HEIGHT);
  const scaleRef = useRef(geometry.scale);
  scaleRef.current = geometry.scale;

  const initialRect = { width: 1200, height: initialHeight ?? 600 };
  const virtualizer = useVirtualizer({
    count: selected,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect,
    // An element not laid out yet (or in jsdom) measures 0 × 0: keep the initial size rather than render no rows.
    observeElementRect: (instance, cb) =>
      observeElementRect(instance, (rect) => cb(rect.height > 0 ? rect : initialRect)),
    observeElementOffset: (instance, cb) =>
      observeElementOffset(instance, (offset, isScrolling) => cb(offset * scaleRef.current, isScrolling)),
    scrollToFn: (offset, options, instance) => elementScroll(offset / scaleRef.current, options, instance),
  });

  useLayoutEffect(() => {
    const el = scrollRef.current;
    if (el === null || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setViewport(el.clientHeight || viewport));
    observer.observe(el);
    return () => observer.disconnect();
  }, [viewport]);

  return { scrollRef, virtualizer, geometry };
}
