// @vitest-environment jsdom
import { cleanup, fireEvent, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHART_SURFACE, NUMBER_AXIS } from '../../src/app/charts/chart-selectors.ts';
import type { LinePoint } from '../../src/app/charts/line-chart-svg.tsx';
import { LineChartSvg } from '../../src/app/charts/line-chart-svg.tsx';
import { niceAxis } from '../../src/app/charts/nice-ticks.ts';
import { installResizeObserver } from './dashboard-fixture.ts';

afterEach(cleanup);
beforeEach(installResizeObserver);

const POINTS: LinePoint[] = [
  { label: 'Mon', value: 0.5 },
  { label: 'Tue', value: null },
  { label: 'Wed', value: 0.25 },
  { label: 'Thu', value: 0 },
];

function draw(points = POINTS) {
  return render(
    <LineChartSvg
      title="Share"
      points={points}
      axis={niceAxis(0.5)}
      format={(v) => `${Math.round(v * 100)}%`}
      stroke="#06c"
      tooltip={(i) => <div className="chart-tooltip">at {points[i]?.label}</div>}
    />,
  );
}

/** The path's points, as [x, y]. */
function pathPoints(container: HTMLElement): number[][] {
  const d = container.querySelector('.share-line-line')?.getAttribute('d') ?? '';
  return [...d.matchAll(/[ML]([\d.]+),([\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('LineChartSvg', () => {
  it('joins the buckets that have a value, left to right, higher for a larger share', () => {
    const { container } = draw();
    const points = pathPoints(container);
    // Tue has no value: three points, the line joins Mon to Wed
    expect(points).toHaveLength(3);
    const [mon, wed, thu] = points as [number[], number[], number[]];
    expect(mon[0]).toBeLessThan(wed[0] as number);
    expect(wed[0]).toBeLessThan(thu[0] as number);
    // SVG y grows downwards: 50% above 25% above 0%
    expect(mon[1]).toBeLessThan(wed[1] as number);
    expect(wed[1]).toBeLessThan(thu[1] as number);
    expect(container.querySelectorAll('.share-line circle')).toHaveLength(3);
    expect(container.querySelector('.share-line-line')?.getAttribute('stroke')).toBe('#06c');
  });

  it('labels the percent axis and every bucket that has room', () => {
    const { container } = draw();
    const ticks = [...container.querySelectorAll(`${NUMBER_AXIS} text`)].map((t) => t.textContent);
    expect(ticks[0]).toBe('0%');
    expect(ticks.at(-1)).toBe('50%');
    const labels = [...container.querySelectorAll('.chart-category-axis text')].map((t) => t.textContent);
    expect(labels).toEqual(['Mon', 'Tue', 'Wed', 'Thu']);
  });

  it('draws no line without a value, and shows the hovered bucket’s tooltip', () => {
    const { container } = draw([{ label: 'Mon', value: null }]);
    expect(container.querySelector('.share-line')).toBeNull();
    const svg = container.querySelector(CHART_SURFACE) as SVGSVGElement;
    fireEvent.pointerMove(svg, { clientX: 300, clientY: 100 });
    expect(container.querySelector('.chart-hover')?.textContent).toBe('at Mon');
    fireEvent.pointerLeave(svg);
    expect(container.querySelector('.chart-hover')).toBeNull();
  });
});
