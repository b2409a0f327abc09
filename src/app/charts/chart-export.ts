/**
 * A chart as a file: the SVG the page drew, made self-contained (namespaces, size, the colours CSS gave
 * its text and lines inlined), framed with what a reader of the file needs to trust it — the chart's
 * title, its legend, the active filters, the source files and the time range — and as PNG by drawing
 * that SVG onto a canvas.
 */

import { CHART_SURFACE } from './chart-selectors.ts';

const SVG_NS = 'http://www.w3.org/2000/svg';
const INLINED_STYLES = ['fill', 'stroke', 'font-family', 'font-size', 'font-weight', 'opacity'] as const;

/** What the page around a chart says about the figures in it (see chart-export-context.tsx). */
export interface ExportContext {
  /** The active filters as the chips read, and the search. */
  filters: string[];
  sources: string[];
  /** The selection's first and last event, as the page writes times; null without times. */
  timeRange: string | null;
}

export interface LegendEntry {
  label: string;
  /** A fill; `currentColor` is the frame's text colour. */
  color: string;
}

export interface ChartFrame {
  title: string;
  subtitle?: string;
  legend: readonly LegendEntry[];
  context: ExportContext;
  background: string;
  /** The colours of the frame's text: main and muted. */
  text: string;
  muted: string;
}

/** The chart drawn inside `container`: its own surface, never a legend swatch's. */
export function chartSurface(container: Element): SVGSVGElement | null {
  return container.querySelector<SVGSVGElement>(CHART_SURFACE);
}

/** A copy of the chart with the styles CSS gave it written onto its elements, sized as drawn. */
function inlinedCopy(svg: SVGSVGElement): SVGSVGElement {
  const clone = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  clone.setAttribute('width', String(Math.round(width)));
  clone.setAttribute('height', String(Math.round(height)));
  clone.setAttribute('viewBox', `0 0 ${Math.round(width)} ${Math.round(height)}`);
  clone.removeAttribute('style');
  const originals = svg.querySelectorAll<SVGElement>('text, tspan, line, path');
  const copies = clone.querySelectorAll<SVGElement>('text, tspan, line, path');
  originals.forEach((el, i) => {
    const copy = copies[i];
    if (copy === undefined) return;
    const computed = getComputedStyle(el);
    for (const name of INLINED_STYLES) {
      const value = computed.getPropertyValue(name);
      if (value !== '') copy.style.setProperty(name, value);
    }
  });
  return clone;
}

const PAD = 12;
const LINE = 18;
const CHAR_WIDTH = 6.6; // of a 12 px system sans-serif, on average: enough to wrap and cut lines

function element<K extends keyof SVGElementTagNameMap>(
  name: K,
  attributes: Record<string, string | number>,
  text?: string,
): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, name);
  for (const [key, value] of Object.entries(attributes)) el.setAttribute(key, String(value));
  if (text !== undefined) el.textContent = text;
  return el;
}

/** A line cut to the width, with an ellipsis: the file keeps its size whatever the names. */
function cutToWidth(text: string, width: number): string {
  const chars = Math.max(8, Math.floor(width / CHAR_WIDTH));
  return text.length <= chars ? text : `${text.slice(0, chars - 1)}…`;
}

/** The frame's lines under the title. */
function contextLines(frame: ChartFrame): string[] {
  const { filters, sources, timeRange } = frame.context;
  return [
    ...(frame.subtitle ? [frame.subtitle] : []),
    `Filters: ${filters.length === 0 ? 'none (all events)' : filters.join(' · ')}`,
    `Source: ${sources.join(', ')}`,
    `Time range: ${timeRange ?? 'the data has no times'}`,
  ];
}

