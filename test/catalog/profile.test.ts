import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGS, CATEGORIES } from '../../src/catalog/catalog-registry.ts';
import { fumoCatalog } from '../../src/catalog/fumo-catalog.ts';
import { jsonSyntaxError, valueOffset } from '../../src/catalog/json-position.ts';
import { applyProfile, type Profile, parseProfile } from '../../src/catalog/profile.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';

const PROFILES = join(dirname(fileURLToPath(import.meta.url)), '../../profiles');
const read = (name: string) => readFileSync(join(PROFILES, name), 'utf8');

function parsed(text: string): Profile {
  const result = parseProfile(text);
  if (!result.ok) throw new Error(result.message);
  return result.profile;
}

const profileText = (codes: unknown[], family = 'scomo') =>
  JSON.stringify({ name: 'Acme', family, codes }, null, 2);

describe('the shipped profiles', () => {
  it('redbend-scomo names 1452 and 1472 as install failures inside the client-error vendor range', () => {
    const catalog = applyProfile(scomoCatalog, parsed(read('redbend-scomo.json')));
    for (const [code, name] of [
      [1452, 'Partially successful'],
      [1472, 'Installation and rollback success'],
    ] as const) {
      expect(catalog.lookup(code)).toMatchObject({
        code,
        name,
        outcome: 'failure',
        category: 'client_error_vendor',
        stage: 'install',
        cause: 'unknown',
        vendor: true,
      });
    }
    expect(catalog.categories).toEqual(scomoCatalog.categories);
    expect(catalog.lookup(1453)).toBe(scomoCatalog.lookup(1453));
    expect(catalog.title).toMatch(/Red Bend/);
  });

  it('operator-fumo makes 255 a step of a running update and 403 a deferral, in registered categories', () => {
    const catalog = applyProfile(fumoCatalog, parsed(read('operator-fumo.json')));
    expect(catalog.lookup(255)).toMatchObject({
      name: 'Download successful',
      outcome: 'in_progress',
      category: 'in_progress',
      stage: null,
      cause: null,
      vendor: true,
    });
    expect(catalog.lookup(403)).toMatchObject({
      name: 'Deferred',
      outcome: 'not_applied',
      category: 'not_applied',
    });
    expect(catalog.lookup(254)).toBe(fumoCatalog.lookup(254));
    const ids = catalog.categories.map((k) => k.id);
    expect(ids.slice(-3)).toEqual(['in_progress', 'not_applied', 'unrecognized']);
    for (const id of ids) expect(CATEGORIES).toContain(id);
    expect(catalog.categories.find((k) => k.id === 'in_progress')).toMatchObject({
      outcome: 'in_progress',
      label: 'In progress',
    });
  });
});

