/**
 * How much of a file its family recognised, and the warning when that is too little: a family that does not
 * know a file's codes would show a calm 0% failure rate over rows that are all "unrecognized".
 */
import type { Catalog } from '../catalog/catalog-types.ts';
import type { ResultInfo } from '../catalog/result.ts';

/** Below this share of recognised results a file gets a warning (issue 12: "fewer than 90%"). */
export const MIN_RECOGNISED_SHARE = 0.9;

/** Unknown results named in a warning, most frequent first. */
const UNKNOWN_SHOWN = 5;
/** Families named as a better fit. */
const FITS_SHOWN = 3;

export interface Recognition {
  /** Rows whose result their family recognised, each weighing its count. */
  recognised: number;
  /** All rows written, each weighing its count. */
  total: number;
  /** The unrecognised results, most frequent first. */
  unknown: { result: ResultInfo; count: number }[];
}

/** The recognition of a file from its rows per result id (see RowWriter.resultTally). */
export function recognitionOf(tally: Float64Array, resolve: (id: number) => ResultInfo): Recognition {
  let recognised = 0;
  let total = 0;
  const unknown: Recognition['unknown'] = [];
  tally.forEach((count, id) => {
    if (count === 0) return;
    total += count;
    const result = resolve(id);
    if (result.outcome === 'unrecognized') unknown.push({ result, count });
    else recognised += count;
  });
  unknown.sort((a, b) => b.count - a.count);
  return { recognised, total, unknown };
}

/** Whether a family recognises a result's code (within its numbering) or its status word. */
function knows(catalog: Catalog, result: ResultInfo): boolean {
  const { code, status } = result;
  if (code !== null && catalog.plausible(code) && catalog.lookup(code).outcome !== 'unrecognized')
    return true;
  return status !== null && catalog.lookupStatus(status) !== null;
}

const count = (n: number) => n.toLocaleString('en-US');

/** How an unknown result is named: its code, its word, or both. */
function shown(result: ResultInfo): string {
  const word =
    result.status === null
      ? null
      : `"${result.status.length > 40 ? `${result.status.slice(0, 40)}…` : result.status}"`;
  if (result.code === null) return word ?? '(none)';
  return word === null ? String(result.code) : `${result.code} ${word}`;
}

/**
 * The warning for a file whose family recognised less than MIN_RECOGNISED_SHARE of its rows' results, or
 * null: the share, the first unknown codes or words with their counts, and the families that know them.
 */
export function recognitionWarning(
  family: string,
  recognition: Recognition,
  catalogs: readonly Catalog[],
): string | null {
  const { recognised, total, unknown } = recognition;
  if (total === 0 || recognised >= total * MIN_RECOGNISED_SHARE) return null;
  const unknownRows = total - recognised;
  const names = unknown
    .slice(0, UNKNOWN_SHOWN)
    .map((u) => `${shown(u.result)} (${count(u.count)})`)
    .join(', ');
  const more = unknown.length > UNKNOWN_SHOWN ? ` and ${count(unknown.length - UNKNOWN_SHOWN)} more` : '';
  const fits = catalogs
    .map((catalog) => ({
      catalog,
      rows: unknown.reduce(
        (n, u) => (u.result.family !== catalog.id && knows(catalog, u.result) ? n + u.count : n),
        0,
      ),
    }))
    .filter((f) => f.rows > 0)
    .sort((a, b) => b.rows - a.rows)
    .slice(0, FITS_SHOWN);
  const fit =
    fits.length === 0
      ? 'No family dmscope knows recognises them.'
      : `They fit ${fits.map((f) => `${f.catalog.title} (id ${f.catalog.id}: ${count(f.rows)} of ${count(unknownRows)})`).join(', ')}: choose the family in the column mapping (CLI: --catalog ID).`;
  const percent = ((recognised / total) * 100).toFixed(1);
  return `${family} recognises only ${count(recognised)} of ${count(total)} rows' results (${percent}%), so its figures may be wrong; it does not know ${names}${more}. ${fit}`;
}
