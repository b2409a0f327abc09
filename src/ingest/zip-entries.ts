import { Unzip, type UnzipFile, UnzipInflate } from 'fflate';
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
  done: boolean;
  error: Error | null;
  /** Read already (or skipped): later data is dropped instead of kept. */
  discard: boolean;
}

const EMPTY = new Uint8Array(0);

/**
 * An entry's bytes reach ingest in chunks of at most this size (views, not copies): one chunk of the archive
 * can inflate to many megabytes, and ingest looks at a Cancel (and gives the worker a turn) between chunks.
 */
const ENTRY_CHUNK_BYTES = 256 * 1024;

/**
 * The files of a ZIP archive in archive order, read while streaming (fflate's Unzip: stored and deflated
 * entries, data descriptors, ZIP64): an entry's bytes are decompressed as the consumer asks for them, so
 * neither the archive nor an entry is ever held whole. Folders and macOS resource forks are skipped. Each
 * entry must be read (or left) before the next one is asked for.
 */
export async function* zipEntries(
  archive: string,
  chunks: AsyncIterable<Uint8Array>,
  warnings: string[],
): AsyncGenerator<ZipEntry> {
  const source = chunks[Symbol.asyncIterator]();
  const entries: EntryState[] = [];
  let ended = false;
  const unzip = new Unzip((file: UnzipFile) => {
    const entry: EntryState = { name: file.name, pieces: [], done: false, error: null, discard: false };
    entries.push(entry);
    file.ondata = (error, data, final) => {
      if (error) entry.error = error;
      else if (!entry.discard && data.byteLength > 0) entry.pieces.push(data);
      if (final || error) entry.done = true;
    };
    try {
      file.start();
    } catch (error) {
      entry.error = error as Error;
      entry.done = true;
    }
  });
  unzip.register(UnzipInflate);

  /**
   * Feeds the unzipper one more chunk of the archive; false once the archive has ended — or broken off:
   * what was read before a damaged or truncated part is kept, with a warning, like a truncated CSV's rows.
   */
  const pump = async (): Promise<boolean> => {
    if (ended) return false;
    const next = await source.next();
    try {
      if (next.done) {
        ended = true;
        unzip.push(EMPTY, true);
      } else {
        unzip.push(next.value, false);
      }
    } catch (error) {
      ended = true;
      warnings.push(`${archive}: ${damaged(error)}`);
      return false;
    }
    return !next.done;
  };

  async function* entryChunks(entry: EntryState): AsyncGenerator<Uint8Array> {
    for (;;) {
      const piece = entry.pieces.shift();
      if (piece) {
        for (let at = 0; at < piece.byteLength; at += ENTRY_CHUNK_BYTES) {
          yield piece.subarray(at, Math.min(at + ENTRY_CHUNK_BYTES, piece.byteLength));
        }
        continue;
      }
      if (entry.error) {
        warnings.push(`${archive}/${entry.name}: ${damaged(entry.error)}`);
        return;
      }
      if (entry.done) return;
      if (!(await pump()) && !entry.done && entry.pieces.length === 0) {
        warnings.push(
          `${archive}/${entry.name}: the archive ends inside this file (truncated?); what came before is analysed.`,
        );
        return;
      }
    }
  }

  let index = 0;
  for (;;) {
    while (entries.length <= index && (await pump()));
    const entry = entries[index++];
    if (!entry) break;
    if (index === 1 && entry.name === '[Content_Types].xml') {
      throw new IngestError(
        archive,
        'this is an Office document (a spreadsheet or text document), not a CSV or JSON log; save the sheet as CSV.',
      );
    }
    if (
      entry.name.endsWith('/') ||
      entry.name.startsWith('__MACOSX/') ||
      baseName(entry.name) === '.DS_Store'
    ) {
      entry.discard = true;
      entry.pieces = [];
      continue;
    }
    const chunks = entryChunks(entry);
    try {
      yield { name: entry.name, chunks };
    } finally {
      await chunks.return(undefined);
      entry.discard = true;
      entry.pieces = [];
    }
  }
}

function baseName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1);
}

function damaged(error: unknown): string {
  const detail = error instanceof Error ? error.message : String(error);
  return `the ZIP data is damaged or uses a method dmscope cannot read (${detail}); what came before is analysed.`;
}
