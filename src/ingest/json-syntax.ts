/** What the JSON scanners share: the characters they look for and the limits on what they hold. */

/**
 * Levels of nesting whose kinds (object or array) the record scanner keeps, to check that brackets match and
 * to find arrays of records; deeper levels are only counted. Records are not looked for deeper than this
 * (a warning says so); inside a record, deeper values are left to JSON.parse like any other.
 */
export const MAX_TRACKED_DEPTH = 1000;

export const OPEN_OBJECT = 123; // {
export const CLOSE_OBJECT = 125; // }
export const OPEN_ARRAY = 91; // [
export const CLOSE_ARRAY = 93; // ]
export const QUOTE = 34;
export const BACKSLASH = 92;
export const NEWLINE = 10;
export const COMMA = 44;
export const COLON = 58;

/**
 * A scanner of JSON text given in chunks, which hands the records it finds to a RecordTable. The byte
 * reader (json-byte-reader.ts) reads runs of flat records itself while the scanner is between records.
 */
export interface Scanner {
  push(text: string): void;
  end(): void;
  /**
   * Where the scanner is between records that the byte reader may read (between NDJSON lines, between the
   * elements of an array of records): the line there; -1 when it is not.
   */
  idleLine(): number;
  /**
   * The byte reader read `records` records up to line `line`; `before`: the text just before where the
   * scanner goes on (its last 20 characters or more, for messages that quote it).
   */
  readElsewhere(records: number, line: number, before: string): void;
}

export function isBlankChar(c: number): boolean {
  return c === 32 || c === NEWLINE || c === 13 || c === 9 || c === 0 || c === 0xfeff;
}

/** A rejected record's reason: JSON.parse's message, or that the record nests too deeply for it. */
export function invalidJson(error: unknown): string {
  return error instanceof RangeError
    ? 'the record is nested too deeply to read'
    : `invalid JSON: ${(error as Error).message}`;
}
