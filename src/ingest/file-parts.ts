/**
 * Reading one big CSV file as two parts at once (two workers on two cores). The first reader sniffs the
 * dialect, picks a row boundary near the middle, chooses the column mapping from the first rows, and hands
 * the second half to a PartReader with that mapping; it reads up to the boundary, then appends the part's
 * rows after its own. The result is the dataset and report one reader would have made, line numbers and
 * dictionary orders included (see DatasetBuilder.appendPart, and the differential tests).
 *
 * The boundary is a guess made without reading what comes before it: a quoted field with line breaks in it
 * could span it. So it is taken only where the line before it has no quote character, and the first reader
 * checks, when it gets there, that a row really ends there — otherwise it drops the part and reads on.
 */
import { getCatalog } from '../catalog/catalog-registry.ts';
import { type BuilderPart, DatasetBuilder } from '../dataset/dataset-builder.ts';
import { type ByteSource, concatBytes, readChunks } from './byte-source.ts';
import type { ColumnMapping } from './column-inference.ts';
import { type CsvDialect, type CsvSplit, readCsvBytes } from './csv-byte-reader.ts';
import { FileSink, type RejectedRow, type SinkStats } from './file-sink.ts';

/** What the part's reader needs to know of the file, as plain data (it crosses to another worker). */
export interface PartPlan {
  file: string;
  catalog: string;
  dialect: CsvDialect;
  headers: string[];
  mapping: ColumnMapping;
  /** Rejected rows to keep with their line (all are counted). */
  keepRejects: number;
  /** The longest row read, in characters (see record-limit.ts). */
  maxRecordChars: number;
}

/** A part's rows and findings; line numbers count from the part's first line (1). */
export interface FilePart {
  builder: BuilderPart;
  stats: SinkStats;
  rejectCount: number;
  rejectSample: RejectedRow[];
  bytes: number;
}

/** Reads a later part of a file, usually in another worker. */
export interface PartReader {
  /** Files smaller than this are read in one piece: below it, starting a second reader costs more. */
  readonly minBytes: number;
  read(
    source: ByteSource,
    start: number,
    end: number,
    plan: PartPlan,
    onBytes: (n: number) => void,
    signal: AbortSignal,
  ): Promise<FilePart>;
}

/** Reads the rows of a part of a file (bytes from a row boundary after the header): the second worker's job. */
export async function readPart(
  source: ByteSource,
  plan: PartPlan,
  onBytes: (n: number) => void,
  signal?: AbortSignal,
): Promise<FilePart> {
  const catalog = getCatalog(plan.catalog);
  const builder = new DatasetBuilder(catalog);
  let rejectCount = 0;
  const rejectSample: RejectedRow[] = [];
  const sink = new FileSink(plan.file, builder, catalog, undefined, (row) => {
    rejectCount++;
    if (rejectSample.length < plan.keepRejects) rejectSample.push(row);
  });
  sink.preset(plan.headers, plan.mapping);
  let bytes = 0;
  async function* counted(): AsyncGenerator<Uint8Array> {
    for await (const chunk of readChunks(source.stream(), undefined, signal)) {
      bytes += chunk.byteLength;
      onBytes(chunk.byteLength);
      yield chunk;
    }
  }
  await readCsvBytes(counted(), sink, {
    part: { dialect: plan.dialect },
    maxRecordChars: plan.maxRecordChars,
  });
  return { builder: builder.toPart(), stats: sink.stats(), rejectCount, rejectSample, bytes };
}

/** A PartReader that reads the part right here, when asked (tests; proves the merge without workers). */
export function inlinePartReader(minBytes = 0): PartReader {
  return {
    minBytes,
    read: (source, start, end, plan, onBytes, signal) => {
      if (!source.slice) return Promise.reject(new Error('the source cannot be read in parts'));
      return readPart(source.slice(start, end), plan, onBytes, signal);
    },
  };
}

/** Bytes looked at around the middle of the file for a boundary. */
const BOUNDARY_WINDOW = 256 * 1024;
const LF = 10;
const QUOTE = 34;

