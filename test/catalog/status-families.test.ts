import { describe, expect, it } from 'vitest';
import { awsIotJobsCatalog } from '../../src/catalog/aws-iot-jobs-catalog.ts';
import type { Catalog, Outcome } from '../../src/catalog/catalog-types.ts';
import { hawkbitCatalog } from '../../src/catalog/hawkbit-catalog.ts';
import { ddiStatusWord, hawkbitDdiCatalog } from '../../src/catalog/hawkbit-ddi-catalog.ts';
import { menderCatalog } from '../../src/catalog/mender-catalog.ts';

// Written out by hand from each platform's public docs (cited in the catalog files).
const FAMILIES: [Catalog, Record<string, Exclude<Outcome, 'unrecognized'>>][] = [
  [
    hawkbitCatalog,
    {
      finished: 'success',
      error: 'failure',
      canceled: 'not_applied',
      running: 'in_progress',
      pending: 'in_progress',
      retrieved: 'in_progress',
      download: 'in_progress',
      downloaded: 'in_progress',
      scheduled: 'in_progress',
      wait_for_confirmation: 'in_progress',
      canceling: 'in_progress',
      warning: 'in_progress',
      cancel_rejected: 'in_progress',
    },
  ],
  [
    hawkbitDdiCatalog,
    {
      success: 'success',
      failure: 'failure',
      canceled: 'not_applied',
      rejected: 'not_applied',
      proceeding: 'in_progress',
      scheduled: 'in_progress',
      resumed: 'in_progress',
      download: 'in_progress',
      downloaded: 'in_progress',
    },
  ],
  [
    menderCatalog,
    {
      success: 'success',
      failure: 'failure',
      aborted: 'not_applied',
      noartifact: 'not_applied',
      'already-installed': 'not_applied',
      decommissioned: 'not_applied',
      pending: 'in_progress',
      downloading: 'in_progress',
      installing: 'in_progress',
      rebooting: 'in_progress',
      pause_before_installing: 'in_progress',
      pause_before_rebooting: 'in_progress',
      pause_before_committing: 'in_progress',
    },
  ],
  [
    awsIotJobsCatalog,
    {
      SUCCEEDED: 'success',
      FAILED: 'failure',
      TIMED_OUT: 'failure',
      REJECTED: 'failure',
      CANCELED: 'not_applied',
      REMOVED: 'not_applied',
      QUEUED: 'in_progress',
      IN_PROGRESS: 'in_progress',
    },
  ],
];

/** The same word as a person or another exporter might write it. */
const spellings = (w: string) => [
  w,
  w.toUpperCase(),
  w.toLowerCase(),
  ` ${w} `,
  w.replace(/[_-]/g, ' '),
  w.replace(/[_-]/g, ''),
];

describe.each(FAMILIES)('status family %s', (catalog, expected) => {
  it('lists only status words, and no code is plausible', () => {
    expect(catalog.entries).toEqual([]);
    expect(catalog.lookup(1).outcome).toBe('unrecognized');
    expect([0, 1, 200, 1200].some(catalog.plausible)).toBe(false);
  });

  it('gives each documented word its outcome, in any case and spacing', () => {
    for (const [word, outcome] of Object.entries(expected)) {
      for (const written of spellings(word)) {
        const info = catalog.lookupStatus(written);
        expect(info, written).toMatchObject({ outcome, category: outcome, status: written.trim() });
        expect(info?.stage, written).toBe(outcome === 'failure' ? 'other' : null);
        expect(info?.cause, written).toBe(outcome === 'failure' ? 'unknown' : null);
      }
    }
  });

  it('lists no word the docs do not', () => {
    const listed = catalog.statuses.flatMap((s) => s.words.filter((w) => !w.endsWith('*')));
    const documented = Object.keys(expected);
    expect(listed.every((w) => documented.includes(w))).toBe(true);
    for (const word of ['done', 'ok', 'unknown', 'none', 'closed', '__proto__', 'constructor', '']) {
      expect(catalog.lookupStatus(word)).toBeNull();
    }
  });

  it('triages its failures at stage other', () => {
    expect(catalog.triage.stages).toEqual(['other']);
    expect(catalog.triage.unknownReasonCode).toBeNull();
  });
});

describe('ddiStatusWord: which word of a DDI feedback decides', () => {
  it.each([
    ['success', 'closed', 'success'],
    ['failure', 'closed', 'failure'],
    ['FAILURE', ' Closed ', 'FAILURE'],
    ['none', 'closed', 'closed'],
    ['', 'closed', 'closed'],
    ['none', 'proceeding', 'proceeding'],
    ['failure', 'proceeding', 'proceeding'],
    ['success', 'canceled', 'canceled'],
    ['none', 'rejected', 'rejected'],
    ['none', 'download', 'download'],
    ['success', '', 'success'],
    ['none', '', 'none'],
  ])('finished %j, execution %j → %j', (finished, execution, word) => {
    expect(ddiStatusWord(finished, execution)).toBe(word);
  });

  it('gives the outcome hawkBit means, and none for a closed action without a result', () => {
    const outcome = (finished: string, execution: string) =>
      hawkbitDdiCatalog.lookupStatus(ddiStatusWord(finished, execution))?.outcome ?? null;
    expect(outcome('success', 'closed')).toBe('success');
    expect(outcome('failure', 'closed')).toBe('failure');
    expect(outcome('none', 'proceeding')).toBe('in_progress');
    expect(outcome('none', 'canceled')).toBe('not_applied');
    expect(outcome('none', 'closed')).toBeNull();
    expect(outcome('none', '')).toBeNull();
  });
});
