/**
 * Bars a keyboard can use. A chart is one tab stop: Tab reaches one of its bars (the last one used), the
 * arrow keys, Home and End move between them (roving focus), Enter or Space does what a click does. Each
 * bar is named for a screen reader by what it shows and what it does ("1404, 412 failures — filter").
 * The time chart's buckets are the same stops (FocusStop), and Shift with an arrow extends a range.
 */
import type { KeyboardEvent, ReactNode } from 'react';
import { useCallback, useMemo, useRef, useState } from 'react';

export interface RovingKeys {
  /** Enter or Space on stop `index`. */
  select(index: number): void;
  /** Shift with an arrow: the range from `anchor` (where Shift began) to `index`. Without it, no range. */
  extend?(anchor: number, index: number): void;
  /** The range is dropped: an arrow without Shift, or Escape. */
  cancel?(): void;
}

export interface RovingFocus {
  /** The stop Tab reaches (tabIndex 0); every other stop is -1. */
  active: number;
  onKeyDown(e: KeyboardEvent<SVGElement>, index: number): void;
  onFocus(index: number): void;
}

const STOP_ATTRIBUTE = 'data-focus-stop';

/** The stop a key moves to from `index`, or null for a key that moves nowhere. */
function target(key: string, index: number, count: number): number | null {
  switch (key) {
    case 'ArrowRight':
    case 'ArrowDown':
      return Math.min(count - 1, index + 1);
    case 'ArrowLeft':
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}

/** One tab stop over `count` stops numbered 0…count-1 in one chart's SVG (see FocusStop). */
export function useRovingFocus(count: number, keys: RovingKeys): RovingFocus {
  const [chosen, setChosen] = useState(0);
  const anchor = useRef<number | null>(null);
  const keysRef = useRef(keys);
  keysRef.current = keys;
  const onKeyDown = useCallback(
    (e: KeyboardEvent<SVGElement>, index: number) => {
      const { select, extend, cancel } = keysRef.current;
      const next = target(e.key, index, count);
      const handled = next !== null || e.key === 'Enter' || e.key === ' ' || e.key === 'Escape';
      if (!handled) return;
      e.preventDefault();
      // the chart's own keyboard handling (tooltip navigation) must not also act on the key
      e.stopPropagation();
      if (next === null) {
        if (e.key !== 'Escape') select(index);
        else if (anchor.current !== null) cancel?.();
        anchor.current = null;
        return;
      }
      if (e.shiftKey && extend !== undefined) {
        anchor.current ??= index;
        extend(anchor.current, next);
      } else if (anchor.current !== null) {
        anchor.current = null;
        cancel?.();
      }
      setChosen(next);
      e.currentTarget.closest('svg')?.querySelector<SVGElement>(`[${STOP_ATTRIBUTE}="${next}"]`)?.focus();
    },
    [count],
  );
  const onFocus = useCallback((index: number) => setChosen(index), []);
  const active = Math.max(0, Math.min(chosen, count - 1));
  return useMemo(() => ({ active, onKeyDown, onFocus }), [active, onKeyDown, onFocus]);
}

/** One focus stop of a roving group: an SVG group that acts as a button. */
export function FocusStop({
  index,
  roving,
  label,
  className = 'bar-button',
  onClick,
  children,
}: {
  index: number;
  roving: RovingFocus;
  label: string;
  className?: string;
  /** A pointer's click (Enter and Space go through the roving group's `select`). */
  onClick?: () => void;
  children: ReactNode;
}) {
  return (
    // biome-ignore lint/a11y/useSemanticElements: an SVG bar cannot be a <button>; role and keys make it one
    <g
      role="button"
      tabIndex={index === roving.active ? 0 : -1}
      {...{ [STOP_ATTRIBUTE]: index }}
      aria-label={label}
      className={className}
      onKeyDown={(e) => roving.onKeyDown(e, index)}
      onFocus={() => roving.onFocus(index)}
      onClick={onClick}
    >
      {children}
    </g>
  );
}
