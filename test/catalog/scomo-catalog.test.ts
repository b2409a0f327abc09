import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORIES } from '../../src/catalog/catalog-registry.ts';
import type { CatalogEntry, Cause, Outcome, Stage } from '../../src/catalog/catalog-types.ts';
import { CAUSES, OUTCOMES, STAGES } from '../../src/catalog/catalog-types.ts';
import { createCatalog } from '../../src/catalog/create-catalog.ts';
import {
  SCOMO_CATEGORIES,
  SCOMO_ENTRIES,
  type ScomoCategory,
  scomoCatalog,
} from '../../src/catalog/scomo-catalog.ts';

type Row = [
  from: number,
  to: number,
  message: string,
  description: string,
  ScomoCategory,
  Stage | null,
  Cause | null,
];

// Written out by hand from Table 5 of the SCOMO result-code CR (whitespace normalised, en dashes kept).
const EXPECTED: readonly Row[] = [
  [1200, 1200, 'Successful', 'Successful - The Request has succeeded', 'success', null, null],
  [
    1250,
    1299,
    'Successful – Vendor Specified',
    'Successful operation with vendor specified Result Code',
    'success_vendor',
    null,
    null,
  ],
  [
    1400,
    1400,
    'Client Error',
    'Client error – based on User or Device behaviour',
    'client_error',
    'other',
    'device',
  ],
  [
    1401,
    1401,
    'User Cancelled',
    'User chose not to accept the operation when prompted',
    'client_error',
    'consent',
    'user',
  ],
  [
    1402,
    1402,
    'Download Failed',
    'The Software Component download failed',
    'client_error',
    'download',
    'unknown',
  ],
  [
    1403,
    1403,
    'Alternate Download Authentication Failure',
    'Authentication was Required but Authentication Failure was encountered when downloading Software Component',
    'client_error',
    'download',
    'config',
  ],
  [
    1404,
    1404,
    'Download Failed Due to Device being Out of Memory',
    'The download failed due to insufficient memory in the Device to save the Delivery Package',
    'client_error',
    'download',
    'device',
  ],
  [
    1405,
    1405,
    'Install Failed',
    'Software Component installation failed in the Device',
    'client_error',
    'install',
    'device',
  ],
  [
    1406,
    1406,
    'Install Failed Due to Device being Out of Memory',
    'The install failed because there was not sufficient memory to install the Software Component in the Device',
    'client_error',
    'install',
    'device',
  ],
  [
    1407,
    1407,
    'Failed Package Validation',
    'Failed to validate digital signature of the Delivery Package',
    'client_error',
    'validation',
    'package',
  ],
  [
    1408,
    1408,
    'Remove Failed',
    'The Software Component Remove operation failed',
    'client_error',
    'remove',
    'device',
  ],
  [
    1409,
    1409,
    'Activate Failed',
    'The Software Component Activate operation failed',
    'client_error',
    'activate',
    'device',
  ],
  [
    1410,
    1410,
    'Deactivate Failed',
    'The Software Component Deactivate operation failed',
    'client_error',
    'deactivate',
    'device',
  ],
  [
    1411,
    1411,
    'Not Implemented',
    'The Device does not support the requested operation',
    'client_error',
    'other',
    'unsupported',
  ],
  [
    1412,
    1412,
    'Undefined Error',
    'Indicates failure not defined by any other error code',
    'client_error',
    'other',
    'unknown',
  ],
  [
    1413,
    1413,
    'Operation Rejected – Unsupported Environment',
    'The operation was rejected because the device does not support the target environment type',
    'client_error',
    'other',
    'unsupported',
  ],
  [
    1414,
    1414,
    'Corrupted Package',
    'A Delivery Package corruption was detected by, for example, a failed CRC check',
    'client_error',
    'validation',
    'package',
  ],
  [
    1415,
    1415,
    'Component Not Acceptable',
    'The Software Component was not acceptable',
    'client_error',
    'validation',
    'package',
  ],
  [
    1416,
    1416,
    'Firmware Update In Progress',
    'Operation rejected because a firmware update is in progress.',
    'client_error',
    'other',
    'device',
  ],
  [
    1450,
    1499,
    'Client Error – Vendor Specified',
    'Client Error encountered for operation with vendor specified Result Code',
    'client_error_vendor',
    'other',
    'device',
  ],
  [
    1500,
    1500,
    'Alternate Download Server Error',
    'Alternate Download Server error encountered',
    'download_server_error',
    'download',
    'server',
  ],
  [
    1501,
    1501,
    'Alternate Download Server Unavailable',
    'The Alternate Download Server was unavailable or did not respond',
    'download_server_error',
    'download',
    'server',
  ],
  [
    1502,
    1502,
    'Alternate Download Request Time-Out',
    'Client encountered a time-out when downloading the Delivery Package',
    'download_server_error',
    'download',
    'network',
  ],
  [
    1503,
    1503,
    'Malformed or Bad URL',
    'The URL provided for alternate download is either malformed or the response from the server did not match the expected format',
    'download_server_error',
    'download',
    'config',
  ],
  [
    1504,
    1504,
    'Download Fails Due To Network Issues',
    'The download failed due to network or transport level errors',
    'download_server_error',
    'download',
    'network',
  ],
  [
    1505,
    1505,
    'Download Fails Due To Unknown Reason',
    'The download failed due to unknown reason',
    'download_server_error',
    'download',
    'unknown',
  ],
  [
    1550,
    1599,
    'Alternate Download Server Error – Vendor Specified',
    'Alternate Download Server Error encountered with vendor specified Result Code',
    'download_server_error_vendor',
    'download',
    'server',
  ],
];

