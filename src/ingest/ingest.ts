import { CATALOGS, defaultCatalog, getCatalog } from '../catalog/catalog-registry.ts';
import type { Catalog } from '../catalog/catalog-types.ts';
import type { Dataset } from '../dataset/dataset.ts';
import { DatasetBuilder } from '../dataset/dataset-builder.ts';
import { abortError, type ByteSource } from './byte-source.ts';
import type { ColumnMapping, MappingOverride } from './column-inference.ts';
import type { RejectedRow } from './file-sink.ts';
import { IngestError } from './ingest-error.ts';
import { asIngestError, tooLarge } from './ingest-failure.ts';
import { LoadBudget, TooLargeError } from './load-budget.ts';
import type { RandomAccess } from './parquet-reader.ts';
import { type FileReport, type Load, type Rejects, readFile } from './read-file.ts';
import { MAX_RECORD_CHARS } from './record-limit.ts';
import { loadRowScanner } from './row-scan.ts';
import { byteChunks, type OpenedBytes, openBytes, openChunks } from './text-stream.ts';

export type { ByteSource } from './byte-source.ts';
export { blobSource, bytesSource } from './byte-source.ts';
export type { ColumnMapping, MappingOverride } from './column-inference.ts';
export { IngestError } from './ingest-error.ts';
export type { FileCatalog, FileFormat, FileReport } from './read-file.ts';
export { REJECTED_SAMPLE_SIZE } from './read-file.ts';

export interface IngestProgress {
  file: string;
  fileIndex: number;
  files: number;
  bytesRead: number;
  totalBytes: number | null;
  rows: number;
}

/**
 * The load so far, offered before each chunk is read (IngestOptions.onPartial): what has been read and, on
 * request, the rows appended so far as a dataset.
 */
export interface PartialLoad {
  /** Bytes of the sources whose rows are in (read before the chunk about to be parsed), across files. */
  bytesRead: number;
  /** Bytes of all the sources; null when a source's size is unknown (a pipe). */
  totalBytes: number | null;
  /** How many sources the load reads. */
  files: number;
  /** Rows appended so far, and rejected so far. */
  rows: number;
  rowsRejected: number;
  /**
   * The rows so far (DatasetBuilder.snapshot): views of the growing columns, valid only until ingest goes
   * on, so ask for figures at once. It costs a scan of the rows: the caller decides how often.
   */
  snapshot(): Dataset;
}

export interface IngestOptions {
  mapping?: MappingOverride;
  /** The family every row is read in; default: the family of the default catalog's id in `catalogs`. */
  catalog?: Catalog;
  /**
   * The catalogs to read with, each at most once per id: the registry's (the default) or those with the
   * user's profiles applied (see withProfiles).
   */
  catalogs?: readonly Catalog[];
  onProgress?: (progress: IngestProgress) => void;
  /** Called before each chunk is read (see PartialLoad), before `pause`. */
  onPartial?: (partial: PartialLoad) => void;
  /** Looked at before each chunk of bytes is read, whatever it came out of (a file, gzip data, a ZIP entry). */
  signal?: AbortSignal;
  /**
   * Called before each chunk of bytes is read; ingest waits for the promise it may return. A worker gives
   * its event loop a turn there now and then, so that a Cancel is seen also while ingest reads bytes that
   * come without a read of the source (a ZIP entry decompressed from a chunk of the archive read earlier).
   */
  pause?: () => Promise<void> | undefined;
  /** Re-cut the byte stream into chunks of this many bytes (tests use a few bytes). */
  chunkSize?: number;
  /**
   * Refuse to go on once the load would hold more than this many bytes — the dataset's columns and string
   * tables, the file's byte dictionaries and sample rows, text carried between chunks (see LoadBudget): a
   * clear message instead of a tab or process that dies out of memory. Default 512 MiB.
   */
  maxDatasetBytes?: number;
  /**
   * The longest CSV row, JSON record or NDJSON line read, in characters; a longer one is rejected with its
   * line, without being held (see record-limit.ts). Default MAX_RECORD_CHARS, 64 million; tests lower it.
   */
  maxRecordChars?: number;
  /**
   * Whether runs of plain CSV rows are read by the row scanner (WebAssembly SIMD, row-scan.ts) where it
   * runs. Default true; false reads every row on the JavaScript path (the differential tests compare them).
   */
  rowScan?: boolean;
}

