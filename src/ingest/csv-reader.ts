import Papa from 'papaparse';
import { RowSkipper } from './csv-row-skipper.ts';
import { MAX_RECORD_CHARS } from './record-limit.ts';
import type { TableSink } from './table-sink.ts';
import { carriedTextBytes, isBlankText, uniqueColumnNames } from './table-sink.ts';

/** Enough text to see the header and a few rows before choosing delimiter and line ending. */
const SNIFF_CHARS = 64 * 1024;
const DELIMITERS = [',', ';', '\t', '|'] as const;

export type Newline = '\n' | '\r\n' | '\r';

export interface CsvDialect {
  delimiter: string;
  /** The file's first line ending, as reported; every line ending (LF, CRLF, CR) ends a row. */
  newline: Newline;
}

export interface SniffedDialect extends CsvDialect {
  /** Characters of Excel's `sep=X` first line, its line break included; 0 when there is none. */
  sepLine: number;
}

/**
 * Streams CSV text through PapaParse's parser, chunk by chunk: the incomplete last row of a chunk is
 * carried into the next one, so rows, quoted newlines, CRLF pairs and multi-byte characters that straddle a
 * chunk boundary come out whole. The delimiter is chosen by us from the first 64 KB — never from whatever a
 * tiny first chunk happens to hold. A row longer than `maxRecordChars` (see record-limit.ts) is rejected
 * with its line and skipped without being held (see parseBounded).
 */
export async function readCsv(
  chunks: AsyncIterable<string>,
  sink: TableSink,
  maxRecordChars = MAX_RECORD_CHARS,
): Promise<CsvDialect> {
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
  const { sepLine, ...dialect } = sniffDialect(head);
  const parser = new Papa.Parser({ delimiter: dialect.delimiter, newline: '\n' });
  const state: ParseState = { dialect, headerDone: false, line: sepLine > 0 ? 2 : 1, width: 0 };
  let skipper: RowSkipper | null = null;
  /** Reads the rows of `text` and returns the text of an incomplete last row (none when `last`). */
  const take = (text: string, last: boolean): string => {
    let at = 0;
    for (;;) {
      if (skipper !== null) {
        const end = skipper.scanText(text, at);
        if (end < 0 && !last) return '';
        skipper.end(state, sink);
        skipper = null;
        if (end < 0) return '';
        at = end;
      }
      const rest = at === 0 ? text : text.slice(at);
      const { consumed, overLong } = parseBounded(parser, rest, last, state, sink, maxRecordChars);
      at += consumed;
      if (!overLong) return text.slice(at);
      skipper = new RowSkipper(dialect.delimiter, maxRecordChars);
    }
  };

  let pending = head.slice(sepLine);
  // batch small chunks (fewer parser calls); and while one row is longer than what is pending, gather as
  // much again before parsing it again, so a row of many megabytes is not re-parsed for every chunk
  let batch = SNIFF_CHARS;
  while (!ended) {
    const next = await iterator.next();
    if (next.done) {
      ended = true;
      break;
    }
    if (skipper !== null) {
      pending = take(next.value, false);
      continue;
    }
    pending += next.value;
    if (pending.length < batch) continue;
    pending = take(pending, false);
    batch = Math.max(SNIFF_CHARS, 2 * pending.length);
    // the text of a row that has not ended (0 when what is left is short)
    sink.carrying?.(pending.length > SNIFF_CHARS ? carriedTextBytes(batch) : 0);
  }
  if (pending.length > 0 || skipper !== null) take(pending, true);
  if (!state.headerDone) sink.columns([]);
  return dialect;
}

/**
 * parseSome, for rows of at most `limit` characters (their line break aside): text is given to PapaParse in
 * windows of limit + 1 characters at most, so a longer row never ends inside one and is never made a string
 * of its own. When no row ends in a window, the row at its start is longer than the limit: parsing stops
 * there (`overLong`), for the caller to skip it. A CR at a window's end may be half a CRLF: the window takes
 * the character after it too.
 */
