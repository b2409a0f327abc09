/**
 * The longest row (CSV) or record (JSON, NDJSON line) that is read, in characters of its text: far beyond
 * any log's row (docs/input.md promises 10 MB ones), far below what the engine can hold as one string
 * (~512 M characters). A longer one is rejected as too large, with its line, without being decoded or held
 * whole, and reading goes on after it. One rule for every format; IngestOptions.maxRecordChars lowers it.
 */
export const MAX_RECORD_CHARS = 64_000_000;

/** The limit as the reasons for rejected rows state it ("64 million characters"). */
export function recordLimitText(limit: number): string {
  return limit % 1_000_000 === 0
    ? `${limit / 1_000_000} million characters`
    : `${limit.toLocaleString('en-US')} characters`;
}

/** Why a CSV row over the limit is rejected. */
export function rowTooLarge(limit: number): string {
  return `the row is too large to read (over ${recordLimitText(limit)})`;
}
