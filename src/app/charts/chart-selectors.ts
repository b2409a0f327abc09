/**
 * How the page, its exports and its tests find a drawn chart, whoever drew it: the Overview's charts are
 * dmscope's own SVG (chart-frame.tsx), the Triage charts Recharts'. One place, so no caller matches only
 * one of them.
 */

/** A chart's drawing surface (never a legend icon's). */
export const CHART_SURFACE = 'svg.chart-svg, svg.recharts-surface';

/** One drawn bar. */
export const CHART_BAR = '.chart-bar, .recharts-bar-rectangle';

/** One tick label of a chart axis. */
export const AXIS_TICK = '.chart-tick, .recharts-cartesian-axis-tick-value';

/** A number axis of the page's own charts, or of Recharts', with its tick labels inside. */
export const NUMBER_AXIS = '.chart-number-axis, .recharts-cartesian-axis-tick-labels';