/** The legend's swatches and labels, wrapped into rows; returns the height used. */
function drawLegend(
  group: SVGGElement,
  legend: readonly LegendEntry[],
  top: number,
  width: number,
  text: string,
): number {
  let x = PAD;
  let y = top;
  for (const entry of legend) {
    const itemWidth = 18 + entry.label.length * CHAR_WIDTH + 16;
    if (x > PAD && x + itemWidth > width - PAD) {
      x = PAD;
      y += LINE;
    }
    group.append(
      element('rect', {
        x,
        y: y + 3,
        width: 11,
        height: 11,
        fill: entry.color === 'currentColor' ? text : entry.color,
      }),
    );
    group.append(element('text', { x: x + 16, y: y + 13, 'font-size': 12 }, entry.label));
    x += itemWidth;
  }
  return legend.length === 0 ? 0 : y - top + LINE;
}

/** The chart framed with its title, context and legend, as a standalone SVG document. */
export function serializeChartSvg(
  svg: SVGSVGElement,
  frame: ChartFrame,
): { text: string; width: number; height: number } {
  const chart = inlinedCopy(svg);
  const width = Math.max(Number(chart.getAttribute('width')), 320);
  const chartHeight = Number(chart.getAttribute('height'));
  const lines = contextLines(frame);
  const root = element('svg', { 'font-family': 'system-ui, sans-serif' });
  root.setAttribute('xmlns:xlink', 'http://www.w3.org/1999/xlink');
  const background = element('rect', { width: '100%', height: '100%', fill: frame.background });
  root.append(background);
  root.append(
    element(
      'text',
      { x: PAD, y: PAD + 14, 'font-size': 16, 'font-weight': 650, fill: frame.text },
      cutToWidth(frame.title, width),
    ),
  );
  lines.forEach((line, i) => {
    root.append(
      element(
        'text',
        { x: PAD, y: PAD + 20 + (i + 1) * LINE, 'font-size': 12, fill: frame.muted },
        cutToWidth(line, width - 2 * PAD),
      ),
    );
  });
  const chartTop = PAD + 28 + lines.length * LINE;
  chart.setAttribute('x', '0');
  chart.setAttribute('y', String(chartTop));
  root.append(chart);
  const legendGroup = element('g', { fill: frame.text });
  const legendHeight = drawLegend(legendGroup, frame.legend, chartTop + chartHeight + 6, width, frame.text);
  root.append(legendGroup);
  const height = Math.round(chartTop + chartHeight + 6 + legendHeight + PAD);
  copyReferencedPatterns(root);
  root.setAttribute('width', String(width));
  root.setAttribute('height', String(height));
  root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(root)}`;
  return { text, width, height };
}

/**
 * The fill patterns the chart uses live in one hidden SVG of the page (dataset-words.tsx): a file of the
 * chart alone needs its own copies.
 */
function copyReferencedPatterns(clone: SVGSVGElement): void {
  const ids = new Set<string>();
  for (const el of clone.querySelectorAll('[fill^="url(#"]')) {
    const id = /^url\(#([^)]+)\)$/.exec(el.getAttribute('fill') ?? '')?.[1];
    if (id !== undefined) ids.add(id);
  }
  if (ids.size === 0) return;
  const defs = document.createElementNS('http://www.w3.org/2000/svg', 'defs');
  for (const id of ids) {
    const pattern = document.getElementById(id);
    if (pattern !== null) defs.appendChild(pattern.cloneNode(true));
  }
  clone.insertBefore(defs, clone.firstChild);
}

export async function svgToPng(svgText: string, width: number, height: number, scale = 2): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svgText], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.decoding = 'async';
    const loaded = new Promise<void>((resolve, reject) => {
      image.onload = () => resolve();
      image.onerror = () => reject(new Error('The chart image could not be drawn.'));
    });
    image.src = url;
    await loaded;
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * scale);
    canvas.height = Math.round(height * scale);
    const context = canvas.getContext('2d');
    if (context === null) throw new Error('This browser cannot draw to a canvas.');
    context.scale(scale, scale);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob(
        (blob) => (blob ? resolve(blob) : reject(new Error('PNG encoding failed.'))),
        'image/png',
      ),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}

export function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}
