/**
 * How the page, its exports and its tests find a drawn chart, whoever drew it: the horizontal bar charts
 * are dmscope's own SVG (bar-rows-chart.tsx), the time chart is Recharts'. One place, so no caller
 * matches only one of them.
 */

/** A chart's drawing surface (never a legend icon's). */
export const CHART_SURFACE = 'svg.bar-rows-chart, svg.recharts-surface';

/** One drawn bar. */
export const CHART_BAR = '.bar-rows-bar, .recharts-bar-rectangle';

/** One tick label of a chart axis. */
export const AXIS_TICK = '.bar-rows-tick, .recharts-cartesian-axis-tick-value';