/**
 * The bytes a load may hold before ingest stops with a message (see IngestOptions.maxDatasetBytes). The
 * page's processes take ~1 GB before a file is chosen, and the engine's garbage and the copies of growing
 * columns come on top of what the load holds: at 768 MiB the distinct-ids bomb (memory-bombs.spec.ts) took
 * the renderer up by 0.95 GB and the page to 1.90–2.00 GB, too close to 2 GB. At 512 MiB it is refused well
 * under; the benchmark's 10M-row dataset holds 0.2 GB, so real logs keep 2.5× room.
 */
export const DEFAULT_MAX_DATASET_BYTES = 512 * 2 ** 20;

export type { RejectedRow } from './file-sink.ts';

export interface IngestReport {
  files: FileReport[];
  /** The formats read, e.g. "csv" or "csv+ndjson". */
  format: string;
  rowsRead: number;
  rowsRejected: number;
  /** Records that carry no result, over all files (see FileReport.otherRecords). */
  otherRecords: number;
  rejectedSample: RejectedRow[];
  /** The merged mapping across files, as the summary JSON reports it. */
  columns: {
    code: string;
    /** The status-word column(s), " | "-joined across files; null when no file has one. */
    status: string | null;
    time: string | null;
    device: string | null;
    /** The per-row count column, and an aggregate's distinct-devices column (see ColumnMapping). */
    count: string | null;
    deviceCount: string | null;
    dimensions: string[];
  };
  warnings: string[];
}

export interface IngestResult {
  dataset: Dataset;
  report: IngestReport;
}

/**
 * How each file's rows are read: the row limit, and whether the row scanner may read plain CSV rows. When it
 * may, its module starts loading now, while the first file is opened and sniffed (read-file.ts awaits it).
 */
function readOptions(options: IngestOptions): Pick<Load, 'maxRecordChars' | 'rowScan'> {
  const rowScan = options.rowScan ?? true;
  if (rowScan) void loadRowScanner();
  return { maxRecordChars: options.maxRecordChars ?? MAX_RECORD_CHARS, rowScan };
}

/**
 * Reads one or more files into one dataset: sniffs each file's format from its content, streams it, finds
 * the column mapping from the first rows, and appends every row (or a rejection with file, line and reason).
 * A ZIP archive's CSV and JSON files are each read as a file of their own. Throws IngestError, with a
 * message for the user, when a file cannot be analysed at all — and for nothing else but cancelling
 * (an AbortError).
 */
