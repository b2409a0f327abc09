import Papa from 'papaparse';
import type { TableSink } from './table-sink.ts';
import { carriedTextBytes, isBlankText, uniqueColumnNames } from './table-sink.ts';

/** Enough text to see the header and a few rows before choosing delimiter and line ending. */
const SNIFF_CHARS = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'] as const;

export type Newline = '\n' | '\r\n' | '\r';

export interface CsvDialect {
  delimiter: string;
  newline: Newline;
}

/**
 * Streams CSV text through PapaParse's parser, chunk by chunk: the incomplete last row of a chunk is
 * carried into the next one, so rows, quoted newlines, CRLF pairs and multi-byte characters that straddle a
 * chunk boundary come out whole. Delimiter and line ending are chosen by us from the first 64 KB — never
 * from whatever a tiny first chunk happens to hold.
 */
export async function readCsv(chunks: AsyncIterable<string>, sink: TableSink): Promise<CsvDialect> {
  const iterator = chunks[Symbol.asyncIterator]();
  let head = '';
  let ended = false;
  while (head.length < SNIFF_CHARS) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    head += next.value;
  }
  if (head.charCodeAt(0) === 0xfeff) head = head.slice(1);
  const dialect = sniffDialect(head);
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: dialect.newline });
  const state: ParseState = { dialect, headerDone: false, line: 1, width: 0 };

  let pending = head;
  // batch small chunks (fewer parser calls); and while one row is longer than what is pending, gather as
  // much again before parsing it again, so a row of many megabytes is not re-parsed for every chunk
  let batch = SNIFF_CHARS;
  while (!ended) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    pending += next.value;
    if (pending.length < batch) continue;
    const consumed = parseSome(parser, pending, false, state, sink);
    pending = pending.slice(consumed);
    batch = Math.max(SNIFF_CHARS, 2 * pending.length);
    // the text of a row that has not ended (0 when what is left is short)
    sink.carrying?.(pending.length > SNIFF_CHARS ? carriedTextBytes(batch) : 0);
  }
  if (pending.length > 0) parseSome(parser, pending, true, state, sink);
  if (!state.headerDone) sink.columns([]);
  return dialect;
}

export interface ParseState {
  dialect: CsvDialect;
  headerDone: boolean;
  /** Physical line of the next row's start. */
  line: number;
  width: number;
}

interface PapaResult {
  data: string[][];
  errors: { code: string; row: number }[];
  meta: { cursor: number };
}

/** Parses complete rows of `text` (all of it when `last`) and returns how many characters were consumed. */
export function parseSome(
  parser: InstanceType<typeof Papa.Parser>,
  text: string,
  last: boolean,
  state: ParseState,
  sink: TableSink,
): number {
  const result = parser.parse(text, 0, !last) as unknown as PapaResult;
  const rows = result.data;
  const consumed = last ? text.length : result.meta.cursor;
  // Usually each row is one line; only when the chunk's line count says otherwise do we count per row.
  // Any line break counts (as an editor shows lines), also a bare \n inside a quoted field of a CRLF file.
  const simple =
    countOccurrences(text, state.dialect.newline, consumed) + (last ? 1 : 0) === rows.length &&
    !hasStrayBreak(text, state.dialect.newline, consumed);
  const unterminated = last && result.errors.some((e) => e.code === 'MissingQuotes');
  for (let r = 0; r < rows.length; r++) {
    const fields = rows[r] as string[];
    const line = state.line;
    state.line += simple ? 1 : 1 + fieldsLineBreaks(fields, state.dialect.newline);
    if (fields.length === 1 && isBlankText(fields[0] as string)) continue; // blank line
    if (!state.headerDone) {
      state.headerDone = true;
      state.width = fields.length;
      sink.columns(uniqueColumnNames(fields));
      continue;
    }
    if (unterminated && r === rows.length - 1) {
      sink.reject(line, 'a quoted field is never closed (the file may be truncated)');
      continue;
    }
    sink.row(fields, line);
  }
  return consumed;
}

/**
 * Line breaks inside a row's fields. A \r ending the row right before its \n terminator (a CRLF line in a
 * file whose line ending was found to be LF) is part of that one line break, not a line of its own.
 */
function fieldsLineBreaks(fields: readonly string[], newline: Newline): number {
  let n = 0;
  for (const field of fields) n += countLineBreaks(field, 0, field.length);
  const last = fields[fields.length - 1] ?? '';
  return newline === '\n' && last.endsWith('\r') ? n - 1 : n;
}

function countOccurrences(text: string, needle: string, to: number): number {
  let n = 0;
  for (let at = text.indexOf(needle); at !== -1 && at < to; at = text.indexOf(needle, at + needle.length))
    n++;
  return n;
}

/** Whether text[0, to) has a line break other than the file's line ending (a CR in an LF file, …). */
function hasStrayBreak(text: string, newline: Newline, to: number): boolean {
  const lf = text.indexOf('\n');
  if (newline === '\r') return lf !== -1 && lf < to;
  for (let at = text.indexOf('\r'); at !== -1 && at < to; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) return true;
  }
  if (newline === '\r\n') {
    for (let at = lf; at !== -1 && at < to; at = text.indexOf('\n', at + 1)) {
      if (text.charCodeAt(at - 1) !== 13) return true;
    }
  }
  return false;
}

/** Line breaks in text[from, to): \n, \r\n and a lone \r each count once. */
export function countLineBreaks(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) n++;
  for (let at = text.indexOf('\r', from); at !== -1 && at < to; at = text.indexOf('\r', at + 1)) {
    if (text.charCodeAt(at + 1) !== 10) n++;
  }
  return n;
}

/** Finds the line ending (first one outside quotes) and the delimiter most consistent over the first lines. */
export function sniffDialect(head: string): CsvDialect {
  const newline = sniffNewline(head);
  const lines = splitLinesOutsideQuotes(head, newline, 30);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const consistent = counts.filter((c) => c === headerCount).length / counts.length;
    const score = consistent * 1000 + headerCount;
    if (score > best.score) best = { delimiter, score };
  }
  return { delimiter: best.delimiter, newline };
}

function sniffNewline(head: string): Newline {
  let inQuotes = false;
  for (let i = 0; i < head.length; i++) {
    const c = head.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && c === 10) return '\n';
    else if (!inQuotes && c === 13) return head.charCodeAt(i + 1) === 10 ? '\r\n' : '\r';
  }
  return '\n';
}

function splitLinesOutsideQuotes(head: string, newline: Newline, max: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < head.length && lines.length < max; i++) {
    const c = head.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && head.startsWith(newline, i)) {
      if (i > start) lines.push(head.slice(start, i));
      start = i + newline.length;
    }
  }
  if (lines.length < max && start < head.length) lines.push(head.slice(start));
  return lines.length > 0 ? lines : [''];
}

function countOutsideQuotes(line: string, delimiter: string): number {
  let n = 0;
  let inQuotes = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === delimiter) n++;
  }
  return n;
}