describe('applyProfile', () => {
  const acme = applyProfile(
    scomoCatalog,
    parsed(
      profileText([
        {
          code: 1460,
          name: 'Acme: flash locked',
          description: 'Bootloader refused the write',
          outcome: 'failure',
        },
        { code: 1555, name: 'Acme CDN throttled', outcome: 'failure' },
        { code: 1299, name: 'Acme: done, reboot pending', outcome: 'success' },
        { from: 1470, to: 1479, name: 'Acme modem', outcome: 'failure', stage: 'download', cause: 'network' },
        { code: 1402, name: 'Acme: download refused by policy', outcome: 'not_applied' },
        { code: 1700, name: 'Acme: operator code', outcome: 'success' },
      ]),
    ),
  );

  it("keeps the base's category, stage and cause when the outcome is the base's and none is given", () => {
    expect(acme.lookup(1460)).toEqual({
      ...scomoCatalog.lookup(1460),
      name: 'Acme: flash locked',
      description: 'Bootloader refused the write',
    });
    expect(acme.lookup(1555)).toMatchObject({
      name: 'Acme CDN throttled',
      description: 'Named by the profile "Acme".',
      category: 'download_server_error_vendor',
      stage: 'download',
      cause: 'server',
      vendor: true,
    });
    expect(acme.lookup(1299)).toMatchObject({ outcome: 'success', category: 'success_vendor' });
  });

  it('covers ranges, reclassifies spec codes and names codes the table lacks', () => {
    for (const code of [1470, 1475, 1479]) {
      expect(acme.lookup(code)).toMatchObject({ name: 'Acme modem', stage: 'download', cause: 'network' });
    }
    expect(acme.lookup(1402)).toMatchObject({ outcome: 'not_applied', category: 'not_applied', stage: null });
    expect(acme.lookup(1700)).toMatchObject({ outcome: 'success', category: 'success', vendor: false });
    expect(acme.plausible(1700)).toBe(true);
    expect(acme.plausible(1701)).toBe(scomoCatalog.plausible(1701));
  });

  it('answers every other value as the base does', () => {
    for (const code of [1200, 1401, 1461, 1469, 1480, 1417, 1599, 99_999, 1460.5, Number.NaN]) {
      expect(acme.lookup(code)).toBe(scomoCatalog.lookup(code));
    }
    expect(acme.id).toBe('scomo');
    expect(acme.lookupStatus('finished')).toBeNull();
  });

  it('gives a failure that was not one the stage other and cause unknown unless the profile says', () => {
    const c = applyProfile(
      scomoCatalog,
      parsed(profileText([{ code: 1200, name: 'Not really', outcome: 'failure' }])),
    );
    expect(c.lookup(1200)).toMatchObject({
      outcome: 'failure',
      category: 'client_error',
      stage: 'other',
      cause: 'unknown',
    });
  });

  it('keeps every category a registered one, for every family and outcome', () => {
    for (const base of CATALOGS) {
      const outcomes = ['success', 'failure', 'not_applied', 'in_progress'];
      const codes = outcomes.map((outcome, i) => ({ code: 7_000_000 + i, name: outcome, outcome }));
      const c = applyProfile(base, parsed(profileText(codes, base.id)));
      outcomes.forEach((outcome, i) => {
        const info = c.lookup(7_000_000 + i);
        expect(info.outcome).toBe(outcome);
        expect(CATEGORIES).toContain(info.category);
        expect(c.categories.find((k) => k.id === info.category)?.outcome).toBe(outcome);
      });
      expect(c.categories.at(-1)?.id).toBe('unrecognized');
    }
  });

  it('refuses a profile of another family', () => {
    expect(() => applyProfile(fumoCatalog, parsed(read('redbend-scomo.json')))).toThrow(
      /is for catalog "scomo", not "fumo"/,
    );
  });
});

