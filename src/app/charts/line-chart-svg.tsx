/**
 * One share over time as a line, drawn as plain SVG like the page's other charts (chart-frame.tsx): a
 * point per bucket at its column's middle, joined across buckets without a value, a dot at each while
 * there are few, the percent axis on the left with its dashed grid lines, bucket labels at the foot
 * thinned as the time chart's are, and the hovered bucket's tooltip.
 */
import type { ReactNode } from 'react';
import { memo, useMemo, useRef } from 'react';
import type { PlotArea } from './chart-frame.tsx';
import {
  AXIS_HEIGHT,
  BucketLabels,
  bucketUnder,
  ChartSurface,
  ColumnCursor,
  linearScale,
  SeriesLine,
  seriesPoints,
  useBoxWidth,
  useHover,
  ValueAxis,
} from './chart-frame.tsx';
import type { NiceAxis } from './nice-ticks.ts';

export interface LinePoint {
  label: string;
  /** Null where the bucket has no value: the line joins its neighbours. */
  value: number | null;
}

const HEIGHT = 220;
const MARGIN = { top: 8, right: 16, bottom: 4, left: 4 };
const AXIS_WIDTH = 48;
/** Dots on the line up to this many buckets. */
const MAX_DOTS = 60;

export const LineChartSvg = memo(function LineChartSvg({
  title,
  points,
  axis,
  format,
  stroke,
  tooltip,
}: {
  title: string;
  points: readonly LinePoint[];
  axis: NiceAxis;
  format(value: number): string;
  stroke: string;
  tooltip(index: number): ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const { width, drawn } = useBoxWidth(box);
  const plot = useMemo((): PlotArea => {
    const x = MARGIN.left + AXIS_WIDTH;
    return {
      x,
      y: MARGIN.top,
      width: Math.max(1, width - MARGIN.right - x),
      height: HEIGHT - MARGIN.bottom - AXIS_HEIGHT - MARGIN.top,
    };
  }, [width]);
  const { hover, handlers } = useHover((x, y) => bucketUnder(plot, points.length, x, y));
  const y = linearScale(axis.domain, plot.y + plot.height, plot.y);
  return (
    <ChartSurface
      box={box}
      drawn={drawn}
      width={width}
      height={HEIGHT}
      title={title}
      hover={hover}
      handlers={handlers}
      tooltip={tooltip}
      cursor={<ColumnCursor plot={plot} count={points.length} hover={hover} />}
    >
      <ValueAxis plot={plot} ticks={axis.ticks} y={y} format={format} side="left" grid />
      <BucketLabels plot={plot} labels={points.map((p) => p.label)} />
      <SeriesLine
        points={seriesPoints(
          plot,
          points.map((p) => p.value),
          y,
        )}
        stroke={stroke}
        dots={points.length <= MAX_DOTS}
        radius={3}
        className="share-line"
      />
    </ChartSurface>
  );
});