const EXPECTED_OUTCOME: Record<ScomoCategory, Outcome> = {
  success: 'success',
  success_vendor: 'success',
  client_error: 'failure',
  client_error_vendor: 'failure',
  download_server_error: 'failure',
  download_server_error_vendor: 'failure',
  unrecognized: 'unrecognized',
};

const UNRECOGNIZED_EXAMPLES = [
  1201,
  1249,
  1300,
  1399,
  1417,
  1449,
  1506,
  1549,
  1600,
  0,
  -1,
  200,
  2 ** 31 - 1,
  Number.NaN,
  1200.5,
];

function entry(from: number, to: number): CatalogEntry {
  return {
    from,
    to,
    message: `m${from}`,
    description: `d${from}`,
    category: 'client_error',
    stage: 'other',
    cause: 'device',
  };
}

describe('SCOMO_ENTRIES', () => {
  it('has exactly the rows of Table 5, in order', () => {
    expect(
      SCOMO_ENTRIES.map((e) => [e.from, e.to, e.message, e.description, e.category, e.stage, e.cause]),
    ).toEqual(EXPECTED);
  });

  it('has no doubled spaces and no untrimmed text', () => {
    for (const e of SCOMO_ENTRIES) {
      for (const s of [e.message, e.description]) {
        expect(s).toBe(s.trim());
        expect(s).not.toMatch(/\s{2}/);
      }
    }
  });
});

describe('scomoCatalog.lookup on table codes', () => {
  for (const [from, to, message, description, category, stage, cause] of EXPECTED) {
    const probes = from === to ? [from] : [from, Math.floor((from + to) / 2), to];
    for (const code of probes) {
      it(`${code} → ${message}`, () => {
        expect(scomoCatalog.lookup(code)).toEqual({
          code,
          name: message,
          description,
          category,
          outcome: EXPECTED_OUTCOME[category],
          stage,
          cause,
          vendor: from !== to,
        });
      });
    }
  }

  it('covers every code of every range', () => {
    for (const [from, to, message] of EXPECTED) {
      for (let c = from; c <= to; c++) expect(scomoCatalog.lookup(c).name).toBe(message);
    }
  });
});

