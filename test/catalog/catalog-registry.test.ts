import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATALOGS, CATEGORIES, defaultCatalog, getCatalog } from '../../src/catalog/catalog-registry.ts';
import type { Catalog } from '../../src/catalog/catalog-types.ts';
import { CAUSES, STAGES } from '../../src/catalog/catalog-types.ts';
import { SHARED_CATEGORIES } from '../../src/catalog/family-parts.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';

const IDS = [
  'scomo',
  'fumo',
  'lwm2m-5',
  'lwm2m-9',
  'adu',
  'hawkbit',
  'hawkbit-ddi',
  'mender',
  'aws-iot-jobs',
];

describe('catalog registry', () => {
  it('lists every family once and defaults to SCOMO', () => {
    expect(CATALOGS.map((c) => c.id)).toEqual(IDS);
    for (const id of IDS) expect(getCatalog(id).id).toBe(id);
    expect(defaultCatalog).toBe(scomoCatalog);
  });

  it("lists every catalog's categories once, unrecognized last", () => {
    const all = CATALOGS.flatMap((c) => c.categories.map((k) => k.id));
    expect(new Set(CATEGORIES)).toEqual(new Set(all));
    expect(CATEGORIES).toHaveLength(new Set(all).size);
    expect(CATEGORIES.at(-1)).toBe('unrecognized');
  });

  it('throws a clear error for unknown ids', () => {
    expect(() => getCatalog('nope')).toThrow(/Unknown catalog "nope".*"scomo".*"fumo"/);
    expect(() => getCatalog('__proto__')).toThrow(/Unknown catalog/);
  });

  it('gives a category id the same outcome and label in every catalog that uses it', () => {
    const seen = new Map<string, string>();
    for (const c of CATALOGS) {
      for (const k of c.categories) {
        const meaning = `${k.outcome} / ${k.label}`;
        expect(seen.get(k.id) ?? meaning, `${c.id}: ${k.id}`).toBe(meaning);
        seen.set(k.id, meaning);
      }
    }
    for (const shared of Object.values(SHARED_CATEGORIES)) {
      expect(seen.get(shared.id) ?? `${shared.outcome} / ${shared.label}`).toBe(
        `${shared.outcome} / ${shared.label}`,
      );
    }
  });

  it('registers the four outcome-named categories (a profile falls back on them)', () => {
    for (const id of ['success', 'failure', 'not_applied', 'in_progress']) expect(CATEGORIES).toContain(id);
  });
});

describe.each(CATALOGS.map((c) => [c.id, c] as const))('catalog %s', (_id, catalog: Catalog) => {
  it('cites its source', () => {
    expect(catalog.source.length).toBeGreaterThan(20);
  });

  it('triages failing stages, and its unknown-reason code (if any) is a failure at one of them', () => {
    const { stages, causes, unknownReasonCode } = catalog.triage;
    expect(stages.length).toBeGreaterThan(0);
    for (const s of stages) expect(STAGES).toContain(s);
    for (const c of causes) expect(CAUSES).toContain(c);
    const failing = [
      ...catalog.entries.filter((e) => e.stage !== null).map((e) => e.stage),
      ...catalog.statuses.filter((e) => e.stage !== null).map((e) => e.stage),
    ];
    expect(stages.some((s) => failing.includes(s))).toBe(true);
    if (unknownReasonCode !== null) {
      const info = catalog.lookup(unknownReasonCode);
      expect(info.outcome).toBe('failure');
      expect(stages).toContain(info.stage);
    }
  });

  it('declares well-formed detection signals', () => {
    const signals = catalog.signals ?? {};
    const kinds = Object.keys(signals);
    expect(
      kinds.every((k) => ['alertTypes', 'codeNames', 'statusNames', 'resources', 'notCounts'].includes(k)),
    ).toBe(true);
    for (const names of Object.values(signals) as string[][]) {
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names).size).toBe(names.length);
      for (const n of names) expect(n).toMatch(/^\S+$/);
    }
    for (const t of signals.alertTypes ?? []) expect(t).toMatch(/^[a-z][a-z0-9.:-]*[a-z0-9]$/);
    for (const r of signals.resources ?? []) expect(r).toMatch(/^\/\d+\/(\*|\d+)\/\d+$/);
    if (catalog.statuses.length === 0) expect(kinds.length).toBeGreaterThan(0);
  });

  it('looks up every integer to a category of its own with that category outcome; only failures have stage and cause', () => {
    const outcomeOf = new Map(catalog.categories.map((k) => [k.id, k.outcome]));
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.integer({ min: -100, max: 2000 })), (code) => {
        const info = catalog.lookup(code);
        expect(outcomeOf.get(info.category)).toBe(info.outcome);
        expect(info.stage === null).toBe(info.outcome !== 'failure');
        expect(info.cause === null).toBe(info.outcome !== 'failure');
        if (info.outcome !== 'unrecognized' && !info.vendor) expect(catalog.plausible(code)).toBe(true);
      }),
      { seed: 20261207 },
    );
  });
});

describe('detection signals across catalogs', () => {
  it('never claim the same alert type prefix or resource for two families', () => {
    const claims = (kind: 'alertTypes' | 'resources') =>
      CATALOGS.flatMap((c) => (c.signals?.[kind] ?? []).map((v) => [c.id, v] as const));
    for (const kind of ['alertTypes', 'resources'] as const) {
      for (const [a, x] of claims(kind)) {
        for (const [b, y] of claims(kind))
          if (a !== b) expect(x.startsWith(y), `${a} ${x} / ${b} ${y}`).toBe(false);
      }
    }
  });
});