describe('parseProfile: every fault names its line', () => {
  const bad = (text: string) => {
    const result = parseProfile(text);
    expect(result.ok).toBe(false);
    return result.ok ? '' : result.message;
  };

  it('names the line and column where the JSON breaks', () => {
    const text = '{\n  "name": "Acme",\n  "family": "scomo"\n  "codes": []\n}';
    expect(bad(text)).toBe("line 4, column 3: invalid JSON: ',' or '}' expected");
    expect(bad('{\n  "name": "Acme",\n  "codes": [1,]\n}')).toMatch(
      /^line 3, column 15: invalid JSON: a value expected/,
    );
    expect(bad('')).toBe('line 1, column 1: invalid JSON: the text ends too early');
    expect(bad('{"name": "a\nb"}')).toMatch(/^line 1, column 12: invalid JSON: a control character/);
    expect(bad('{} x')).toMatch(/^line 1, column 4: invalid JSON: more text/);
  });

  it('names the line of the faulty field of an entry', () => {
    const text = profileText([
      { code: 1460, name: 'ok', outcome: 'failure' },
      { code: 1461, name: 'bad', outcome: 'maybe' },
    ]);
    const line = text.split('\n').findIndex((l) => l.includes('"maybe"')) + 1;
    expect(bad(text)).toMatch(
      new RegExp(
        `^line ${line}, column \\d+: codes entry 2: "outcome" must be one of success, failure, not_applied, in_progress$`,
      ),
    );
  });

  it.each([
    [[{ code: 1.5, name: 'n', outcome: 'success' }], /codes entry 1: "code" must be a whole number/],
    [[{ code: '12', name: 'n', outcome: 'success' }], /"code" must be a whole number/],
    [[{ from: 5, name: 'n', outcome: 'success' }], /"to" must be a whole number/],
    [[{ from: 9, to: 5, name: 'n', outcome: 'success' }], /"to" must not be below "from"/],
    [[{ code: 1, from: 1, to: 2, name: 'n', outcome: 'success' }], /either "code" or "from" and "to"/],
    [[{ code: 1, name: ' ', outcome: 'success' }], /"name" must be a non-empty text/],
    [[{ code: 1, name: 'n' }], /"outcome" is required/],
    [[{ code: 1, name: 'n', outcome: 'unrecognized' }], /"outcome" must be one of/],
    [
      [{ code: 1, name: 'n', outcome: 'success', stage: 'download' }],
      /only a failure has a stage and a cause/,
    ],
    [[{ code: 1, name: 'n', outcome: 'failure', cause: 'aliens' }], /"cause" must be one of device/],
    [[{ code: 1, name: 'n', outcome: 'success', colour: 'red' }], /unknown field "colour"/],
    [[7], /each code must be an object/],
    [[], /"codes" must be a list of at least one code/],
    [
      [
        { from: 10, to: 20, name: 'a', outcome: 'success' },
        { code: 15, name: 'b', outcome: 'success' },
      ],
      /codes entry 2: code 15 overlap codes 10–20 of entry 1/,
    ],
  ])('%j → %s', (codes, message) => {
    const text = profileText(codes);
    expect(bad(text)).toMatch(message);
    expect(bad(text)).toMatch(/^line \d+, column \d+: /);
  });

  it('checks the top level: an object, known fields, a known family', () => {
    expect(bad('[]')).toBe('line 1, column 1: a profile is a JSON object with name, family and codes');
    expect(bad('{\n "name": "x",\n "family": "nokia",\n "codes": []\n}')).toMatch(
      /^line 3, column 12: "family" must be one of the known catalogs: scomo, fumo/,
    );
    expect(bad('{\n "name": "x",\n "constructor": 1\n}')).toMatch(
      /^line 3, column 17: unknown field "constructor"/,
    );
    expect(bad('{"family": "scomo", "codes": []}')).toMatch(/"name" must be a non-empty text/);
  });

  it('keeps untrusted keys data: no prototype is touched', () => {
    const text =
      '{"name":"x","family":"scomo","codes":[{"code":1,"name":"n","outcome":"success"}],"__proto__":{"polluted":1}}';
    expect(bad(text)).toMatch(/unknown field "__proto__"/);
    const inEntry =
      '{"name":"x","family":"scomo","codes":[{"code":1,"name":"n","outcome":"success","__proto__":{"polluted":1}}]}';
    expect(bad(inEntry)).toMatch(/codes entry 1: unknown field "__proto__"/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('accepts a byte-order mark and reports lines of huge or deep inputs without throwing', () => {
    expect(parseProfile(`\uFEFF${read('operator-fumo.json')}`).ok).toBe(true);
    expect(bad('['.repeat(200_000))).toMatch(/^line 1, column 200001: invalid JSON: the text ends too early/);
  });

  it('never throws and always names a line (seeded random text and mutated profiles)', () => {
    const good = read('redbend-scomo.json');
    const mutated = fc
      .tuple(fc.nat(good.length), fc.nat(8), fc.string({ maxLength: 4 }))
      .map(([at, cut, insert]) => good.slice(0, at) + insert + good.slice(at + cut));
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json(), mutated), (text) => {
        const result = parseProfile(text);
        if (!result.ok) expect(result.message).toMatch(/^line \d+, column \d+: \S/);
      }),
      { seed: 42, numRuns: 2000 },
    );
  });
});

describe('json-position', () => {
  it('finds a syntax error exactly when JSON.parse fails (seeded)', () => {
    const accepts = (t: string) => {
      try {
        JSON.parse(t);
        return true;
      } catch {
        return false;
      }
    };
    const near = fc
      .tuple(
        fc.json(),
        fc.nat(40),
        fc.constantFrom('', ',', '"', '\\', ']', '}', ':', '0', '-', 'e', ' ', '\n', '\u0001'),
      )
      .map(([t, at, c]) => t.slice(0, at % (t.length + 1)) + c + t.slice(at % (t.length + 1)));
    fc.assert(
      fc.property(fc.oneof(fc.json(), near, fc.string()), (text) => {
        expect(jsonSyntaxError(text) === null).toBe(accepts(text));
      }),
      { seed: 7, numRuns: 5000 },
    );
  });

  it('finds the value at a path, the last of a repeated key', () => {
    const text = '{"a": [1, {"b": "x,]}"}, [2]], "c": true, "a": [9, {"b": 3}]}';
    const at = (path: (string | number)[]) => {
      const o = valueOffset(text, path);
      return o === null ? null : text.slice(o, o + 3);
    };
    expect(at(['a', 0])).toBe('9, ');
    expect(at(['a', 1, 'b'])).toBe('3}]');
    expect(at(['c'])).toBe('tru');
    expect(at(['d'])).toBeNull();
    expect(at(['a', 5])).toBeNull();
    expect(valueOffset('{"a": [1, {"b": "x,]}"}, [2]]}', ['a', 2])).toBe(25);
  });
});
