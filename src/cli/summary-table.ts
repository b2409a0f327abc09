import { deviceFigure, type SummaryJson, upperBoundNote } from '../report/summary.ts';
import { printable } from './terminal-text.ts';

const number = (n: number) => n.toLocaleString('en-US');
const percent = (r: number) => `${(r * 100).toFixed(2)}%`;

const devices = (n: number | null, upperBound: boolean) =>
  n === null ? '—' : deviceFigure(number(n), upperBound);

/**
 * The readable form of the summary: totals, then codes by count with their messages. Every text that can
 * come from a file (file names, code names from a vendor profile, reasons quoting values) is `printable`.
 */
export function formatSummaryTable(summary: SummaryJson): string {
  const t = summary.totals;
  const s = summary.source;
  const lines: string[] = [];
  lines.push(`dmscope summary — ${s.files.map(printable).join(', ')} (${s.format})`);
  if (summary.timeRange) lines.push(`Time range       ${summary.timeRange.from} → ${summary.timeRange.to}`);
  lines.push('');
  const rows: [string, string][] = [
    ['Operations', number(t.operations)],
    ['Successes', number(t.successes)],
    ['Failures', number(t.failures)],
    ['Failure rate', percent(t.failureRate)],
    ['Unrecognized codes', number(t.unrecognized)],
    ['Devices', devices(t.devices, t.devicesUpperBound)],
    ['Failing devices', devices(t.failingDevices, t.devicesUpperBound)],
    ['Rows read', number(s.rowsRead)],
    ['Rejected rows', number(s.rowsRejected)],
  ];
  for (const [label, value] of rows) lines.push(`${label.padEnd(20)}${value.padStart(14)}`);
  if (t.devicesUpperBound) lines.push(printable(upperBoundNote(summary.columns.deviceCount)));
  lines.push('');
  lines.push(
    `${'Code'.padEnd(6)}${'Count'.padStart(12)}  ${'Share'.padStart(7)}  ${'Category'.padEnd(29)}Message`,
  );
  for (const c of summary.byCode) {
    const share = t.operations === 0 ? 0 : c.count / t.operations;
    lines.push(
      `${String(c.code).padEnd(6)}${number(c.count).padStart(12)}  ${percent(share).padStart(7)}  ${printable(c.category).padEnd(29)}${printable(c.name)}`,
    );
  }
  if (s.rejectedSample.length > 0) {
    lines.push('');
    lines.push(
      `Rejected rows (first ${Math.min(10, s.rejectedSample.length)} of ${number(s.rowsRejected)}):`,
    );
    for (const r of s.rejectedSample.slice(0, 10))
      lines.push(`  ${printable(r.file)}:${r.line}  ${printable(r.reason)}`);
  }
  return `${lines.join('\n')}\n`;
}
