import type { TimeRange, Totals } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { IngestReport } from '../ingest/ingest.ts';
import { deviceFigure, upperBoundNote } from '../report/summary.ts';
import { formatCount, formatPercent, formatTimeRange } from './format.ts';

/** The Summary's terms and figures (those of the exact Summary, and of the partial one while a file loads). */
export function SummaryFigures({ figures }: { figures: ReturnType<typeof summaryFigures> }) {
  return (
    <dl className="summary-figures">
      {figures.map(([term, figure, tone]) => (
        <div className="summary-figure" key={term}>
          <dt>{term}</dt>
          <dd className={tone ? `figure-${tone}` : undefined}>{figure}</dd>
        </div>
      ))}
    </dl>
  );
}

export function SummaryPanel({
  totals,
  report,
  filtered,
  selectedRows,
  totalRows,
  datasetBytes,
  timeRange,
}: {
  totals: Totals;
  /** The first and last event shown; null without times. */
  timeRange: TimeRange | null;
  report: IngestReport;
  filtered: boolean;
  selectedRows: number;
  totalRows: number;
  datasetBytes?: number;
}) {
  const figures = summaryFigures(totals, report);
  return (
    <section
      aria-label="Summary"
      className="summary"
      data-dataset-bytes={datasetBytes}
      data-rows-scanned={report.files.reduce((sum, f) => sum + f.rowsScanned, 0)}
    >
      <SummaryFigures figures={figures} />
      <p className="summary-note">
        {filtered
          ? `Filtered: ${formatCount(selectedRows)} of ${formatCount(totalRows)} events. Rejected rows count the whole input.`
          : `${formatCount(totalRows)} events from ${report.files.length === 1 ? visibleText(report.files[0]?.name ?? '') : `${report.files.length} files`} (${report.format}).`}
      </p>
      <p className="summary-note">
        Time range{filtered ? ' of the events shown' : ''}:{' '}
        <strong className="nowrap-wide">{formatTimeRange(timeRange) ?? 'the data has no times'}</strong>
      </p>
      {totals.devicesUpperBound && (
        <p className="summary-note">{visibleText(upperBoundNote(report.columns.deviceCount))}</p>
      )}
      {report.rowsRejected > 0 && <RejectedRows report={report} />}
      {report.warnings.length > 0 && (
        <ul className="warnings" aria-label="Warnings">
          {report.warnings.map((w) => (
            <li key={w}>{visibleText(w)}</li>
          ))}
        </ul>
      )}
    </section>
  );
}

/**
 * The Summary's figures as the page writes them: [term, figure, tone]; the HTML report and the figures of a
 * load in progress (partial-figures.tsx) show the same.
 */
export function summaryFigures(
  totals: Totals,
  report: Pick<IngestReport, 'rowsRejected'>,
): [string, string, string?][] {
  return [
    ['Operations', formatCount(totals.operations)],
    ['Successes', formatCount(totals.successes), 'ok'],
    ['Failures', formatCount(totals.failures), totals.failures > 0 ? 'bad' : undefined],
    // no operations, no rate: a dash, never a calm 0.0%
    [
      'Failure rate',
      totals.operations === 0 ? '—' : formatPercent(totals.failureRate),
      totals.failures > 0 ? 'bad' : undefined,
    ],
    ['Not applied', formatCount(totals.notApplied)],
    ['In progress', formatCount(totals.inProgress)],
    ['Unrecognized codes', formatCount(totals.unrecognized), totals.unrecognized > 0 ? 'warn' : undefined],
    ['Devices', devices(totals.devices, totals.devicesUpperBound)],
    ['Failing devices', devices(totals.failingDevices, totals.devicesUpperBound)],
    ['Rejected rows', formatCount(report.rowsRejected), report.rowsRejected > 0 ? 'warn' : undefined],
  ];
}

function devices(n: number | null, upperBound: boolean): string {
  return n === null ? formatCount(n) : deviceFigure(formatCount(n), upperBound);
}

function RejectedRows({ report }: { report: IngestReport }) {
  const shown = report.rejectedSample.length;
  return (
    <details className="rejected">
      <summary>
        Show rejected rows ({formatCount(report.rowsRejected)}
        {shown < report.rowsRejected ? `, first ${formatCount(shown)} listed` : ''})
      </summary>
      <table>
        <caption className="visually-hidden">Rejected rows</caption>
        <thead>
          <tr>
            <th scope="col">File</th>
            <th scope="col">Line</th>
            <th scope="col">Reason</th>
          </tr>
        </thead>
        <tbody>
          {report.rejectedSample.map((r) => (
            <tr key={`${r.file}:${r.line}`}>
              <td>{visibleText(r.file)}</td>
              <td className="num">{formatCount(r.line)}</td>
              <td>{visibleText(r.reason)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
