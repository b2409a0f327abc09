/**
 * Whether the page is phone-narrow: horizontal bar charts then give their labels less room and their
 * number axis fewer ticks, so the bars keep a readable width and the tick labels do not run together.
 */
import { useMediaQuery } from '../use-media-query.ts';

const QUERY = '(max-width: 600px)';

/** The label column of a bar chart on a phone, whatever it is on a wider screen. */
export const NARROW_LABEL_WIDTH = 130;
/** A number axis's ticks at most, on a phone. */
export const NARROW_MAX_TICKS = 3;

export function useNarrowScreen(): boolean {
  return useMediaQuery(QUERY);
}
