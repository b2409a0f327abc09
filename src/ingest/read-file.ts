import type { Catalog } from '../catalog/catalog-types.ts';
import type { DatasetBuilder } from '../dataset/dataset-builder.ts';
import type { ColumnMapping, MappingOverride } from './column-inference.ts';
import { readCsvBytes } from './csv-byte-reader.ts';
import { readCsv } from './csv-reader.ts';
import type { FamilyChoice } from './family-detection.ts';
import { FileSink, type RejectedRow } from './file-sink.ts';
import { IngestError } from './ingest-error.ts';
import { readJson } from './json-reader.ts';
import type { LoadBudget } from './load-budget.ts';
import { byteChunks, decodeChunks, type OpenedBytes } from './text-stream.ts';

/** Rejected rows kept with file, line and reason; all of them are counted. */
export const REJECTED_SAMPLE_SIZE = 1000;

export type FileFormat = 'csv' | 'json' | 'ndjson';

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
}

/** How a file's text was read. */
interface FormatRead {
  format: FileFormat;
  delimiter: string | null;
  newline: string | null;
}

/**
 * Reads one file's rows into the load's builder: UTF-8 CSV straight from its bytes, anything else as text (CSV through PapaParse, JSON, NDJSON). `sizeHint`: the file's
 * size when its bytes are its rows (see FileSink).
 */
export async function readFile(
  name: string,
  opened: OpenedBytes,
  load: Load,
  sizeHint: number | null,
): Promise<ReadFile> {
  const { builder, catalog, catalogs, mapping, rejects, budget, beforeChunk, maxRecordChars } = load;
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
  if (opened.encoding === 'utf-8' && first !== null && first !== '[' && first !== '{') {
    // the common case, read straight from bytes
    const lender = chunks.lender;
    const result = await readCsvBytes(byteChunks(chunks), sink, { lender, maxRecordChars });
    read = { format: 'csv', delimiter: result.delimiter, newline: result.newline };
  } else {
    read = await readText(name, chunks, sink, maxRecordChars);
  }
  sink.finish();
  return {
    name,
    ...read,
    encoding: opened.encoding,
    bytes: counted.bytes,
    rowsRead: sink.rowsRead,
    rowsRejected: sink.rowsRejected,
    otherRecords: sink.otherRecords,
    headers: sink.headers,
    mapping: sink.mapping as ColumnMapping,
    catalog: fileCatalog(sink, catalogs),
    warnings: sink.warnings,
  };
}

/** A file read as text: JSON or NDJSON when it starts with a bracket, else CSV through PapaParse. */
async function readText(
  name: string,
  opened: OpenedBytes,
  sink: FileSink,
  maxRecordChars: number,
): Promise<FormatRead> {
  const text = await firstNonBlank(decodeChunks(opened, (line) => sink.badBytes(line)));
  if (text.first === null) throw new IngestError(name, 'the file holds only blank space.');
  if (text.first === '[' || text.first === '{') {
    return { format: await readJson(text.chunks, sink, maxRecordChars), delimiter: null, newline: null };
  }
  const { delimiter, newline } = await readCsv(text.chunks, sink, maxRecordChars);
  return { format: 'csv', delimiter, newline };
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

/** The first non-blank character of a UTF-8 head, or null when the head is all blank space. */
function firstNonBlankByte(opened: OpenedBytes): string | null {
  const head = opened.head;
  let i = head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? 3 : 0;
  for (; i < head.byteLength; i++) {
    const b = head[i] as number;
    if (b !== 32 && b !== 9 && b !== 10 && b !== 13) return String.fromCharCode(b);
  }
  return null;
}

/** The first non-blank character of the text (format sniffing), and the chunks with nothing consumed. */
async function firstNonBlank(
  chunks: AsyncGenerator<string>,
): Promise<{ first: string | null; chunks: AsyncGenerator<string> }> {
  const seen: string[] = [];
  let first: string | null = null;
  for (;;) {
    const next = await chunks.next();
    if (next.done) break;
    seen.push(next.value);
    const at = next.value.search(/[^\s\ufeff]/);
    if (at >= 0) {
      first = next.value[at] as string;
      break;
    }
  }
  async function* replay(): AsyncGenerator<string> {
    yield* seen;
    yield* chunks;
  }
  return { first, chunks: replay() };
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
