/**
 * "Download report (HTML)": the page's figures, filters, charts, top failing devices, findings and
 * rejected rows as one self-contained file (src/report/html-report.ts), as the page shows them now. The
 * key charts are the Overview's whatever tab is open: drawn off screen when another tab is (off-screen.tsx).
 */
import { verdictText } from '../analysis/verdicts.ts';
import { visibleText } from '../dataset/visible-text.ts';
import { renderHtmlReport } from '../report/html-report.ts';
import type { AnalysisData, DashboardData, DatasetInfo } from '../worker/dataset-protocol.ts';
import { shownChartSvgs } from './charts/chart-card.tsx';
import { ChartExportProvider, filterLines } from './charts/chart-export-context.tsx';
import { OverviewPanel } from './charts/overview-panel.tsx';
import { DatasetWordsProvider } from './dataset-words.tsx';
import { downloadBlob, fileStamp } from './download-file.ts';
import { formatCount, formatTime, formatTimeRange } from './format.ts';
import { withOffScreen } from './off-screen.tsx';
import { summaryFigures } from './summary-panel.tsx';
import type { ViewState } from './view-state.ts';

/** The width the key charts are drawn at off screen: a laptop's chart grid. */
const REPORT_WIDTH_PX = 1200;
/** Longest the off-screen charts are waited for (a chart without bars never says it is done). */
const DRAW_TIMEOUT_MS = 3000;

/**
 * The Overview's charts, then any other the open tab shows (the triage view's): on the Overview, the
 * charts on the page; on another tab, the Overview drawn off screen with the same figures and filters.
 */
async function reportCharts(info: DatasetInfo, data: DashboardData, view: ViewState) {
  const shown = shownChartSvgs();
  if (view.tab === 'overview' && shown.length > 0) return shown;
  const ignore = () => undefined;
  const overview = await withOffScreen(
    <DatasetWordsProvider categories={info.categories} families={info.families}>
      <ChartExportProvider
        filter={view.filter}
        search={view.search}
        sources={info.report.files.map((f) => f.name)}
        timeRange={data.timeRange}
      >
        <OverviewPanel
          data={data}
          filter={view.filter}
          dimensionNames={info.dimensionNames}
          dimension={data.dimension?.name ?? view.dimension}
          onDimension={ignore}
          onFilter={ignore}
          onDevice={ignore}
          timeZoom={{ zoomTo: ignore, zoomOut: ignore, fullRange: ignore }}
        />
      </ChartExportProvider>
    </DatasetWordsProvider>,
    { widthPx: REPORT_WIDTH_PX, timeoutMs: DRAW_TIMEOUT_MS, className: 'report-host' },
    (host) => shownChartSvgs(host),
  );
  return [...overview, ...shown];
}

export async function downloadHtmlReport(
  info: DatasetInfo,
  data: DashboardData,
  view: ViewState,
  analysis: AnalysisData,
): Promise<void> {
  const { report } = info;
  const charts = await reportCharts(info, data, view);
  const html = renderHtmlReport({
    generatedAt: formatTime(Date.now(), 'utc'),
    figures: summaryFigures(data.totals, report).map(([term, figure]) => [term, figure] as const),
    filters: filterLines(view.filter, view.search),
    sources: report.files.map((f) => visibleText(f.name)),
    timeRange: formatTimeRange(data.timeRange, 'utc'), // the file says UTC, whatever the page shows
    charts,
    devices: {
      columns: ['Device', 'Failures', 'Attempts', 'Last result', 'Verdict'],
      rows: data.devices
        .filter((d) => d.failures > 0)
        .map((d) => [
          visibleText(d.device),
          formatCount(d.failures),
          formatCount(d.attempts),
          visibleText(d.lastCode),
          verdictText(d.verdict, d.verdictFailures),
        ]),
    },
    findings: [
      ...analysis.findings.map((f) => visibleText(f.text)),
      ...(analysis.moreFindings > 0 ? [`… and ${formatCount(analysis.moreFindings)} more`] : []),
    ],
    rejected: {
      count:
        report.rejectedSample.length < report.rowsRejected
          ? `${formatCount(report.rowsRejected)} (first ${formatCount(report.rejectedSample.length)} listed)`
          : formatCount(report.rowsRejected),
      shown: report.rejectedSample,
    },
    warnings: report.warnings.map(visibleText),
  });
  downloadBlob(new Blob([html], { type: 'text/html;charset=utf-8' }), `dmscope-report-${fileStamp()}.html`);
}
