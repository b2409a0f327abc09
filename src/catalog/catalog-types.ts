/**
 * The shape every result-code catalog (SCOMO now; FUMO, LwM2M later) shares, so ingest, the dataset and
 * the views never need to know which catalog they are looking at.
 */

/**
 * A class of result code, named by the catalog that defines it (see `Catalog.categories`), plus
 * `unrecognized` for any integer a catalog's table does not list.
 */
export type Category = string;

/** The category every catalog gives to the integers its table does not list. */
export const UNRECOGNIZED_CATEGORY = 'unrecognized';

/**
 * What a result says happened (the outcome model, README "The outcome model"):
 * - success, failure: the operation ended that way;
 * - not_applied: it ended without being applied (skipped, cancelled, deferred, already installed, incompatible);
 * - in_progress: a lifecycle step, not an end — such rows are not operations;
 * - unrecognized: a code (or status word) the family's table lacks.
 */
export type Outcome = 'success' | 'failure' | 'not_applied' | 'in_progress' | 'unrecognized';

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

export const OUTCOMES: readonly Outcome[] = [
  'success',
  'failure',
  'not_applied',
  'in_progress',
  'unrecognized',
];
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
  /** One of the catalog's `categories`. */
  readonly category: Category;
  readonly stage: Stage | null;
  readonly cause: Cause | null;
  /** Whether the row is a vendor-specified range; defaults to `from !== to`. */
  readonly vendor?: boolean;
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

/** One of a catalog's classes of result code and the outcome every code in it has. */
export interface CategoryClass {
  readonly id: Category;
  readonly outcome: Outcome;
  /** Human words for the class, as charts and filters show it: "Client error (vendor)". */
  readonly label: string;
}

/**
 * One row of a catalog's table of status words (hawkBit `finished`, AWS IoT Jobs `TIMED_OUT`): the words
 * it covers and what they mean. Words match without case, spaces, `_` or `-` (see `statusKey`); a word
 * ending in `*` matches every word that starts with the rest (Mender `pause_before_*`).
 */
export interface StatusEntry {
  readonly words: readonly string[];
  readonly message: string;
  readonly description: string;
  /** One of the catalog's `categories`. */
  readonly category: Category;
  readonly stage: Stage | null;
  readonly cause: Cause | null;
}

/** What a catalog says about one status word it lists. */
export interface StatusInfo {
  /** The word as the record wrote it (trimmed). */
  readonly status: string;
  readonly name: string;
  readonly description: string;
  readonly category: Category;
  readonly outcome: Outcome;
  readonly stage: Stage | null;
  readonly cause: Cause | null;
}

/** Which failures the triage view covers and how it speaks of them. */
export interface TriageSettings {
  /** The stages whose failures are triaged (e.g. download and validation); at least one. */
  readonly stages: readonly Stage[];
  /** The causes the triage view's cause chart lists. */
  readonly causes: readonly Cause[];
  /** The code that means "failed for an unknown reason", whose share is charted over time; null for none. */
  readonly unknownReasonCode: number | null;
  readonly words: {
    /** What the triaged failures are called in titles: "Download" in "Download failures by model". */
    readonly subject: string;
    /** The cause chart's subtitle, naming the causes it shows. */
    readonly causes: string;
    /** What the unknown-reason code means: "unknown reason". */
    readonly unknownReason: string;
  };
}

/**
 * Hints that a file's records belong to a family, for the ingest detector (which reads them; the catalog
 * only declares them). Names match without case, spaces, `_` or `-` (see `statusKey`).
 */
export interface CatalogSignals {
  /** Prefixes of OMA-DM Generic Alert `Meta/Type` values whose `Item/Data` carries this family's code. */
  readonly alertTypes?: readonly string[];
  /** Field names (column headers, JSON keys) that carry this family's result code and name the family. */
  readonly codeNames?: readonly string[];
  /** Field names that carry this family's status words. */
  readonly statusNames?: readonly string[];
  /** LwM2M resource paths (`/object/instance/resource`, `*` for any instance) that hold the code. */
  readonly resources?: readonly string[];
  /** Field names the family's records carry under a count's name that count nothing (never the count column). */
  readonly notCounts?: readonly string[];
}

/**
 * A field the family's records carry that packs several facts into one value, read as dimensions of their
 * own (ADU's `extendedResultCode` → its facility and component). Ingest decodes it when a file is read as
 * this family and has the field; the catalog only declares it.
 */
export interface DecodedField {
  /** The field's name, matched like the signals' names (its last path segment, without case or `_`/`-`). */
  readonly name: string;
  /** The dimensions' names, each after the field's own: `facility` → "extendedResultCode facility". */
  readonly parts: readonly string[];
  /** One text per part ('' for none), or null for a value that is not one the field holds. */
  decode(value: string): readonly string[] | null;
}

export interface Catalog {
  /** Stable id used in the summary JSON and the CLI's `--catalog`, e.g. "scomo", "fumo", "lwm2m-5". */
  readonly id: string;
  /** Short name that prefixes the family's results where a dataset holds several: "FUMO 402", "hawkBit error". */
  readonly name: string;
  readonly title: string;
  /** Where the table comes from (a specification or the platform's public docs), for the README and the page. */
  readonly source: string;
  readonly entries: readonly CatalogEntry[];
  /** The status words the family reports (empty for a family of codes only). */
  readonly statuses: readonly StatusEntry[];
  /** The catalog's classes of result code, in display order, the last one `unrecognized`. */
  readonly categories: readonly CategoryClass[];
  readonly triage: TriageSettings;
  /** How to recognise this family's records (see CatalogSignals); absent when the family declares none. */
  readonly signals?: CatalogSignals;
  /**
   * How the family makes one word of a record's two status fields (hawkBit DDI's `execution` and
   * `finished`); absent: the first word, or the second when the first is blank.
   */
  readonly combineStatus?: (status: string, second: string) => string;
  /** A field of the family's records decoded into dimensions (see DecodedField); absent when none. */
  readonly decodedField?: DecodedField;
  /** Total over all integers: codes absent from the table come back as `unrecognized`. */
  lookup(code: number): CodeInfo;
  /** What a status word means in this family; null for a word its table does not list (or blank text). */
  lookupStatus(word: string): StatusInfo | null;
  /**
   * Whether a value looks like it belongs to this catalog's numbering at all (used by column inference
   * to find the result-code column from its values): true for the catalog's hundreds blocks.
   */
  plausible(code: number): boolean;
}

/** A status word as tables match it: lower case, without spaces, `_` or `-`. */
export function statusKey(word: string): string {
  return word.toLowerCase().replace(/[\s_-]+/g, '');
}