export async function ingest(
  sources: readonly ByteSource[],
  options: IngestOptions = {},
): Promise<IngestResult> {
  const catalogs = options.catalogs ?? CATALOGS;
  const catalog = options.catalog ?? chosenCatalog(options.mapping?.catalog, catalogs);
  const builder = new DatasetBuilder(
    catalog ?? catalogs.find((c) => c.id === defaultCatalog.id) ?? defaultCatalog,
  );
  const files: FileReport[] = [];
  const warnings: string[] = [];
  const rejects = { count: 0, sample: [] as RejectedRow[] };
  let bytesBefore = 0;
  const totalBytes = sources.every((s) => s.size !== null)
    ? sources.reduce((sum, s) => sum + (s.size ?? 0), 0)
    : null;
  const maxBytes = options.maxDatasetBytes ?? DEFAULT_MAX_DATASET_BYTES;
  let current = sources[0]?.name ?? '';
  const budget = new LoadBudget(maxBytes, (held, carried) =>
    tooLarge(current, builder.rowCount, maxBytes, carried > held ? carried : 0),
  );
  budget.hold(builder);
  const read = { now: 0, last: 0, totalBytes, files: sources.length };
  const offerPartial = partialOffer(options.onPartial, builder, rejects, read);

  const load: Load = {
    builder,
    catalog,
    catalogs,
    mapping: options.mapping,
    rejects,
    budget,
    beforeChunk: chunkGate(options, budget, offerPartial),
    ...readOptions(options),
  };

  const readOne = async (
    name: string,
    opened: OpenedBytes,
    compressed: FileReport['compressed'],
    sizeHint: number | null = null,
    random: RandomAccess | null = null,
  ) => {
    current = name;
    const file = await readFile(name, opened, load, sizeHint, random);
    budget.check();
    files.push({ ...file, compressed: compressed ?? opened.compressed });
    for (const w of [...opened.warnings, ...file.warnings]) warnings.push(`${name}: ${w}`);
  };

  try {
    for (const [fileIndex, source] of sources.entries()) {
      if (options.signal?.aborted) throw abortError();
      current = source.name;
      let bytes = 0;
      let lastReport = 0;
      const report = (force: boolean) => {
        if (!options.onProgress || (!force && bytes - lastReport < 1 << 20)) return;
        lastReport = bytes;
        options.onProgress({
          file: source.name,
          fileIndex,
          files: sources.length,
          bytesRead: bytesBefore + bytes,
          totalBytes,
          rows: builder.rowCount + rejects.count,
        });
      };
      const onBytes = (n: number) => {
        bytes += n;
        read.now = bytesBefore + bytes;
        read.last = n;
        report(false);
      };
      const opened = await openBytes(source.name, source.stream(), source.size, {
        onBytes,
        chunkSize: options.chunkSize,
        signal: options.signal,
        lender: source.lender,
      });
      if (opened.compressed === 'zip') {
        await readArchive(source.name, opened, readOne, options, warnings, rejects);
      } else {
        // the bytes of a file that is not compressed are its rows: its size says how many to make room for
        const plain = opened.compressed === null;
        const random = plain
          ? randomAccess(source, (n) => onBytes(Math.max(0, Math.min(n, (source.size ?? 0) - bytes))))
          : null;
        await readOne(source.name, opened, null, plain ? source.size : null, random);
      }
      report(true);
      bytesBefore += bytes;
    }
    warnings.push(...builder.warnings);
  } catch (error) {
    throw asIngestError(error, current, builder.rowCount, maxBytes);
  }
  const dataset = builder.build();
  return { dataset, report: ingestReport(files, rejects, dataset, warnings) };
}

/**
 * Offers the load so far to `onPartial` (null without one). `read`: bytes read so far across files (`now`)
 * and in the last read (`last`), the chunk about to be parsed: the rows so far come from the bytes before
 * it (a compressed file's last read may have been parsed in part: its share is then said low, never high);
 * and the whole input's bytes and files.
 */
function partialOffer(
  onPartial: IngestOptions['onPartial'],
  builder: DatasetBuilder,
  rejects: Rejects,
  read: { now: number; last: number; totalBytes: number | null; files: number },
): (() => void) | null {
  if (onPartial === undefined) return null;
  return () => {
    onPartial({
      bytesRead: read.now - read.last,
      totalBytes: read.totalBytes,
      files: read.files,
      rows: builder.rowCount,
      rowsRejected: rejects.count,
      snapshot: () => builder.snapshot(),
    });
  };
}

/**
 * What runs before each chunk is read: the caller's pause (its turn), then cancelled or too large — at once
 * when the caller gives no pause.
 */
function chunkGate(
  options: IngestOptions,
  budget: LoadBudget,
  offerPartial: (() => void) | null,
): Load['beforeChunk'] {
  return () => {
    offerPartial?.();
    const pause = options.pause?.();
    if (pause === undefined) {
      if (options.signal?.aborted) throw abortError();
      budget.check();
      return undefined;
    }
    return pause.then(() => {
      if (options.signal?.aborted) throw abortError();
      budget.check();
    });
  };
}

