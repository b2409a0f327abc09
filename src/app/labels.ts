/** Human words for the catalog's identifiers, and the colours the charts give them. */
import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';

export const CATEGORY_LABELS: Record<Category, string> = {
  success: 'Success',
  success_vendor: 'Success (vendor)',
  client_error: 'Client error',
  client_error_vendor: 'Client error (vendor)',
  download_server_error: 'Download server error',
  download_server_error_vendor: 'Download server error (vendor)',
  unrecognized: 'Unrecognized code',
};

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

/** Readable on both the light and the dark background; failures warm, successes green, unknown grey. */
export const CATEGORY_COLORS: Record<Category, string> = {
  success: '#2f9e5b',
  success_vendor: '#64b98a',
  client_error: '#e8730c',
  client_error_vendor: '#c9a227',
  download_server_error: '#d63b4f',
  download_server_error_vendor: '#a0468f',
  unrecognized: '#8a8f98',
};

export const STAGE_COLOR = '#4f7fd6';
export const CAUSE_COLOR = '#8f6ad8';
export const RATE_COLOR = '#d63b4f';
export const DEVICE_COLOR = '#e8730c';
