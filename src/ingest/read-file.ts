import type { Catalog } from '../catalog/catalog-types.ts';
import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
import { concatBytes } from './byte-source.ts';
import type { ColumnMapping, MappingOverride } from './column-inference.ts';
import { readCsvBytes } from './csv-byte-reader.ts';
import { readCsv } from './csv-reader.ts';
import type { FamilyChoice } from './family-detection.ts';
import { FileSink, type RejectedRow } from './file-sink.ts';
import { IngestError } from './ingest-error.ts';
import type { LoadBudget } from './load-budget.ts';
import { type RandomAccess, readParquet } from './parquet-reader.ts';
import { loadRowScanner } from './row-scan.ts';
import { byteChunks, decodeChunks, type OpenedBytes } from './text-stream.ts';

/** Rejected rows kept with file, line and reason; all of them are counted. */
export const REJECTED_SAMPLE_SIZE = 1000;

export type FileFormat = 'csv' | 'json' | 'ndjson' | 'xml' | 'parquet';

export interface FileReport {
  /** The file's name; a file from a ZIP archive is "archive.zip/path/in/archive.csv". */
  name: string;
  format: FileFormat;
  encoding: string;
  /** "zip": the file came out of a ZIP archive. */
  compressed: 'gzip' | 'zip' | null;
  /** CSV only. */
  delimiter: string | null;
  newline: string | null;
  /** Bytes read, after decompression. */
  bytes: number;
  rowsRead: number;
  /**
   * Of rowsRead, those a fast path read: CSV rows the row scanner read (WebAssembly SIMD: see row-scan.ts),
   * JSON records read from their bytes (json-flat-record.ts); the rest took the JSON.parse / JS path.
   */
  rowsScanned: number;
  rowsRejected: number;
  /** Records that carry no result (another alert type, another LwM2M resource): neither rows nor rejects. */
  otherRecords: number;
  headers: string[];
  mapping: ColumnMapping;
  catalog: FileCatalog;
}

/** The family that read a file, why, and how much of it it recognised. */
export interface FileCatalog {
  id: string;
  title: string;
  reason: string;
  /** Rows whose result the family recognised, each weighing its count (see Recognition). */
  recognised: number;
  total: number;
  /** Set when each record was read in the family its alert type or resource names. */
  perRecord?: { column: string };
  /** Whether the user named the family (else it was detected). */
  given: boolean;
}

export interface Rejects {
  count: number;
  sample: RejectedRow[];
}

interface ReadFile extends Omit<FileReport, 'compressed'> {
  warnings: string[];
}

/** What every file of one load reads into, and checks between chunks. */
export interface Load {
  builder: DatasetBuilder;
  /** The family every file is read in; null: detected per file among `catalogs`. */
  catalog: Catalog | null;
  catalogs: readonly Catalog[];
  mapping: MappingOverride | undefined;
  rejects: Rejects;
  budget: LoadBudget;
  /** Before each chunk of (decompressed) bytes is read: a turn for the caller, then cancelled or too large. */
  beforeChunk: () => Promise<void> | undefined;
  /** The longest row or record read, in characters. */
  maxRecordChars: number;
  /** See IngestOptions.rowScan. */
  rowScan: boolean;
  /** See IngestOptions.jsonBytes. */
  jsonBytes: boolean;
}

/** How a file's text was read. */
interface FormatRead {
  format: FileFormat;
  delimiter: string | null;
  newline: string | null;
}

/**
 * Reads one file's rows into the load's builder: UTF-8 CSV straight from its bytes, Parquet by row group,
 * anything else as text (CSV through PapaParse, JSON, NDJSON). `sizeHint`: the file's size when its bytes
 * are its rows (see FileSink). `random`: the same bytes as `opened`, read in any order, where the source can.
 */
