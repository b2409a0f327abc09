/** Human words for the catalogs' identifiers (colours are the palette's: palette.ts). */
import { CATEGORY_CLASSES } from '../catalog/catalog-registry.ts';
import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';

/**
 * Every registered class's words, from the catalogs' CategoryClass (an id means the same in every family):
 * "Client error (vendor)", "Not applied".
 */
export const CATEGORY_LABELS: Readonly<Record<Category, string>> = Object.fromEntries(
  CATEGORY_CLASSES.map((c) => [c.id, c.label]),
);

/** A class's words; the id itself for one no catalog defines. */
export function categoryLabel(id: Category): string {
  return Object.hasOwn(CATEGORY_LABELS, id) ? (CATEGORY_LABELS[id] as string) : id;
}

export const OUTCOME_LABELS: Record<Outcome, string> = {
  success: 'Success',
  failure: 'Failure',
  not_applied: 'Not applied',
  in_progress: 'In progress',
  unrecognized: 'Unrecognized',
};

export const STAGE_LABELS: Record<Stage, string> = {
  download: 'Download',
  validation: 'Validation',
  install: 'Install',
  remove: 'Remove',
  activate: 'Activate',
  deactivate: 'Deactivate',
  consent: 'User consent',
  other: 'Other',
};

export const CAUSE_LABELS: Record<Cause, string> = {
  device: 'Device (e.g. out of memory)',
  user: 'User',
  package: 'Package',
  network: 'Network',
  server: 'Download server',
  config: 'Configuration',
  unsupported: 'Not supported',
  unknown: 'Unknown reason',
};
