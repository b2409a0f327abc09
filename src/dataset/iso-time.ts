/**
 * The ISO 8601 text of an epoch-ms time, or null for a time no `Date` holds (NaN, past ±8.64e15 ms).
 * Every time shown, exported or put in a URL goes through here, so none of them can throw.
 */
export function isoTime(ms: number): string | null {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}
