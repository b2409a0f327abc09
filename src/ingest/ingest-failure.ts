import { IngestError } from './ingest-error.ts';
import { TooLargeError } from './load-budget.ts';

/** `carried`: the bytes of a row or record that had not ended, when they are most of what was held. */
export function tooLarge(file: string, rows: number, maxBytes: number, carried = 0): TooLargeError {
  const what =
    carried > 0
      ? `one row or record runs on for ${formatBytes(carried)} without ending (a damaged file?), and the load would pass ${formatBytes(maxBytes)}`
      : `the dataset would pass ${formatBytes(maxBytes)}`;
  return new TooLargeError(
    file,
    `too large to analyse in memory: after ${rows.toLocaleString('en-US')} rows ${what}. Split the log (by day or region) and load the parts one at a time, or keep fewer columns as dimensions.`,
  );
}

function formatBytes(n: number): string {
  if (n >= 2 ** 30) return `${+(n / 2 ** 30).toFixed(1)} GiB`;
  return n >= 2 ** 20 ? `${+(n / 2 ** 20).toFixed(1)} MiB` : `${+(n / 2 ** 10).toFixed(1)} KiB`;
}

/**
 * The only errors ingest lets out are IngestError and AbortError. A file that cannot be read (moved or
 * changed since it was chosen, no permission) says so; running out of memory (a typed array or a string that
 * cannot be allocated) becomes the too-large message; any other RangeError means the input was shaped in a
 * way no log is (nesting, lengths), which the user is told instead of seeing a crash.
 */
export function asIngestError(error: unknown, file: string, rows: number, maxBytes: number): unknown {
  if (error instanceof IngestError || (error as Error)?.name === 'AbortError') return error;
  const { name, message, code } = (error ?? {}) as { name?: string; message?: string; code?: unknown };
  const systemError = typeof code === 'string' && /^E[A-Z]+$/.test(code); // Node: EACCES, EISDIR, EIO, …
  if (name === 'NotReadableError' || name === 'NotFoundError' || systemError) {
    return new IngestError(file, `the file could not be read (${message ?? name}); was it moved or changed?`);
  }
  if (error instanceof RangeError) {
    if (/allocat|array length|buffer/i.test(error.message)) return tooLarge(file, rows, maxBytes);
    if (/string length/i.test(error.message) || code === 'ERR_STRING_TOO_LONG') {
      return new IngestError(
        file,
        'a single row or record is too large to hold as text (the file may be damaged).',
      );
    }
    return new IngestError(file, `the file could not be read: ${error.message}.`);
  }
  return error;
}