export function parseBounded(
  parser: InstanceType<typeof Papa.Parser>,
  text: string,
  last: boolean,
  state: ParseState,
  sink: TableSink,
  limit: number,
): { consumed: number; overLong: boolean } {
  let at = 0;
  while (text.length - at > limit) {
    let to = at + limit + 1;
    if (text.charCodeAt(to - 1) === 13) {
      if (to === text.length) {
        if (!last) return { consumed: at, overLong: false };
        break;
      }
      to++;
    }
    const consumed = parseSome(parser, text.slice(at, to), false, state, sink);
    if (consumed === 0) return { consumed: at, overLong: true };
    at += consumed;
  }
  if (at < text.length) at += parseSome(parser, at === 0 ? text : text.slice(at), last, state, sink);
  return { consumed: at, overLong: false };
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

/**
 * Parses complete rows of `text` (all of it when `last`) and returns how many characters were consumed.
 * Every line break ends a row, whichever the file's first one was (exports get concatenated): PapaParse
 * splits at LF, a CR alone is made an LF (the same length, so the cursor still counts `text`), and a
 * CRLF's CR is dropped from the unquoted last field it ends (after a quoted one PapaParse skips it as
 * white space). So inside a quoted value, a CR alone reads as LF.
 */
export function parseSome(
  parser: InstanceType<typeof Papa.Parser>,
  text: string,
  last: boolean,
  state: ParseState,
  sink: TableSink,
): number {
  const input = lineFeedsOnly(text, last);
  const result = parser.parse(input, 0, !last) as unknown as PapaResult;
  const rows = result.data;
  const consumed = last ? text.length : result.meta.cursor;
  // Usually each row is one line; only when the chunk's line count says otherwise do we count per row.
  const simple = countLineFeeds(input, 0, consumed) + (last ? 1 : 0) === rows.length;
  const unterminated = last && result.errors.some((e) => e.code === 'MissingQuotes');
  for (let r = 0; r < rows.length; r++) {
    const fields = rows[r] as string[];
    const lastField = fields[fields.length - 1] as string;
    if (lastField.endsWith('\r')) fields[fields.length - 1] = lastField.slice(0, -1);
    const line = state.line;
    state.line += simple ? 1 : 1 + fieldsLineBreaks(fields);
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

const LONE_CR = /\r(?!\n)/g;

/** `text` with each CR that is not followed by LF made an LF; a CR ending unfinished text is kept (its LF
 * may be in the next chunk). */
function lineFeedsOnly(text: string, last: boolean): string {
  if (!text.includes('\r')) return text;
  const open = !last && text.endsWith('\r');
  const body = (open ? text.slice(0, -1) : text).replace(LONE_CR, '\n');
  return open ? `${body}\r` : body;
}

/** Line breaks inside a row's fields, every one an LF by now (a CRLF inside quotes is one). */
function fieldsLineBreaks(fields: readonly string[]): number {
  let n = 0;
  for (const field of fields) n += countLineFeeds(field, 0, field.length);
  return n;
}

function countLineFeeds(text: string, from: number, to: number): number {
  let n = 0;
  for (let at = text.indexOf('\n', from); at !== -1 && at < to; at = text.indexOf('\n', at + 1)) n++;
  return n;
}

/**
 * Finds the line ending (first one outside quotes) and the delimiter most consistent over the first lines,
 * or the delimiter that Excel's first line `sep=X` names (that line is then no part of the table).
 */
export function sniffDialect(head: string): SniffedDialect {
  const sep = SEP_LINE.exec(head);
  if (sep !== null) {
    const delimiter = (sep[1] ?? sep[2]) as string;
    return { delimiter, newline: sniffNewline(head), sepLine: sep[0].length };
  }
  const newline = sniffNewline(head);
  const lines = splitLinesOutsideQuotes(head, 30);
  let best: { delimiter: string; score: number } = { delimiter: ',', score: 0 };
  for (const delimiter of DELIMITERS) {
    const counts = lines.map((line) => countOutsideQuotes(line, delimiter));
    const headerCount = counts[0] ?? 0;
    if (headerCount === 0) continue;
    const consistent = counts.filter((c) => c === headerCount).length / counts.length;
    const score = consistent * 1000 + headerCount;
    if (score > best.score) best = { delimiter, score };
  }
  return { delimiter: best.delimiter, newline, sepLine: 0 };
}

/**
 * `sep=;` or `"sep=;"`, then a line break or the end: X is one ASCII character that can delimit (not a
 * quote, letter, digit or line break), as the byte reader compares it with single bytes.
 */
const SEP_LINE = /^(?:"sep=([\t -!#-/:-@[-`{-~])"|sep=([\t -!#-/:-@[-`{-~]))[ \t]*(?:\r\n|\n|\r|$)/i;

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

/** Lines ended by any line break (a CRLF is one) outside quotes. */
function splitLinesOutsideQuotes(head: string, max: number): string[] {
  const lines: string[] = [];
  let inQuotes = false;
  let start = 0;
  for (let i = 0; i < head.length && lines.length < max; i++) {
    const c = head.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes && (c === 10 || c === 13)) {
      if (i > start) lines.push(head.slice(start, i));
      if (c === 13 && head.charCodeAt(i + 1) === 10) i++;
      start = i + 1;
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