/**
 * A byte offset at or after `near` just after an LF, where the line before holds no quote character (so no
 * quoted field can be open across it unless one spans several lines before it — which the first reader
 * finds out when it gets there). Null when the window around `near` has none. Not after a CR: the first
 * reader cannot tell a CR that ends its bytes from the first half of a CRLF, so a file whose lines end in
 * CR alone is read in one part.
 */
export async function findBoundary(source: ByteSource, near: number, size: number): Promise<number | null> {
  if (!source.slice || near >= size) return null;
  const bytes = await readAll(source.slice(near, Math.min(size, near + BOUNDARY_WINDOW)));
  let previous = -1;
  for (let at = bytes.indexOf(LF); at >= 0; at = bytes.indexOf(LF, at + 1)) {
    if (previous >= 0) {
      const quote = bytes.indexOf(QUOTE, previous + 1);
      if ((quote < 0 || quote > at) && near + at + 1 < size) return near + at + 1;
    }
    previous = at;
  }
  return null;
}

async function readAll(source: ByteSource): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of readChunks(source.stream())) parts.push(chunk);
  return concatBytes(parts);
}

/**
 * One file read in two parts: the CsvSplit the first reader consults, which starts the part's reader once
 * the mapping is chosen and, at the boundary, waits for its rows. If the part's reader fails, the first
 * reader reads on (nothing is lost, only the time); cancelling the load cancels the part too.
 */
export class SplitRead implements CsvSplit {
  /** The part's rows once the first reader stopped at the boundary; its lines follow `lineOffset` lines. */
  result: { part: FilePart; lineOffset: number; boundary: number } | null = null;
  private at: number | null = null;
  private dialect: CsvDialect | null = null;
  private pending: Promise<FilePart> | null = null;
  /** The first reader got to the boundary: too late to start the part (rows longer than the sample). */
  private passed = false;
  private readonly partAbort = new AbortController();
  private readonly source: ByteSource;
  private readonly size: number;
  private readonly reader: PartReader;
  private readonly plan: Pick<PartPlan, 'file' | 'catalog' | 'keepRejects' | 'maxRecordChars'>;
  private readonly onBytes: (n: number) => void;
  private readonly signal: AbortSignal | undefined;

  constructor(
    source: ByteSource,
    size: number,
    reader: PartReader,
    plan: Pick<PartPlan, 'file' | 'catalog' | 'keepRejects' | 'maxRecordChars'>,
    onBytes: (n: number) => void,
    signal?: AbortSignal,
  ) {
    this.source = source;
    this.size = size;
    this.reader = reader;
    this.plan = plan;
    this.onBytes = onBytes;
    this.signal = signal;
  }

  async boundary(dialect: CsvDialect): Promise<number | null> {
    this.dialect = dialect;
    this.at = await findBoundary(this.source, Math.floor(this.size / 2), this.size);
    return this.at;
  }

  /** The mapping is chosen: the part's reader starts on the bytes after the boundary. */
  start(headers: readonly string[], mapping: ColumnMapping): void {
    if (this.at === null || this.dialect === null || this.pending !== null || this.passed) return;
    if (this.signal?.aborted) return;
    this.signal?.addEventListener('abort', () => this.partAbort.abort(), { once: true });
    const plan: PartPlan = { ...this.plan, dialect: this.dialect, headers: [...headers], mapping };
    this.pending = this.reader.read(
      this.source,
      this.at,
      this.size,
      plan,
      this.onBytes,
      this.partAbort.signal,
    );
    this.pending.catch(() => undefined); // answered in stop(); a load that failed before never asks
  }

  async stop(nextLine: number): Promise<boolean> {
    this.passed = true;
    if (this.pending === null || this.at === null) return false;
    try {
      this.result = { part: await this.pending, lineOffset: nextLine - 1, boundary: this.at };
      return true;
    } catch (error) {
      if (this.signal?.aborted) throw error;
      return false; // read on here
    }
  }

  /** Ends the part's reader if its rows were not taken (read here after all, or the load failed). */
  close(): void {
    if (this.result === null) this.partAbort.abort();
  }
}