/** The load's report: its files, their rows and rejects, the columns of all, and the warnings. */
function ingestReport(
  files: FileReport[],
  rejects: Rejects,
  dataset: Dataset,
  warnings: string[],
): IngestReport {
  return {
    files,
    format: [...new Set(files.map((f) => f.format))].join('+'),
    rowsRead: files.reduce((sum, f) => sum + f.rowsRead, 0),
    rowsRejected: rejects.count,
    otherRecords: files.reduce((sum, f) => sum + f.otherRecords, 0),
    rejectedSample: rejects.sample,
    columns: mergedColumns(files, dataset.dimensionNames),
    warnings,
  };
}

/** The source's bytes in any order, where it can read them so; `onBytes` hears of each read's size. */
function randomAccess(source: ByteSource, onBytes: (n: number) => void): RandomAccess | null {
  const { slice, size } = source;
  if (slice === undefined || size === null) return null;
  return {
    size,
    held: 0,
    slice: async (start, end) => {
      const bytes = await slice(start, end);
      onBytes(bytes.byteLength);
      return bytes;
    },
  };
}

/**
 * Each CSV or JSON file of a ZIP archive, read as a file of its own. An entry that cannot be analysed (a
 * README, an image, a nested archive, a file without a result-code column) is skipped with a warning; the
 * archive is refused only when no entry could be read.
 */
async function readArchive(
  archive: string,
  opened: OpenedBytes,
  read: (name: string, opened: OpenedBytes, compressed: FileReport['compressed']) => Promise<void>,
  options: IngestOptions,
  warnings: string[],
  rejects: Rejects,
): Promise<void> {
  // the unzipper is loaded only when an archive is dropped: no cost to the page or worker start otherwise
  const { zipEntries } = await import('./zip-entries.ts');
  const archiveWarnings: string[] = [];
  const skipped: string[] = [];
  let readAny = false;
  for await (const entry of zipEntries(archive, byteChunks(opened), archiveWarnings)) {
    const name = `${archive}/${entry.name}`;
    const before = { count: rejects.count, sample: rejects.sample.length };
    try {
      const inner = await openChunks(name, entry.chunks, {
        onBytes: () => undefined,
        chunkSize: options.chunkSize,
        signal: options.signal,
        allowZip: false,
      });
      await read(name, inner, 'zip');
      readAny = true;
    } catch (error) {
      if (!(error instanceof IngestError) || error instanceof TooLargeError) throw error;
      rejects.count = before.count;
      rejects.sample.length = before.sample;
      skipped.push(error.message);
    }
  }
  if (!readAny) {
    const reasons = [...archiveWarnings, ...skipped];
    throw new IngestError(
      archive,
      reasons.length === 0
        ? 'the ZIP archive holds no files.'
        : `the ZIP archive holds no CSV or JSON log that could be read. ${reasons.join(' ')}`,
    );
  }
  warnings.push(...archiveWarnings);
  for (const message of skipped) warnings.push(`${message} (skipped)`);
}

/** The family a mapping override names by id, or null for "detect per file"; an unknown id is refused. */
function chosenCatalog(id: string | undefined, catalogs: readonly Catalog[]): Catalog | null {
  if (id === undefined) return null;
  const found = catalogs.find((c) => c.id === id);
  if (found !== undefined) return found;
  try {
    return getCatalog(id);
  } catch (error) {
    throw new IngestError('--catalog', (error as Error).message);
  }
}

function mergedColumns(files: readonly FileReport[], dimensions: readonly string[]): IngestReport['columns'] {
  const names = (pick: (m: ColumnMapping) => string | null) => {
    const distinct = [...new Set(files.map((f) => pick(f.mapping)).filter((n): n is string => n !== null))];
    return distinct.length === 0 ? null : distinct.join(' | ');
  };
  return {
    code: names((m) => m.code) ?? '',
    status: names((m) => m.status),
    time: names((m) => m.time),
    device: names((m) => m.device),
    count: names((m) => m.count),
    deviceCount: names((m) => m.deviceCount),
    dimensions: [...dimensions],
  };
}