export async function readFile(
  name: string,
  opened: OpenedBytes,
  load: Load,
  sizeHint: number | null,
  random: RandomAccess | null = null,
): Promise<ReadFile> {
  const { builder, catalog, catalogs, mapping, rejects, budget, beforeChunk, maxRecordChars, rowScan } = load;
  // the rows from here on are this file's: the dataset's `source file` dimension (source-file.ts)
  builder.markSource(name);
  const onReject = (row: RejectedRow) => {
    rejects.count++;
    if (rejects.sample.length < REJECTED_SAMPLE_SIZE) rejects.sample.push(row);
  };
  const sink = new FileSink({
    file: name,
    builder,
    catalog,
    catalogs,
    override: mapping,
    onReject,
    sizeHint,
    budget,
    rowScan,
  });
  budget.reading(sink);
  const counted = { bytes: opened.head.byteLength };
  const chunks: OpenedBytes = {
    ...opened,
    rest: eachChunk(opened.rest, beforeChunk, (chunk) => {
      counted.bytes += chunk.byteLength;
    }),
  };
  const first = firstNonBlankByte(opened);
  let read: FormatRead;
  if (opened.binaryFormat === 'parquet') {
    const file = await parquetAccess(opened, chunks, random, sink);
    counted.bytes = file.size;
    await readParquet(name, file, sink, { beforeRowGroup: beforeChunk });
    read = { format: 'parquet', delimiter: null, newline: null };
  } else if (
    opened.encoding === 'utf-8' &&
    first !== null &&
    !'[{'.includes(first[0] as string) &&
    !isXmlStart(first) &&
    !isXmlName(name)
  ) {
    // the common case, read straight from bytes
    const lender = chunks.lender;
    if (rowScan) await loadRowScanner();
    const result = await readCsvBytes(byteChunks(chunks), sink, { lender, maxRecordChars });
    read = { format: 'csv', delimiter: result.delimiter, newline: result.newline };
  } else if (load.jsonBytes && isUtf8Json(opened, first, name)) {
    // JSON and NDJSON in UTF-8: flat records read straight from bytes once the mapping is chosen. The JSON
    // readers are a chunk of their own, fetched only for a JSON file (the page's budget of JS before a file)
    const { readJsonBytes } = await import('./json-byte-reader.ts');
    const format = await readJsonBytes(byteChunks(chunks), sink, maxRecordChars, chunks.lender);
    read = { format, delimiter: null, newline: null };
  } else {
    read = await readText(name, chunks, sink, load);
  }
  sink.finish();
  return {
    name,
    ...read,
    encoding: opened.encoding,
    bytes: counted.bytes,
    rowsRead: sink.rowsRead,
    rowsScanned: sink.rowsScanned,
    rowsRejected: sink.rowsRejected,
    otherRecords: sink.otherRecords,
    headers: sink.headers,
    mapping: sink.mapping as ColumnMapping,
    catalog: fileCatalog(sink, catalogs),
    warnings: sink.warnings,
  };
}

/** A UTF-8 file that readText would read as JSON: it starts with a bracket, and is not named as XML. */
function isUtf8Json(opened: OpenedBytes, first: string | null, name: string): boolean {
  return (
    opened.encoding === 'utf-8' && first !== null && '[{'.includes(first[0] as string) && !isXmlName(name)
  );
}

/** A file named as XML (also inside an archive, or gzipped): read as XML whatever its first character. */
function isXmlName(name: string): boolean {
  return /\.xml(?:\.gz)?$/i.test(name);
}

/**
 * A file read as text: XML when it starts with `<` or is named .xml, JSON or NDJSON when it starts with a
 * bracket, else CSV through PapaParse.
 */
async function readText(
  name: string,
  opened: OpenedBytes,
  sink: FileSink,
  { maxRecordChars, jsonBytes }: Pick<Load, 'maxRecordChars' | 'jsonBytes'>,
): Promise<FormatRead> {
  const text = await firstNonBlank(decodeChunks(opened, (line) => sink.badBytes(line)));
  if (text.first === null) throw new IngestError(name, 'the file holds only blank space.');
  if (isXmlStart(text.first) || isXmlName(name)) {
    // the SyncML reader (and its XML tokenizer) is a chunk of its own, fetched only for an XML file
    const { readSyncml } = await import('./syncml-reader.ts');
    await readSyncml(name, text.chunks, sink);
    return { format: 'xml', delimiter: null, newline: null };
  }
  if (text.first[0] === '[' || text.first[0] === '{') {
    const { readJson } = await import('./json-reader.ts');
    const format = await readJson(text.chunks, sink, maxRecordChars, jsonBytes ? sink : null);
    return { format, delimiter: null, newline: null };
  }
  const { delimiter, newline } = await readCsv(text.chunks, sink, maxRecordChars);
  return { format: 'csv', delimiter, newline };
}