describe('scomoCatalog.lookup on unrecognized codes', () => {
  it.each(UNRECOGNIZED_EXAMPLES)('%s is unrecognized', (code) => {
    const info = scomoCatalog.lookup(code);
    expect(info).toMatchObject({
      name: 'Unrecognized code',
      category: 'unrecognized',
      outcome: 'unrecognized',
      stage: null,
      cause: null,
      vendor: false,
    });
    expect(Object.is(info.code, code)).toBe(true);
    expect(info.description).toMatch(/Not a SCOMO result code/);
  });

  it('returns the same record for repeated lookups', () => {
    expect(scomoCatalog.lookup(1417)).toBe(scomoCatalog.lookup(1417));
    expect(scomoCatalog.lookup(99999)).toBe(scomoCatalog.lookup(99999));
    expect(scomoCatalog.lookup(1405)).toBe(scomoCatalog.lookup(1405));
  });
});

describe('outcome mapping', () => {
  it.each([
    [1200, 'success'],
    [1275, 'success'],
    [1400, 'failure'],
    [1416, 'failure'],
    [1460, 'failure'],
    [1505, 'failure'],
    [1599, 'failure'],
    [1201, 'unrecognized'],
    [1600, 'unrecognized'],
  ] as const)('%i → %s', (code, outcome) => {
    expect(scomoCatalog.lookup(code).outcome).toBe(outcome);
  });
});

describe('scomoCatalog metadata and plausible()', () => {
  it('has its id and title', () => {
    expect(scomoCatalog.id).toBe('scomo');
    expect(scomoCatalog.title).toBe('OMA-DM SCOMO result codes');
    expect(scomoCatalog.entries).toHaveLength(EXPECTED.length);
  });

  it.each([1000, 1200, 1417, 1999])('%i is plausible', (code) => {
    expect(scomoCatalog.plausible(code)).toBe(true);
  });

  it.each([999, 2000, 0, -1200, 200, 404, 1200.5, Number.NaN])('%s is not plausible', (code) => {
    expect(scomoCatalog.plausible(code)).toBe(false);
  });
});

