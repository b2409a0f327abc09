/**
 * "Download report (HTML)": the page's figures, filters, charts, top failing devices, findings and
 * rejected rows as one self-contained file (src/report/html-report.ts), as the page shows them now.
 */
import { verdictText } from '../analysis/verdicts.ts';
import { visibleText } from '../dataset/visible-text.ts';
import { renderHtmlReport } from '../report/html-report.ts';
import type { AnalysisData, DashboardData, DatasetInfo } from '../worker/dataset-protocol.ts';
import { shownChartSvgs } from './charts/chart-card.tsx';
import { filterLines } from './charts/chart-export-context.tsx';
import { downloadBlob, fileStamp } from './download-file.ts';
import { formatCount, formatTime, formatTimeRange } from './format.ts';
import { summaryFigures } from './summary-panel.tsx';
import type { ViewState } from './view-state.ts';

export function downloadHtmlReport(
  info: DatasetInfo,
  data: DashboardData,
  view: ViewState,
  analysis: AnalysisData,
): void {
  const { report } = info;
  const html = renderHtmlReport({
    generatedAt: formatTime(Date.now(), 'utc'),
    figures: summaryFigures(data.totals, report).map(([term, figure]) => [term, figure] as const),
    filters: filterLines(view.filter, view.search),
    sources: report.files.map((f) => visibleText(f.name)),
    timeRange: formatTimeRange(data.timeRange, 'utc'), // the file says UTC, whatever the page shows
    charts: shownChartSvgs(),
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
