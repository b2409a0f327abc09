import type { SummaryJson } from '../report/summary.ts';
import { printable } from './terminal-text.ts';

const number = (n: number) => n.toLocaleString('en-US');
const percent = (r: number) => `${(r * 100).toFixed(2)}%`;

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
    ['Devices', t.devices === null ? '—' : number(t.devices)],
    ['Failing devices', t.failingDevices === null ? '—' : number(t.failingDevices)],
    ['Rows read', number(s.rowsRead)],
    ['Rejected rows', number(s.rowsRejected)],
  ];
  for (const [label, value] of rows) lines.push(`${label.padEnd(20)}${value.padStart(14)}`);
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
  lines.push(...fileLines(summary));
  if (s.rejectedSample.length > 0) {
    lines.push('');
    lines.push(
      `Rejected rows (first ${Math.min(10, s.rejectedSample.length)} of ${number(s.rowsRejected)}):`,
    );
    for (const r of s.rejectedSample.slice(0, 10))
      lines.push(`  ${printable(r.file)}:${r.line}  ${printable(r.reason)}`);
  }
  lines.push(...warningLines(summary));
  return `${lines.join('\n')}\n`;
}

/** Per file: the family that read it, how much of it that family recognised, why, and its other records. */
function fileLines(summary: SummaryJson): string[] {
  const lines = ['', 'Files:'];
  for (const f of summary.source.perFile) {
    const c = f.catalog;
    const other = f.otherRecords > 0 ? `, ${number(f.otherRecords)} other records` : '';
    lines.push(
      `  ${printable(f.name)}  ${printable(c.title)} (${printable(c.id)}): ${number(c.recognised)} of ${number(c.total)} results recognised${other}`,
    );
    lines.push(`    why: ${printable(c.reason)}`);
  }
  return lines;
}

function warningLines(summary: SummaryJson): string[] {
  if (summary.warnings.length === 0) return [];
  return ['', 'Warnings:', ...summary.warnings.map((w) => `  ! ${printable(w)}`)];
}