describe('createCatalog', () => {
  const base = {
    id: 't',
    title: 'Test',
    source: 'a test',
    plausible: () => true,
    categories: SCOMO_CATEGORIES,
    triage: scomoCatalog.triage,
  };

  it('rejects overlapping entries', () => {
    expect(() => createCatalog({ ...base, entries: [entry(10, 20), entry(20, 30)] })).toThrow(/overlap/);
    expect(() => createCatalog({ ...base, entries: [entry(50, 60), entry(10, 100)] })).toThrow(/overlap/);
    expect(() => createCatalog({ ...base, entries: [entry(5, 5), entry(5, 5)] })).toThrow(/overlap/);
  });

  it('rejects from > to and non-integer bounds', () => {
    expect(() => createCatalog({ ...base, entries: [entry(30, 20)] })).toThrow(/from must be <= to/);
    expect(() => createCatalog({ ...base, entries: [entry(1.5, 2)] })).toThrow(/integers/);
  });

  it('rejects stage/cause inconsistent with the category', () => {
    const bad: CatalogEntry = { ...entry(1, 1), category: 'success' };
    expect(() => createCatalog({ ...base, entries: [bad] })).toThrow(/only failures have/);
    const bare: CatalogEntry = { ...entry(1, 1), stage: null };
    expect(() => createCatalog({ ...base, entries: [bare] })).toThrow(/needs a stage and a cause/);
  });

  it('gives each code the outcome of its category, as the catalog defines its categories', () => {
    const c = createCatalog({
      ...base,
      categories: [
        { id: 'fine', outcome: 'success', label: 'Fine' },
        { id: 'broken', outcome: 'failure', label: 'Broken' },
      ],
      entries: [
        { ...entry(1, 1), category: 'fine', stage: null, cause: null },
        { ...entry(2, 2), category: 'broken' },
      ],
    });
    expect(c.categories.map((k) => [k.id, k.outcome])).toEqual([
      ['fine', 'success'],
      ['broken', 'failure'],
      ['unrecognized', 'unrecognized'],
    ]);
    expect(c.lookup(1)).toMatchObject({ category: 'fine', outcome: 'success' });
    expect(c.lookup(2)).toMatchObject({ category: 'broken', outcome: 'failure', stage: 'other' });
    expect(c.lookup(3)).toMatchObject({ category: 'unrecognized', outcome: 'unrecognized' });
  });

  it("rejects an entry outside the catalog's categories, and a category listed twice or named unrecognized", () => {
    const other: CatalogEntry = { ...entry(1, 1), category: 'mystery' };
    expect(() => createCatalog({ ...base, entries: [other] })).toThrow(/"mystery" is not one of the catalog/);
    const unrecognized: CatalogEntry = { ...entry(1, 1), category: 'unrecognized', stage: null, cause: null };
    expect(() => createCatalog({ ...base, entries: [unrecognized] })).toThrow(/not one of the catalog/);
    const twice = [...SCOMO_CATEGORIES, { id: 'success', outcome: 'success', label: 'S' } as const];
    expect(() => createCatalog({ ...base, categories: twice, entries: [] })).toThrow(/listed twice/);
    const reserved = [{ id: 'unrecognized', outcome: 'failure', label: 'U' } as const];
    expect(() => createCatalog({ ...base, categories: reserved, entries: [] })).toThrow(/reserved/);
    expect(() => createCatalog({ ...base, triage: { ...base.triage, stages: [] }, entries: [] })).toThrow(
      /at least one stage/,
    );
  });

  it('accepts unsorted entries and looks them up', () => {
    const c = createCatalog({ ...base, entries: [entry(40, 49), entry(3, 3)] });
    expect(c.lookup(3).name).toBe('m3');
    expect(c.lookup(45)).toMatchObject({ name: 'm40', vendor: true });
    expect(c.lookup(4).category).toBe('unrecognized');
    expect(c.lookup(4).description).toMatch(/Test/);
  });

  it('handles an empty table and a sparse one wider than the dense limit', () => {
    expect(createCatalog({ ...base, entries: [] }).lookup(1).category).toBe('unrecognized');
    const sparse = createCatalog({ ...base, entries: [entry(-5, -5), entry(1_000_000, 1_000_009)] });
    expect(sparse.lookup(-5).name).toBe('m-5');
    expect(sparse.lookup(1_000_005)).toMatchObject({ name: 'm1000000', vendor: true });
    expect(sparse.lookup(500).category).toBe('unrecognized');
    expect(sparse.lookup(1_000_000.5).category).toBe('unrecognized');
  });
});

