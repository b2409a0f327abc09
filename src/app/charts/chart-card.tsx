import type { ReactNode, RefObject } from 'react';
import { useEffect, useId, useRef, useState } from 'react';
import { downloadBlob } from '../download-file.ts';
import type { ChartFrame, LegendEntry } from './chart-export.ts';
import { chartSurface, serializeChartSvg, slug, svgToPng } from './chart-export.ts';
import { useExportContext } from './chart-export-context.tsx';

export interface ChartDataRow {
  key: string;
  cells: ReactNode[];
  /** Adds this row's value to the filter (the keyboard path to what clicking the bar does). */
  onSelect?: () => void;
  selectLabel?: string;
  /** Visible text of the row's button; "Filter" unless said otherwise. */
  selectText?: string;
}

/**
 * A chart with its title, its export buttons and its figures as a table (for keyboard and screen-reader
 * users; the table's buttons filter like clicking the bars does).
 */
export function ChartCard({
  title,
  subtitle,
  columns,
  rows,
  empty,
  controls,
  exportLegend,
  children,
  legend,
  wide,
}: {
  title: string;
  subtitle?: string;
  columns: string[];
  rows: ChartDataRow[];
  empty?: string;
  controls?: ReactNode;
  /** The series and their fills, drawn into the exported image (the page shows `legend`). */
  exportLegend?: readonly LegendEntry[];
  children: ReactNode;
  /** What the chart's colours and patterns mean, in text (see CategoryLegend); shown under the chart. */
  legend?: ReactNode;
  wide?: boolean;
}) {
  const titleId = useId();
  const chartRef = useRef<HTMLDivElement>(null);
  const [exportError, setExportError] = useState<string | null>(null);
  const context = useExportContext();
  const frame = (): Omit<ChartFrame, 'background' | 'text' | 'muted'> => ({
    title,
    ...(subtitle === undefined ? {} : { subtitle }),
    legend: exportLegend ?? [],
    context,
  });
  const { framed, exportSvg, exportPng } = useChartExport(chartRef, title, frame, setExportError);
  const framedRef = useRef(framed);
  framedRef.current = framed;
  useEffect(() => {
    const entry = { element: chartRef, title, framed: () => framedRef.current() };
    shownCharts.add(entry);
    return () => {
      shownCharts.delete(entry);
    };
  }, [title]);

  return (
    <figure className={`chart-card panel${wide ? ' chart-wide' : ''}`} aria-labelledby={titleId}>
      <div className="chart-head">
        <div>
          <h2 id={titleId}>{title}</h2>
          {subtitle && <p className="chart-subtitle">{subtitle}</p>}
        </div>
        <div className="chart-actions">
          <button
            type="button"
            className="button button-small"
            onClick={exportSvg}
            aria-label={`Download ${title} as SVG`}
            disabled={rows.length === 0}
          >
            SVG
          </button>
          <button
            type="button"
            className="button button-small"
            onClick={exportPng}
            aria-label={`Download ${title} as PNG`}
            disabled={rows.length === 0}
          >
            PNG
          </button>
        </div>
      </div>
      {controls && <div className="chart-controls">{controls}</div>}
      {exportError && (
        <p role="alert" className="inline-error">
          {exportError}
        </p>
      )}
      {rows.length === 0 ? (
        <p className="chart-empty">{empty ?? 'Nothing to show for the current filters.'}</p>
      ) : (
        <div className="chart-body" ref={chartRef}>
          {children}
        </div>
      )}
      {rows.length > 0 && legend}
      {rows.length > 0 && <ChartDataTable title={title} columns={columns} rows={rows} />}
    </figure>
  );
}

/** Downloads of the chart inside `chartRef`, framed (chart-export.ts), as SVG or PNG, in the page's colours. */
function useChartExport(
  chartRef: RefObject<HTMLDivElement | null>,
  title: string,
  frame: () => Omit<ChartFrame, 'background' | 'text' | 'muted'>,
  setExportError: (message: string) => void,
) {
  const framed = () => {
    const svg = chartRef.current === null ? null : chartSurface(chartRef.current);
    if (svg === null) {
      setExportError('There is no chart to export.');
      return null;
    }
    const style = getComputedStyle(document.body);
    const colour = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
    return serializeChartSvg(svg, {
      ...frame(),
      background: colour('--panel', '#ffffff'),
      text: colour('--text', '#1b1f24'),
      muted: colour('--muted', '#5b6470'),
    });
  };
  const exportSvg = () => {
    const svg = framed();
    if (svg !== null) downloadBlob(new Blob([svg.text], { type: 'image/svg+xml' }), `${slug(title)}.svg`);
  };
  const exportPng = () => {
    const svg = framed();
    if (svg === null) return;
    svgToPng(svg.text, svg.width, svg.height).then(
      (png) => downloadBlob(png, `${slug(title)}.png`),
      (e: unknown) => setExportError(e instanceof Error ? e.message : String(e)),
    );
  };
  return { framed, exportSvg, exportPng };
}

interface ShownChart {
  element: RefObject<HTMLDivElement | null>;
  title: string;
  framed(): { text: string } | null;
}
/** The charts on the page now, for the HTML report. */
const shownCharts = new Set<ShownChart>();

/**
 * The charts drawn inside `root` (the page, or an off-screen drawing), in page order, framed as their SVG
 * export frames them (the HTML report's).
 */
export function shownChartSvgs(root: Node = document): { title: string; svg: string }[] {
  const drawn = [...shownCharts].filter((c) => {
    const element = c.element.current;
    return element?.isConnected === true && root.contains(element);
  });
  drawn.sort((a, b) =>
    (a.element.current as Node).compareDocumentPosition(b.element.current as Node) &
    Node.DOCUMENT_POSITION_FOLLOWING
      ? -1
      : 1,
  );
  return drawn.flatMap((c) => {
    const svg = c.framed();
    return svg === null ? [] : [{ title: c.title, svg: svg.text }];
  });
}

/** The chart's figures as a table, with a button per row that filters like clicking its bar. */
function ChartDataTable({
  title,
  columns,
  rows,
}: {
  title: string;
  columns: string[];
  rows: ChartDataRow[];
}) {
  // Built once it is first opened: closed, it is hundreds of elements that every filter would otherwise
  // rebuild for nobody.
  const [tableShown, setTableShown] = useState(false);
  const showTable = () => setTableShown(true);
  return (
    <details
      className="chart-data"
      onToggle={(e) => {
        if (e.currentTarget.open) showTable();
      }}
    >
      <summary>Data table</summary>
      {tableShown && (
        <table>
          <caption className="visually-hidden">{title}</caption>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
              <th scope="col">
                <span className="visually-hidden">Filter</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={row.key}>
                {row.cells.map((cell, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: cells are positional columns
                  <td key={i}>{cell}</td>
                ))}
                <td>
                  {row.onSelect && (
                    <button
                      type="button"
                      className="button button-small"
                      onClick={row.onSelect}
                      aria-label={`${row.selectText ?? 'Filter'} ${row.selectLabel ?? ''}`.trim()}
                    >
                      {row.selectText ?? 'Filter'}
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </details>
  );
}
