import { describe, expect, it } from 'vitest';
import {
  CODE_TABLE,
  DEFAULT_START,
  type FleetEvent,
  type GroundTruth,
  generateEvents,
  groundTruth,
  outcomeOf,
  POOLS,
  parseRawCode,
  storyWindow,
  TruthTracker,
  truthFromJSON,
  truthToJSON,
} from '../../bench/fleet-generator.ts';

const gen = (seed: number, rows: number, extra: Partial<Parameters<typeof generateEvents>[0]> = {}) => [
  ...generateEvents({ seed, rows, ...extra }),
];

/** The brief's classification, written out independently of the generator. */
function expectedOutcome(code: number): 'success' | 'failure' | 'unrecognized' {
  const inRange = (a: number, b: number) => code >= a && code <= b;
  if (code === 1200 || inRange(1250, 1299)) return 'success';
  if (inRange(1400, 1416) || inRange(1450, 1499) || inRange(1500, 1505) || inRange(1550, 1599))
    return 'failure';
  return 'unrecognized';
}

/** Ground truth recomputed the dumbest possible way, to check groundTruth() and TruthTracker against. */
function bruteTruth(events: readonly FleetEvent[]): Omit<GroundTruth, 'rejectedLines'> {
  const accepted = events.filter((e) => /^-?\d+$/.test(e.rawCode.trim()));
  const codes = accepted.map((e) => Number(e.rawCode.trim()));
  const byCode = new Map<number, number>();
  for (const c of [...codes].sort((a, b) => a - b)) byCode.set(c, (byCode.get(c) ?? 0) + 1);
  return {
    rowsRead: events.length,
    rowsRejected: events.length - accepted.length,
    operations: accepted.length,
    successes: codes.filter((c) => expectedOutcome(c) === 'success').length,
    failures: codes.filter((c) => expectedOutcome(c) === 'failure').length,
    unrecognized: codes.filter((c) => expectedOutcome(c) === 'unrecognized').length,
    devices: new Set(accepted.map((e) => e.device)).size,
    failingDevices: new Set(
      accepted.filter((_e, k) => expectedOutcome(codes[k] as number) === 'failure').map((e) => e.device),
    ).size,
    byCode,
  };
}

