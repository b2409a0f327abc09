/**
 * Browsers cap an element's height (Chromium near 33.5 million px, Firefox near 17.9 million), so a list
 * of a million 28 px rows cannot be laid out at full height. Above MAX_SPACER_PX the scroll space is
 * compressed: the scrollbar's position maps proportionally onto the list, so its end reaches the last row.
 */
export const MAX_SPACER_PX = 8_000_000;

export interface ScrollGeometry {
  /** Height the rows would need at full size. */
  contentHeight: number;
  /** Height of the element that gives the scrollbar its range (≤ MAX_SPACER_PX). */
  spacerHeight: number;
  /** Virtual px per real scrolled px (1 when nothing is compressed). */
  scale: number;
}

export function scrollGeometry(rowCount: number, rowHeight: number, viewportHeight: number): ScrollGeometry {
  const contentHeight = rowCount * rowHeight;
  if (contentHeight <= MAX_SPACER_PX) return { contentHeight, spacerHeight: contentHeight, scale: 1 };
  const view = Math.max(0, viewportHeight);
  const scale = (contentHeight - view) / (MAX_SPACER_PX - view);
  return { contentHeight, spacerHeight: MAX_SPACER_PX, scale };
}

/** Where, inside the spacer, a row that starts at `virtualStart` is drawn when the element is at `scrollTop`. */
export function rowTop(virtualStart: number, scrollTop: number, scale: number): number {
  return scrollTop + (virtualStart - scrollTop * scale);
}
