import { VERDICT_LABELS, VERDICTS } from '../analysis/verdicts.ts';
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
    ['Not applied', number(t.notApplied)],
    ['In progress', number(t.inProgress)],
    ['Unrecognized codes', number(t.unrecognized)],
    ['Devices', devices(t.devices, t.devicesUpperBound)],
    ['Failing devices', devices(t.failingDevices, t.devicesUpperBound)],
    ['Rows read', number(s.rowsRead)],
    ['Rejected rows', number(s.rowsRejected)],
  ];
  for (const [label, value] of rows) lines.push(`${label.padEnd(20)}${value.padStart(14)}`);
  if (t.devicesUpperBound) lines.push(printable(upperBoundNote(summary.columns.deviceCount)));
  lines.push('');
  lines.push(`${'Family'.padEnd(14)}${'Rows'.padStart(12)}  Table (source)`);
  for (const f of summary.families)
    lines.push(
      `${printable(f.id).padEnd(14)}${number(f.rows).padStart(12)}  ${printable(f.title)} (${printable(f.source)})`,
    );
  lines.push('');
  lines.push(...resultLines(summary));
  lines.push(...analysisLines(summary));
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

/**
 * Results by count with their class and message. A result is its code, else its status word; with more
 * than one family it is prefixed with the family's name ("FUMO 402"), since codes mean different things.
 */
function resultLines(summary: SummaryJson): string[] {
  const t = summary.totals;
  const names = new Map(summary.families.map((f) => [f.id, f.name]));
  const prefix = names.size > 1 ? names : null;
  const labels = new Map(summary.categories.map((c) => [c.id, c.label]));
  const width = Math.max(6, ...summary.byCode.map((c) => resultText(c, prefix).length + 2));
  const lines = [
    `${'Result'.padEnd(width)}${'Count'.padStart(12)}  ${'Share'.padStart(7)}  ${'Class'.padEnd(32)}Message`,
  ];
  // a share of every result, in-progress ones included: the column then sums to 100%
  const results = t.operations + t.inProgress;
  for (const c of summary.byCode) {
    const share = results === 0 ? 0 : c.count / results;
    const label = labels.get(c.category) ?? c.category;
    lines.push(
      `${resultText(c, prefix).padEnd(width)}${number(c.count).padStart(12)}  ${percent(share).padStart(7)}  ${printable(label).padEnd(32)}${printable(c.name)}`,
    );
  }
  return lines;
}

function warningLines(summary: SummaryJson): string[] {
  if (summary.warnings.length === 0) return [];
  return ['', 'Warnings:', ...summary.warnings.map((w) => `  ! ${printable(w)}`)];
}

/** The top findings in words, and the devices per verdict (those with any). */
function analysisLines(summary: SummaryJson): string[] {
  const lines = [
    '',
    summary.findings.length === 0 ? 'Findings: nothing is over-represented among the failures.' : 'Findings:',
  ];
  for (const f of summary.findings.slice(0, FINDINGS_SHOWN)) lines.push(`  ${printable(f.text)}`);
  if (summary.findings.length > FINDINGS_SHOWN)
    lines.push(`  … and ${summary.findings.length - FINDINGS_SHOWN} more (--json)`);
  const v = summary.verdicts;
  if (v === null) return lines;
  const by = v.keys.length === 0 ? 'device' : `device, ${v.keys.map(printable).join(', ')}`;
  lines.push('', `Devices by verdict (per ${by}; last attempt decides):`);
  for (const verdict of VERDICTS) {
    if (v.devices[verdict] > 0)
      lines.push(`  ${VERDICT_LABELS[verdict].padEnd(28)}${number(v.devices[verdict]).padStart(10)}`);
  }
  lines.push(`  ${'To retry'.padEnd(28)}${number(v.retry).padStart(10)}`);
  return lines;
}

/** Findings the table prints; the JSON has them all. */
const FINDINGS_SHOWN = 5;

function resultText(c: SummaryJson['byCode'][number], prefix: Map<string, string> | null): string {
  const result = printable(c.label);
  return prefix === null ? result : `${printable(prefix.get(c.family) ?? c.family)} ${result}`;
}
