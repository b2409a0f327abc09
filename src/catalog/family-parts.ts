/**
 * The parts every family file is built from: shared categories, one-line table rows, the triage of a
 * family of status words.
 *
 * The classes of result every family draws its categories from. Rule: one id means one thing — the same
 * outcome and the same label in every catalog that uses it — because the page and the summary count
 * figures by category id across the registered catalogs (see CATEGORIES in catalog-registry.ts).
 * A family with a new kind of class adds it here, not in its own file.
 */
import type {
  Catalog,
  CatalogEntry,
  Category,
  Cause,
  Outcome,
  Stage,
  StatusEntry,
  TriageSettings,
} from './catalog-types.ts';
import { type CatalogDefinition, createCatalog } from './create-catalog.ts';

export const SHARED_CATEGORIES = {
  success: { id: 'success', outcome: 'success', label: 'Success' },
  success_vendor: { id: 'success_vendor', outcome: 'success', label: 'Success (vendor)' },
  client_error: { id: 'client_error', outcome: 'failure', label: 'Client error' },
  client_error_vendor: { id: 'client_error_vendor', outcome: 'failure', label: 'Client error (vendor)' },
  download_server_error: { id: 'download_server_error', outcome: 'failure', label: 'Download server error' },
  download_server_error_vendor: {
    id: 'download_server_error_vendor',
    outcome: 'failure',
    label: 'Download server error (vendor)',
  },
  failure: { id: 'failure', outcome: 'failure', label: 'Failure' },
  failure_vendor: { id: 'failure_vendor', outcome: 'failure', label: 'Failure (vendor)' },
  not_applied: { id: 'not_applied', outcome: 'not_applied', label: 'Not applied' },
  in_progress: { id: 'in_progress', outcome: 'in_progress', label: 'In progress' },
} as const;

/** The four outcome-named classes, in display order: what a family of status words uses. */
export const OUTCOME_CATEGORIES = [
  SHARED_CATEGORIES.success,
  SHARED_CATEGORIES.failure,
  SHARED_CATEGORIES.not_applied,
  SHARED_CATEGORIES.in_progress,
] as const;

/**
 * One table row, written on one line: a single code (`to` omitted) or a range. Stage and cause are null
 * unless the category is a failure one (createCatalog checks it).
 */
export function row(
  codes: number | readonly [from: number, to: number],
  message: string,
  description: string,
  category: Category,
  stage: Stage | null = null,
  cause: Cause | null = null,
): CatalogEntry {
  const [from, to] = typeof codes === 'number' ? [codes, codes] : codes;
  return { from, to, message, description, category, stage, cause };
}

/** One row of a table of status words, on one line (see `row`). */
export function statusRow(
  words: readonly string[],
  description: string,
  category: Category,
  stage: Stage | null = null,
  cause: Cause | null = null,
): StatusEntry {
  return { words, message: words[0] ?? '', description, category, stage, cause };
}

/** The outcome-named class for an outcome other than unrecognized. */
export function outcomeCategory(outcome: Exclude<Outcome, 'unrecognized'>) {
  return SHARED_CATEGORIES[outcome];
}

/**
 * Triage for a family of status words: their failures carry no stage or cause beyond "other"/"unknown"
 * (the platform's word says only that it failed), so triage covers them all and charts no unknown share.
 */
export const STATUS_FAMILY_TRIAGE: TriageSettings = {
  stages: ['other'],
  causes: ['unknown'],
  unknownReasonCode: null,
  words: {
    subject: 'Update',
    causes: 'Unknown: the status word does not say why',
    unknownReason: 'unknown reason',
  },
};

/**
 * A family that reports a status word and no code of its own: no code table, the four outcome classes,
 * STATUS_FAMILY_TRIAGE, and no integer is plausible for it.
 */
export function statusFamily(
  def: Pick<CatalogDefinition, 'id' | 'name' | 'title' | 'source' | 'statuses' | 'signals' | 'combineStatus'>,
): Catalog {
  return createCatalog({
    ...def,
    entries: [],
    categories: OUTCOME_CATEGORIES,
    triage: STATUS_FAMILY_TRIAGE,
    plausible: () => false,
  });
}
