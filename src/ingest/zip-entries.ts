import { Unzip, type UnzipFile, UnzipInflate } from 'fflate';
import { concatBytes } from './byte-source.ts';
import { IngestError } from './ingest-error.ts';

/** One file of a ZIP archive, its bytes streamed as the archive is read. */
export interface ZipEntry {
  /** The path inside the archive, e.g. "logs/fleet.csv". */
  readonly name: string;
  readonly chunks: AsyncGenerator<Uint8Array>;
}

interface EntryState {
  name: string;
  pieces: Uint8Array[];
  /** Bytes in `pieces`. */
  held: number;
  done: boolean;
  error: Error | null;
  /** Read already (or skipped): later data is dropped instead of kept. */
  discard: boolean;
}

const EMPTY: Uint8Array = new Uint8Array(0);

/**
 * Archive bytes handed to the unzipper at a time. fflate's Unzip recurses once or twice for each entry
 * header a push holds (thousands of small files in one push overflow the stack), and inflates all of a
 * push's data at once (deflate expands up to ~1,000×: a 4 MB push of a ZIP bomb is ~4 GB). A small step
 * bounds both: ~130 entries and ~4 MB of output per push.
 */
const STEP_BYTES = 4096;
/** An entry's bytes are handed on in pieces of about this size (small steps make small pieces). */
const PIECE_BYTES = 1 << 20;

/**
 * An entry's bytes reach ingest in chunks of at most this size (views, not copies): one chunk of the archive
 * can inflate to many megabytes, and ingest looks at a Cancel (and gives the worker a turn) between chunks.
 */
const ENTRY_CHUNK_BYTES = 256 * 1024;

/**
 * The files of a ZIP archive in archive order, read while streaming (fflate's Unzip: stored and deflated
 * entries, data descriptors, ZIP64): an entry's bytes are decompressed as the consumer asks for them, so
 * neither the archive nor an entry is ever held whole; the archive is fed in small steps (see STEP_BYTES).
 * Folders are skipped, and so are macOS metadata (`__MACOSX/`, `.DS_Store`), with one warning. Each entry
 * must be read (or left) before the next one is asked for.
 */
export async function* zipEntries(
  archive: string,
  chunks: AsyncIterable<Uint8Array>,
  warnings: string[],
): AsyncGenerator<ZipEntry> {
  const feed = new ArchiveFeed(archive, chunks[Symbol.asyncIterator](), warnings);
  let macMetadata = 0;
  for (let index = 0; ; ) {
    while (feed.entries.length <= index && (await feed.pump()));
    const entry = feed.entries[index++];
    if (!entry) break;
    if (index === 1 && entry.name === '[Content_Types].xml') {
      throw new IngestError(
        archive,
        'this is an Office document (a spreadsheet or text document), not a CSV or JSON log; save the sheet as CSV.',
      );
    }
    const metadata = entry.name.startsWith('__MACOSX/') || baseName(entry.name) === '.DS_Store';
    if (metadata) macMetadata++;
    if (metadata || entry.name.endsWith('/')) {
      drop(entry);
      continue;
    }
    const chunks = feed.entryChunks(entry);
    try {
      yield { name: entry.name, chunks };
    } finally {
      await chunks.return(undefined);
      drop(entry);
    }
  }
  if (macMetadata > 0) {
    warnings.push(
      `${archive}: ${macMetadata.toLocaleString('en-US')} macOS metadata ${macMetadata === 1 ? 'entry' : 'entries'} (__MACOSX/, .DS_Store) skipped.`,
    );
  }
}

/** The archive fed to fflate's unzipper a step at a time, and the entries it has found so far. */
class ArchiveFeed {
  readonly entries: EntryState[] = [];
  private ended = false;
  /** The rest of the archive chunk being fed, STEP_BYTES at a time. */
  private input = EMPTY;
  private readonly unzip: Unzip;
  private readonly archive: string;
  private readonly source: AsyncIterator<Uint8Array>;
  private readonly warnings: string[];

  constructor(archive: string, source: AsyncIterator<Uint8Array>, warnings: string[]) {
    this.archive = archive;
    this.source = source;
    this.warnings = warnings;
    this.unzip = new Unzip((file: UnzipFile) => this.found(file));
    this.unzip.register(UnzipInflate);
  }

  private found(file: UnzipFile): void {
    const entry: EntryState = {
      name: file.name,
      pieces: [],
      held: 0,
      done: false,
      error: null,
      discard: false,
    };
    this.entries.push(entry);
    file.ondata = (error, data, final) => {
      if (error) entry.error = error;
      else if (!entry.discard && data.byteLength > 0) {
        entry.pieces.push(data);
        entry.held += data.byteLength;
      }
      if (final || error) entry.done = true;
    };
    try {
      file.start();
    } catch (error) {
      entry.error = error as Error;
      entry.done = true;
    }
  }

  /**
   * Feeds the unzipper one more step of the archive; false once the archive has ended — or broken off:
   * what was read before a damaged or truncated part is kept, with a warning, like a truncated CSV's rows.
   */
  async pump(): Promise<boolean> {
    if (this.ended) return false;
    const next = this.input.byteLength > 0 ? null : await this.source.next();
    if (next !== null && !next.done) this.input = next.value;
    const step = this.input.subarray(0, STEP_BYTES);
    this.input = this.input.subarray(step.byteLength);
    try {
      this.unzip.push(step, next?.done === true);
      if (next?.done) this.ended = true;
      return !this.ended;
    } catch (error) {
      this.ended = true;
      this.warnings.push(`${this.archive}: ${damaged(error)}`);
      return false;
    }
  }

  async *entryChunks(entry: EntryState): AsyncGenerator<Uint8Array> {
    for (;;) {
      while (!entry.done && !entry.error && entry.held < PIECE_BYTES && (await this.pump()));
      if (entry.held > 0) {
        const piece = concatBytes(entry.pieces);
        entry.pieces = [];
        entry.held = 0;
        for (let at = 0; at < piece.byteLength; at += ENTRY_CHUNK_BYTES) {
          yield piece.subarray(at, Math.min(at + ENTRY_CHUNK_BYTES, piece.byteLength));
        }
        continue;
      }
      if (entry.error) {
        this.warnings.push(`${this.archive}/${entry.name}: ${damaged(entry.error)}`);
        return;
      }
      if (entry.done) return;
      this.warnings.push(
        `${this.archive}/${entry.name}: the archive ends inside this file (truncated?); what came before is analysed.`,
      );
      return;
    }
  }
}

/** Read already, or skipped: its bytes still to come are dropped as they are decompressed. */
function drop(entry: EntryState): void {
  entry.discard = true;
  entry.pieces = [];
  entry.held = 0;
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function damaged(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `the ZIP data is damaged or uses a method dmscope cannot read (${detail}); what came before is analysed.`;
}
