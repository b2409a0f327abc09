/**
 * What one row's result means: the family that reads it, its code and/or status word, and the meaning
 * the outcome model gives the pair (README "The outcome model"): a recognised code decides; else a
 * recognised status word; else the row's result is unrecognized.
 */
import type { Catalog, Category, Cause, Outcome, Stage } from './catalog-types.ts';
import { UNRECOGNIZED_CATEGORY } from './catalog-types.ts';

export interface ResultInfo {
  /** The id of the catalog (family) that read the row. */
  readonly family: string;
  /** The row's integer code; null when it had none. */
  readonly code: number | null;
  /** The row's status word as first written (trimmed); null when it had none. */
  readonly status: string | null;
  /** Which of the two decided the outcome; null when neither was recognised. */
  readonly decidedBy: 'code' | 'status' | null;
  /** What charts and tables call the result: the code that decided, else the status word, else the code. */
  readonly label: string;
  readonly name: string;
  readonly description: string;
  readonly category: Category;
  readonly outcome: Outcome;
  readonly stage: Stage | null;
  readonly cause: Cause | null;
  /** True for codes inside a vendor-specified range. */
  readonly vendor: boolean;
}

export const UNRECOGNIZED_STATUS_NAME = 'Unrecognized status';

/** The meaning of a code (null: none) and a status word (null or blank: none) in one family. */
export function resolveResult(catalog: Catalog, code: number | null, status: string | null): ResultInfo {
  const word = status === null || status.trim() === '' ? null : status.trim();
  const family = catalog.id;
  const byCode = code === null ? null : catalog.lookup(code);
  if (byCode !== null && byCode.outcome !== 'unrecognized') {
    const { name, description, category, outcome, stage, cause, vendor } = byCode;
    return {
      family,
      code,
      status: word,
      decidedBy: 'code',
      label: String(code),
      name,
      description,
      category,
      outcome,
      stage,
      cause,
      vendor,
    };
  }
  const byStatus = word === null ? null : catalog.lookupStatus(word);
  if (byStatus !== null) {
    const { name, description, category, outcome, stage, cause } = byStatus;
    return {
      family,
      code,
      status: word,
      decidedBy: 'status',
      label: word as string,
      name,
      description,
      category,
      outcome,
      stage,
      cause,
      vendor: false,
    };
  }
  if (byCode !== null) {
    const { name, description } = byCode;
    return unrecognized(family, code, word, String(code), name, description);
  }
  return unrecognized(
    family,
    null,
    word,
    word ?? '',
    UNRECOGNIZED_STATUS_NAME,
    `Not a status word listed in the ${catalog.title} table.`,
  );
}

function unrecognized(
  family: string,
  code: number | null,
  status: string | null,
  label: string,
  name: string,
  description: string,
): ResultInfo {
  return {
    family,
    code,
    status,
    decidedBy: null,
    label,
    name,
    description,
    category: UNRECOGNIZED_CATEGORY,
    outcome: 'unrecognized',
    stage: null,
    cause: null,
    vendor: false,
  };
}
