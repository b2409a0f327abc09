/**
 * The shape every result-code catalog (SCOMO now; FUMO, LwM2M later) shares, so ingest, the dataset and
 * the views never need to know which catalog they are looking at.
 */

/** The spec's own classes of result code, plus `unrecognized` for any integer the table does not list. */
export type Category =
  | 'success'
  | 'success_vendor'
  | 'client_error'
  | 'client_error_vendor'
  | 'download_server_error'
  | 'download_server_error_vendor'
  | 'unrecognized';

export type Outcome = 'success' | 'failure' | 'unrecognized';

/** Where an operation failed. Success and unrecognized codes have no stage (null). */
export type Stage =
  | 'download'
  | 'validation'
  | 'install'
  | 'remove'
  | 'activate'
  | 'deactivate'
  | 'consent'
  | 'other';

/** Who to call about a failure. Success and unrecognized codes have no cause (null). */
export type Cause =
  | 'device'
  | 'user'
  | 'package'
  | 'network'
  | 'server'
  | 'config'
  | 'unsupported'
  | 'unknown';

export const CATEGORIES: readonly Category[] = [
  'success',
  'success_vendor',
  'client_error',
  'client_error_vendor',
  'download_server_error',
  'download_server_error_vendor',
  'unrecognized',
];
export const OUTCOMES: readonly Outcome[] = ['success', 'failure', 'unrecognized'];
export const STAGES: readonly Stage[] = [
  'download',
  'validation',
  'install',
  'remove',
  'activate',
  'deactivate',
  'consent',
  'other',
];
export const CAUSES: readonly Cause[] = [
  'device',
  'user',
  'package',
  'network',
  'server',
  'config',
  'unsupported',
  'unknown',
];

/** One row of a catalog's table: a single code (from === to) or a vendor range. */
export interface CatalogEntry {
  readonly from: number;
  readonly to: number;
  /** The spec's Result Message, verbatim (whitespace normalised). */
  readonly message: string;
  /** The spec's informative description, verbatim (whitespace normalised). */
  readonly description: string;
  readonly category: Exclude<Category, 'unrecognized'>;
  readonly stage: Stage | null;
  readonly cause: Cause | null;
}

/** What a catalog says about one integer code. Total: every integer gets an answer. */
export interface CodeInfo {
  readonly code: number;
  /** The Result Message; for unrecognized codes a short explanation. */
  readonly name: string;
  readonly description: string;
  readonly category: Category;
  readonly outcome: Outcome;
  readonly stage: Stage | null;
  readonly cause: Cause | null;
  /** True for codes inside a vendor-specified range. */
  readonly vendor: boolean;
}

export interface Catalog {
  /** Stable id used in the summary JSON, e.g. "scomo". */
  readonly id: string;
  readonly title: string;
  readonly entries: readonly CatalogEntry[];
  /** Total over all integers: codes absent from the table come back as `unrecognized`. */
  lookup(code: number): CodeInfo;
  /**
   * Whether a value looks like it belongs to this catalog's numbering at all (used by column inference
   * to find the result-code column from its values): true for the catalog's hundreds blocks.
   */
  plausible(code: number): boolean;
}
