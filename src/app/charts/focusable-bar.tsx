/**
 * Bars a keyboard can use: each bar is a focusable button (Tab reaches it, Enter or Space does what a
 * click does), named for a screen reader by what it shows and what it does ("1404, 412 failures — filter").
 */
import type { KeyboardEvent, ReactElement } from 'react';
import { useCallback } from 'react';
import type { BarShapeProps } from 'recharts';
import { Rectangle } from 'recharts';

export function useFocusableBar<T>(
  label: (item: T) => string,
  onSelect: ((item: T) => void) | undefined,
): ((props: BarShapeProps) => ReactElement) | undefined {
  const shape = useCallback(
    (props: BarShapeProps) => {
      const item = props.payload as T;
      const onKeyDown = (e: KeyboardEvent<SVGGElement>) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        // the chart's own keyboard handling (tooltip navigation) must not also act on the key
        e.stopPropagation();
        onSelect?.(item);
      };
      return (
        // biome-ignore lint/a11y/useSemanticElements: an SVG bar cannot be a <button>; role and keys make it one
        <g role="button" tabIndex={0} aria-label={label(item)} className="bar-button" onKeyDown={onKeyDown}>
          <Rectangle {...props} />
        </g>
      );
    },
    [label, onSelect],
  );
  return onSelect === undefined ? undefined : shape;
}
