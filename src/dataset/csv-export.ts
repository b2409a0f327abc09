import type { Dataset } from './dataset.ts';
import { isoTime } from './iso-time.ts';

/**
 * Spreadsheet apps run a cell that starts with = + - @ (or tab / carriage return) as a formula. OWASP's
 * advice: prefix such text with a single quote so it is shown, never run. Text that already starts with
 * quotes before such a character gets one more, so two different values never export as the same cell.
 */
export function neutralizeCell(value: string): string {
  return /^'*[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/**
 * The given rows as CSV (RFC 4180, CRLF), with each code's message, category, stage and cause. Time,
 * device, count and an aggregate's distinct devices are written only when the dataset has them, so the
 * export reads back as the same dataset (an empty device column would read back as a device column).
 */
export function eventsToCsv(dataset: Dataset, rows: Uint32Array): string {
  const { hasTime, hasDevice } = dataset;
  const header = [
    ...(hasTime ? ['time'] : []),
    ...(hasDevice ? ['device'] : []),
    'result_code',
    'message',
    'category',
    'stage',
    'cause',
  ];
  if (dataset.hasCount) header.push('count');
  if (dataset.hasDeviceCounts) header.push('devices');
  header.push(...dataset.dimensionNames);
  const lines = [header.map((h) => quote(neutralizeCell(h))).join(',')];
  for (const row of rows) {
    const event = dataset.event(row);
    const info = dataset.resultInfo(event.result);
    const cells = [
      ...(hasTime ? [event.time === null ? '' : (isoTime(event.time) ?? '')] : []),
      ...(hasDevice ? [neutralizeCell(event.device ?? '')] : []),
      // numbers we wrote stay numbers (a code of -1 is no formula); text, even a code's name, is neutralised
      event.code === null ? '' : String(event.code),
      neutralizeCell(info.name),
      info.category,
      info.stage ?? '',
      info.cause ?? '',
    ];
    if (dataset.hasCount) cells.push(String(event.count));
    if (dataset.hasDeviceCounts) cells.push(String(event.devices ?? 0));
    for (const value of event.dimensions) cells.push(neutralizeCell(value));
    lines.push(cells.map(quote).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}