describe('property: lookup is total and consistent', () => {
  function checkConsistent(code: number): void {
    const info = scomoCatalog.lookup(code);
    expect(CATEGORIES).toContain(info.category);
    expect(OUTCOMES).toContain(info.outcome);
    expect(info.outcome).toBe(EXPECTED_OUTCOME[info.category as ScomoCategory]);
    const failure = info.outcome === 'failure';
    expect(info.stage === null).toBe(!failure);
    expect(info.cause === null).toBe(!failure);
    if (failure) {
      expect(STAGES).toContain(info.stage);
      expect(CAUSES).toContain(info.cause);
    }
    expect(Object.is(info.code, code) || (code === 0 && info.code === 0)).toBe(true);
    if (info.category === 'unrecognized') expect(info.vendor).toBe(false);
    else expect(scomoCatalog.plausible(code)).toBe(true);
  }

  it('holds for every integer', () => {
    fc.assert(fc.property(fc.integer(), (code) => checkConsistent(code)));
  });

  it('holds for integers near the table', () => {
    fc.assert(fc.property(fc.integer({ min: 1100, max: 1700 }), (code) => checkConsistent(code)));
  });

  it('holds for any double, and non-integers are unrecognized', () => {
    fc.assert(
      fc.property(fc.double(), (code) => {
        checkConsistent(code);
        if (!Number.isInteger(code)) expect(scomoCatalog.lookup(code).category).toBe('unrecognized');
      }),
    );
  });

  describe('status words', () => {
    const base = {
      id: 't',
      title: 'Test',
      source: 'a test',
      plausible: () => true,
      triage: scomoCatalog.triage,
    };
    const categories = [
      { id: 'done', outcome: 'success', label: 'Done' },
      { id: 'bad', outcome: 'failure', label: 'Bad' },
      { id: 'skipped', outcome: 'not_applied', label: 'Skipped' },
      { id: 'busy', outcome: 'in_progress', label: 'Busy' },
    ] as const;
    const word = (words: string[], category: string, failure = false) => ({
      words,
      message: words[0] ?? '',
      description: `${words[0]} happened`,
      category,
      stage: failure ? ('install' as const) : null,
      cause: failure ? ('unknown' as const) : null,
    });
    const withWords = createCatalog({
      ...base,
      categories,
      entries: [],
      statuses: [
        word(['finished'], 'done'),
        word(['error', 'TIMED_OUT'], 'bad', true),
        word(['already-installed'], 'skipped'),
        word(['pause_before_*'], 'busy'),
        word(['pause_before_reboot_x*'], 'skipped'),
      ],
    });

    it('match without case, spaces, underscores or hyphens, and keep the word as written', () => {
      expect(withWords.lookupStatus('  Finished ')).toMatchObject({ status: 'Finished', outcome: 'success' });
      expect(withWords.lookupStatus('timed out')).toMatchObject({
        status: 'timed out',
        outcome: 'failure',
        stage: 'install',
        cause: 'unknown',
        category: 'bad',
        name: 'error',
      });
      expect(withWords.lookupStatus('ALREADY_INSTALLED')?.outcome).toBe('not_applied');
      expect(withWords.lookupStatus('alreadyinstalled')?.outcome).toBe('not_applied');
    });

    it('match a prefix word, the longest prefix first, and nothing else', () => {
      expect(withWords.lookupStatus('pause_before_committing')?.outcome).toBe('in_progress');
      expect(withWords.lookupStatus('pause_before_reboot_x1')?.outcome).toBe('not_applied');
      expect(withWords.lookupStatus('pause')).toBeNull();
      expect(withWords.lookupStatus('finishedx')).toBeNull();
      expect(withWords.lookupStatus('   ')).toBeNull();
      expect(withWords.lookupStatus('constructor')).toBeNull();
      expect(withWords.lookupStatus('__proto__')).toBeNull();
    });

    it('refuse a word listed twice, a blank word, and a meaning outside the categories', () => {
      const make = (statuses: ReturnType<typeof word>[]) =>
        createCatalog({ ...base, categories, entries: [], statuses });
      expect(() => make([word(['a'], 'done'), word(['A'], 'bad', true)])).toThrow(/listed twice/);
      expect(() => make([word([' _ '], 'done')])).toThrow(/blank word/);
      expect(() => make([word([], 'done')])).toThrow(/lists no word/);
      expect(() => make([word(['x'], 'nowhere')])).toThrow(/not one of the catalog/);
      expect(() => make([word(['x'], 'bad')])).toThrow(/needs a stage and a cause/);
      expect(() => make([word(['x'], 'skipped', true)])).toThrow(/only failures have/);
    });

    it('a family of codes only lists none', () => {
      expect(scomoCatalog.statuses).toEqual([]);
      expect(scomoCatalog.lookupStatus('finished')).toBeNull();
      expect(scomoCatalog.source).toMatch(/SCOMO/);
    });
  });
});