/**
 * A Parquet file's bytes in any order: the source's own where it can read them so (only what the reader
 * needs is read), else the whole file gathered in memory (from a pipe, gzip or a ZIP entry), counted
 * against the load's memory as it grows.
 */
async function parquetAccess(
  opened: OpenedBytes,
  chunks: OpenedBytes,
  random: RandomAccess | null,
  sink: FileSink,
): Promise<RandomAccess> {
  if (random !== null) {
    await opened.rest.return(undefined);
    return random;
  }
  const parts: Uint8Array[] = [];
  let held = 0;
  for await (const chunk of byteChunks(chunks)) {
    parts.push(chunk.slice());
    held += chunk.byteLength;
    sink.carrying(held);
  }
  const bytes = concatBytes(parts);
  return { size: bytes.byteLength, held, slice: async (start, end) => bytes.subarray(start, end) };
}

async function* eachChunk(
  chunks: AsyncGenerator<Uint8Array>,
  before: () => Promise<void> | undefined,
  onChunk: (chunk: Uint8Array) => void,
): AsyncGenerator<Uint8Array> {
  for await (const chunk of chunks) {
    const pause = before();
    if (pause !== undefined) await pause;
    onChunk(chunk);
    yield chunk;
  }
}

/** Characters a format is told by, from the first non-blank one (`<!DOCTYPE` is the longest). */
const SNIFF_CHARS = 9;

/**
 * Whether text that starts so (its first SNIFF_CHARS non-blank characters) is XML: a start tag (`<SyncML`, a
 * name then white space, `>`, `/` or the end of what is sniffed), an XML declaration (`<?xml`), a comment
 * or a DOCTYPE — not a CSV header cell such as `<`, `<?` or `<A,`.
 */
function isXmlStart(start: string): boolean {
  if (start[0] !== '<') return false;
  const second = start[1];
  if (second === undefined) return false;
  if (second === '?') return /^<\?xml(?:[\s?]|$)/.test(start);
  if (second === '!') return start.startsWith('<!--') || /^<!doctype/i.test(start);
  return XML_START_TAG.test(start);
}

/** `<`, an XML name (characters past ASCII allowed), then what may follow a name in a start tag. */
const XML_START_TAG = /^<[A-Za-z_:\u0080-\uffff][\w.:\-\u0080-\uffff]*(?:[\s>/]|$)/;

/**
 * The first non-blank character of a UTF-8 head and the one after it (a byte past ASCII as a character
 * above U+007F), or null when the head is all blank space.
 */
function firstNonBlankByte(opened: OpenedBytes): string | null {
  const head = opened.head;
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (; i < head.byteLength; i++) {
    const b = head[i] as number;
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13) {
      return String.fromCharCode(...head.subarray(i, i + SNIFF_CHARS));
    }
  }
  return null;
}

/**
 * The first non-blank character of the text and the one after it (format sniffing), and the chunks with
 * nothing consumed.
 */
async function firstNonBlank(
  chunks: AsyncGenerator<string>,
): Promise<{ first: string | null; chunks: AsyncGenerator<string> }> {
  const seen: string[] = [];
  let text = '';
  let at = -1;
  // gathered across chunks (a chunk may hold one character): SNIFF_CHARS from the first non-blank one
  for (;;) {
    if (at >= 0 && text.length >= at + SNIFF_CHARS) break;
    const next = await chunks.next();
    if (next.done) break;
    seen.push(next.value);
    text += next.value;
    if (at < 0) at = text.search(/[^\s\ufeff]/);
  }
  async function* replay(): AsyncGenerator<string> {
    yield* seen;
    yield* chunks;
  }
  return { first: at < 0 ? null : text.slice(at, at + SNIFF_CHARS), chunks: replay() };
}

function fileCatalog(sink: FileSink, catalogs: readonly Catalog[]): FileCatalog {
  const choice = sink.choice as FamilyChoice;
  const { recognised, total } = sink.recognition();
  const title = catalogs.find((c) => c.id === choice.family)?.title ?? choice.family;
  const { family: id, reason, perRecord } = choice;
  const given = choice.given === true;
  return perRecord === undefined
    ? { id, title, reason, recognised, total, given }
    : { id, title, reason, recognised, total, given, perRecord };
}
