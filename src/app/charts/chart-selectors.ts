/**
 * How the page, its exports, the benchmark and the tests find a drawn chart (the charts are the page's own
 * SVG, chart-frame.tsx): one place, so a renamed class is renamed for every caller.
 */

/** A chart's drawing surface (never a legend icon's). */
export const CHART_SURFACE = 'svg.chart-svg';

/** One drawn bar. */
export const CHART_BAR = '.chart-bar';

/** One tick label of a chart axis. */
export const AXIS_TICK = '.chart-tick';

/** A number axis, with its tick labels inside. */
export const NUMBER_AXIS = '.chart-number-axis';