function luhnValid(id: string): boolean {
  let sum = 0;
  for (let i = 0; i < id.length; i++) {
    let d = Number(id[id.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

describe('outcome table', () => {
  it('classifies every code of the SCOMO ranges and nothing else', () => {
    const wrong: number[] = [];
    for (let code = -5; code <= 1700; code++) if (outcomeOf(code) !== expectedOutcome(code)) wrong.push(code);
    expect(wrong).toEqual([]);
    for (const code of [1201, 1417, 1506, 1300, 0, 999, 1249, 1600, 1.5])
      expect(outcomeOf(code)).toBe('unrecognized');
  });

  it('carries its own table whose outcomes match the ranges, covering 1400–1416 and 1500–1505', () => {
    for (const row of CODE_TABLE) expect(row.outcome).toBe(expectedOutcome(row.code));
    const codes = new Set(CODE_TABLE.map((r) => r.code));
    for (let c = 1400; c <= 1416; c++) expect(codes.has(c)).toBe(true);
    for (let c = 1500; c <= 1505; c++) expect(codes.has(c)).toBe(true);
  });

  it('parses raw codes: trimmed integers are accepted, anything else is rejected', () => {
    expect(parseRawCode('1404')).toBe(1404);
    expect(parseRawCode(' 1404 ')).toBe(1404);
    expect(parseRawCode('0')).toBe(0);
    for (const raw of ['', ' ', 'ERR', 'n/a', '12.5', '1e3', null, undefined])
      expect(parseRawCode(raw)).toBeNull();
  });
});

describe('generateEvents', () => {
  it('is deterministic for a seed, and seeds differ', () => {
    const a = gen(42, 3000, { dirty: 0.05 });
    const b = gen(42, 3000, { dirty: 0.05 });
    expect(b).toEqual(a);
    expect(gen(43, 3000, { dirty: 0.05 })).not.toEqual(a);
  });

  it('keeps no shared state: interleaved generators give the same events as separate ones', () => {
    const g1 = generateEvents({ seed: 1, rows: 500 });
    const g2 = generateEvents({ seed: 2, rows: 500 });
    const x: FleetEvent[] = [];
    const y: FleetEvent[] = [];
    for (let i = 0; i < 500; i++) {
      x.push(g1.next().value as FleetEvent);
      y.push(g2.next().value as FleetEvent);
    }
    expect(x).toEqual(gen(1, 500));
    expect(y).toEqual(gen(2, 500));
  });

  it('yields exactly `rows` events, sorted in time, inside the span', () => {
    expect(gen(1, 0)).toEqual([]);
    const start = Date.UTC(2025, 0, 1);
    const events = gen(7, 5000, { startTime: start, days: 3 });
    expect(events).toHaveLength(5000);
    let prev = -Infinity;
    let unordered = 0;
    for (const e of events) {
      if (e.time < prev || !Number.isInteger(e.time)) unordered++;
      prev = e.time;
    }
    expect(unordered).toBe(0);
    expect(events[0]?.time).toBeGreaterThanOrEqual(start);
    expect(prev).toBeLessThan(start + 3 * 86_400_000);
    expect(gen(1, 10)[0]?.time).toBeGreaterThanOrEqual(DEFAULT_START);
  });

  it('uses IMEI-like device ids with fixed model, firmware and region per device', () => {
    const events = gen(3, 20_000, { devices: 1000 });
    const seen = new Map<string, string>();
    const bad: string[] = [];
    for (const e of events) {
      if (!/^\d{15}$/.test(e.device) || !luhnValid(e.device)) bad.push(e.device);
      const profile = `${e.model}|${e.firmware}|${e.region}`;
      if ((seen.get(e.device) ?? profile) !== profile) bad.push(`${e.device} changed profile`);
      seen.set(e.device, profile);
    }
    expect(bad).toEqual([]);
    expect(seen.size).toBeLessThanOrEqual(1000);
    expect(seen.size).toBeGreaterThan(950);
    expect(() => gen(1, 1, { devices: 2_000_000 })).toThrow(RangeError);
  });

  it('uses realistic pools and all six operations', () => {
    const events = gen(5, 5000);
    expect(new Set(events.map((e) => e.operation))).toEqual(
      new Set(['download', 'install', 'activate', 'deactivate', 'remove', 'update']),
    );
    expect(new Set(events.map((e) => e.model))).toEqual(new Set(POOLS.models));
    expect(POOLS.firmware).toEqual(expect.arrayContaining([...new Set(events.map((e) => e.firmware))]));
    expect(new Set(events.map((e) => e.region))).toEqual(new Set(POOLS.regions));
    expect(new Set(events.map((e) => e.server))).toEqual(new Set(POOLS.servers));
    expect(new Set(events.map((e) => e.component))).toEqual(new Set(POOLS.components));
    for (const server of POOLS.servers) expect(server).toMatch(/\.example$/);
  });

  it('keeps every pool value free of delimiters, quotes and line breaks (only notes need quoting)', () => {
    const pools = [
      POOLS.models,
      POOLS.firmware,
      POOLS.regions,
      POOLS.operations,
      POOLS.servers,
      POOLS.components,
    ];
    for (const v of pools.flat()) expect(v).not.toMatch(/[,;\t|"\r\n]/);
  });

  it('writes notes that exercise CSV quoting and multi-byte UTF-8', () => {
    const notes = gen(11, 5000).map((e) => e.note);
    expect(notes.filter((n) => n === '').length).toBeGreaterThan(4000);
    expect(notes.some((n) => n.includes(','))).toBe(true);
    expect(notes.some((n) => n.includes('"'))).toBe(true);
    expect(notes.some((n) => n.includes('\n') && !n.includes('\r'))).toBe(true);
    expect(notes.some((n) => n.includes('\r\n'))).toBe(true);
    expect(notes.some((n) => n.includes('é'))).toBe(true);
    expect(notes.some((n) => n.includes('日本'))).toBe(true);
    expect(notes.some((n) => n.includes('🚀'))).toBe(true);
  });

  it('clean data: only known, recognized codes, mostly successes, every client error code appears', () => {
    const events = gen(1, 200_000);
    const known = new Set(CODE_TABLE.filter((r) => r.outcome !== 'unrecognized').map((r) => r.code));
    expect(
      events.filter((e) => e.code === null || !known.has(e.code) || e.rawCode !== String(e.code)),
    ).toEqual([]);
    const t = groundTruth(events);
    expect(t.rowsRejected).toBe(0);
    expect(t.unrecognized).toBe(0);
    expect(t.successes / t.operations).toBeGreaterThan(0.85);
    expect(t.successes / t.operations).toBeLessThan(0.9);
    for (let c = 1400; c <= 1416; c++) expect(t.byCode.get(c) ?? 0, String(c)).toBeGreaterThan(0);
    for (let c = 1500; c <= 1505; c++) expect(t.byCode.get(c) ?? 0, String(c)).toBeGreaterThan(0);
    for (const c of [1250, 1450, 1550]) expect(t.byCode.get(c) ?? 0).toBeGreaterThan(0);
  });

  it('tells the story: Kestrel Mini on 5.0.0-rc2 runs out of memory; alt-cdn-3 fails for two days', () => {
    const opts = { startTime: DEFAULT_START, days: 7 };
    const events = gen(9, 100_000, opts);
    const oom = (list: FleetEvent[]) =>
      list.filter((e) => e.code === 1404 || e.code === 1406).length / Math.max(1, list.length);
    const isStoryDevice = (e: FleetEvent) => e.model === 'Kestrel Mini' && e.firmware === '5.0.0-rc2';
    const installs = (e: FleetEvent) =>
      e.operation !== 'activate' && e.operation !== 'deactivate' && e.operation !== 'remove';
    expect(oom(events.filter((e) => isStoryDevice(e) && installs(e)))).toBeGreaterThan(0.25);
    expect(oom(events.filter((e) => !isStoryDevice(e) && installs(e)))).toBeLessThan(0.03);

    const win = storyWindow(opts);
    expect(win.to - win.from).toBe(2 * 86_400_000);
    const net = (list: FleetEvent[]) =>
      list.filter((e) => e.code === 1502 || e.code === 1504).length / Math.max(1, list.length);
    const flakyDownloads = events.filter(
      (e) =>
        e.server === 'alt-cdn-3.fleet.example' && (e.operation === 'download' || e.operation === 'update'),
    );
    const inWindow = (e: FleetEvent) => e.time >= win.from && e.time < win.to;
    expect(net(flakyDownloads.filter(inWindow))).toBeGreaterThan(0.3);
    expect(net(flakyDownloads.filter((e) => !inWindow(e)))).toBeLessThan(0.05);

    const quiet = gen(9, 100_000, { ...opts, story: false });
    expect(oom(quiet.filter((e) => isStoryDevice(e) && installs(e)))).toBeLessThan(0.03);
    const quietFlaky = quiet.filter(
      (e) => e.server === 'alt-cdn-3.fleet.example' && e.operation === 'download',
    );
    expect(net(quietFlaky.filter(inWindow))).toBeLessThan(0.05);
  });

  it('has devices that fail and later succeed on a retry of the same operation', () => {
    const events = gen(4, 20_000);
    const failedAt = new Map<string, number>();
    let recovered = 0;
    events.forEach((e, i) => {
      const key = `${e.device}|${e.component}|${e.operation}|${e.server}`;
      const outcome = outcomeOf(e.code ?? -1);
      if (outcome === 'failure' && !failedAt.has(key)) failedAt.set(key, i);
      if (outcome === 'success' && failedAt.has(key) && e.note.startsWith('retry')) recovered++;
    });
    expect(recovered).toBeGreaterThan(50);
  });

  it('dirty rows: empty, text, unrecognized and padded codes in about the asked fraction', () => {
    const events = gen(8, 40_000, { dirty: 0.1 });
    const raws = new Set(events.map((e) => e.rawCode));
    for (const raw of ['', 'ERR', 'n/a', '1201', '1417', '1506', '999'])
      expect(raws.has(raw), raw).toBe(true);
    expect(events.some((e) => e.rawCode !== e.rawCode.trim() && e.code !== null)).toBe(true);
    expect(events.filter((e) => e.code !== parseRawCode(e.rawCode))).toEqual([]);
    const dirty = events.filter(
      (e) => e.rawCode !== String(e.code) || outcomeOf(e.code ?? -1) === 'unrecognized',
    );
    expect(dirty.length / events.length).toBeGreaterThan(0.08);
    expect(dirty.length / events.length).toBeLessThan(0.12);
    const t = groundTruth(events);
    expect(t.rowsRejected).toBeGreaterThan(0);
    expect(t.unrecognized).toBeGreaterThan(0);
  });
});

describe('ground truth', () => {
  it('matches a brute-force recount and keeps its invariants', () => {
    for (const dirty of [0, 0.03, 0.5]) {
      const events = gen(21, 8000, { dirty, devices: 700 });
      const t = groundTruth(events);
      expect(t.rejectedLines).toBeUndefined();
      expect(t).toEqual(bruteTruth(events));
      expect(t.successes + t.failures + t.unrecognized).toBe(t.operations);
      expect(t.operations + t.rowsRejected).toBe(t.rowsRead);
      expect([...t.byCode.values()].reduce((a, b) => a + b, 0)).toBe(t.operations);
      expect(t.failingDevices).toBeLessThanOrEqual(t.devices);
    }
  });

  it('stays exact when device indices collide (events of two runs, or bogus indices)', () => {
    const mixed = [...gen(1, 3000, { devices: 300 }), ...gen(2, 3000, { devices: 300 })];
    expect(groundTruth(mixed)).toEqual(bruteTruth(mixed));
    const bogus = gen(3, 3000, { devices: 300 }).map((e, i) => ({ ...e, deviceIndex: i % 7 }));
    expect(groundTruth(bogus)).toEqual(bruteTruth(bogus));
    const none = gen(3, 3000, { devices: 300 }).map(({ deviceIndex: _, ...e }) => e);
    expect(groundTruth(none)).toEqual(bruteTruth(none));
  });

  it('tracks rejected lines when the writer gives them, and aggregated counts', () => {
    const t = new TruthTracker();
    const base = gen(1, 3);
    t.add({ ...(base[0] as FleetEvent), rawCode: '1200' }, 2);
    t.add({ ...(base[1] as FleetEvent), rawCode: 'ERR' }, 3);
    t.addCount('1404', 5, 4);
    t.addCount('', 7, 5);
    const r = t.result();
    expect(r).toMatchObject({
      rowsRead: 4,
      rowsRejected: 2,
      operations: 6,
      successes: 1,
      failures: 5,
      devices: 1,
    });
    expect(r.rejectedLines).toEqual([3, 5]);
    expect(r.aggregated).toBe(true);
  });

  it('round-trips through JSON', () => {
    const t = groundTruth(gen(2, 2000, { dirty: 0.1 }));
    const json = JSON.parse(JSON.stringify(truthToJSON(t))) as Record<string, unknown>;
    expect((json.byCode as Record<string, number>)['1200']).toBe(t.byCode.get(1200));
    expect(truthFromJSON(json)).toEqual(t);
  });
});
