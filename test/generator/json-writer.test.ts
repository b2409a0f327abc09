import { describe, expect, it } from 'vitest';
import {
  FIELDS,
  type FleetEvent,
  type Format,
  formatTime,
  generateEvents,
  groundTruth,
  HEADER_PRESETS,
  jsonChunks,
  ndjsonChunks,
  outcomeOf,
  resolveColumns,
  wrappedChunks,
  writeFormat,
  writeJson,
  writeNdjson,
  writeWrapped,
} from '../../bench/fleet-generator.ts';

type Obj = Record<string, unknown>;

const sample = [...generateEvents({ seed: 2, rows: 2000, dirty: 0.1 })];

/** Reads a code the way an app should: integers (as numbers or trimmed strings) are accepted. */
function readCode(v: unknown): number | null {
  if (typeof v === 'number') return Number.isInteger(v) ? v : null;
  if (typeof v === 'string' && /^-?\d+$/.test(v.trim())) return Number(v.trim());
  return null;
}

/** Ground truth recomputed from parsed objects only. */
function truthOf(objs: Obj[], code: (o: Obj) => unknown, device: (o: Obj) => unknown) {
  let operations = 0;
  let failures = 0;
  const devices = new Set<unknown>();
  for (const o of objs) {
    const c = readCode(code(o));
    if (c === null) continue;
    operations++;
    devices.add(device(o));
    if (outcomeOf(c) === 'failure') failures++;
  }
  return {
    rowsRead: objs.length,
    rowsRejected: objs.length - operations,
    operations,
    failures,
    devices: devices.size,
  };
}

describe('JSON writers', () => {
  it('JSON array: parses, one object per line, keys from the header preset, values intact', () => {
    const { text, truth } = writeJson(sample, { headers: 'camel' });
    const objs = JSON.parse(text) as Obj[];
    expect(objs).toHaveLength(sample.length);
    const h = HEADER_PRESETS.camel;
    expect(Object.keys(objs[0] as Obj)).toEqual(FIELDS.map((f) => h[f]));
    expect(objs.map((o) => o[h.note])).toEqual(sample.map((e) => e.note));
    expect(objs.map((o) => o[h.time])).toEqual(sample.map((e) => formatTime(e.time, 'iso')));
    expect(objs.map((o) => o[h.device])).toEqual(sample.map((e) => e.device));
    const lines = text.split('\n');
    expect(lines[0]).toBe('[');
    expect(truth).toMatchObject(
      truthOf(
        objs,
        (o) => o[h.code],
        (o) => o[h.device],
      ),
    );
    const rejected = objs.flatMap((o, i) => (readCode(o[h.code]) === null ? [i + 2] : []));
    expect(truth.rejectedLines).toEqual(rejected);
    for (const line of truth.rejectedLines ?? []) {
      const o = JSON.parse((lines[line - 1] as string).replace(/,$/, '')) as Obj;
      expect(readCode(o[h.code])).toBeNull();
    }
  });

  it("codeAs: 'number' writes integers as numbers and '' as null; 'string' keeps the raw text; 'mixed' both", () => {
    const num = JSON.parse(writeJson(sample).text) as Obj[];
    sample.forEach((e, i) => {
      const v = num[i]?.result_code;
      if (e.code !== null) expect(v).toBe(e.code);
      else expect(v).toBe(e.rawCode === '' ? null : e.rawCode);
    });
    const str = JSON.parse(writeJson(sample, { codeAs: 'string' }).text) as Obj[];
    expect(str.map((o) => o.result_code)).toEqual(sample.map((e) => e.rawCode));
    const mixed = JSON.parse(writeJson(sample, { codeAs: 'mixed' }).text) as Obj[];
    const types = new Set(mixed.filter((_, i) => sample[i]?.code !== null).map((o) => typeof o.result_code));
    expect(types).toEqual(new Set(['number', 'string']));
    expect(mixed.map((o) => readCode(o.result_code))).toEqual(sample.map((e) => e.code));
  });

  it('nested puts the code under result.code and the device under device.id', () => {
    const { text, truth } = writeJson(sample, { nested: true, codeAs: 'mixed', time: 'epoch-ms' });
    const objs = JSON.parse(text) as Obj[];
    const first = objs[0] as { result: { code: unknown }; device: { id: unknown }; timestamp: unknown };
    expect(Object.keys(first.result)).toEqual(['code']);
    expect(Object.keys(first.device)).toEqual(['id']);
    expect(objs.map((o) => (o.device as Obj).id)).toEqual(sample.map((e) => e.device));
    expect(objs.map((o) => o.timestamp)).toEqual(sample.map((e) => e.time));
    expect(truth).toMatchObject(
      truthOf(
        objs,
        (o) => (o.result as Obj).code,
        (o) => (o.device as Obj).id,
      ),
    );
  });

  it('wrapped: {"source":…,"events":[…]} with a configurable key and source', () => {
    const { text, truth } = writeWrapped(sample, { wrapKey: 'records', source: 'dm-eu-2' });
    const doc = JSON.parse(text) as { source: string; records: Obj[] };
    expect(Object.keys(doc)).toEqual(['source', 'records']);
    expect(doc.source).toBe('dm-eu-2');
    expect(doc.records).toHaveLength(sample.length);
    expect(truth.rejectedLines).toEqual(
      doc.records.flatMap((o, i) => (readCode(o.result_code) === null ? [i + 2] : [])),
    );
    const dflt = JSON.parse(writeWrapped(sample.slice(0, 3)).text) as Obj;
    expect(Object.keys(dflt)).toEqual(['source', 'events']);
    expect(dflt.source).toBe('dm-server-1');
  });

  it('NDJSON: every line parses on its own; rejected lines are 1-based rows', () => {
    for (const newline of ['\n', '\r\n'] as const) {
      const { text, truth } = writeNdjson(sample, { newline, headers: 'title', time: 'epoch-s' });
      const lines = text.split(newline);
      expect(lines.pop()).toBe('');
      expect(lines).toHaveLength(sample.length);
      const objs = lines.map((l) => JSON.parse(l) as Obj);
      expect(objs.map((o) => o.Note)).toEqual(sample.map((e) => e.note));
      expect(objs.map((o) => o.Time)).toEqual(sample.map((e) => Math.floor(e.time / 1000)));
      expect(truth.rejectedLines).toEqual(
        objs.flatMap((o, i) => (readCode(o['Result Code']) === null ? [i + 1] : [])),
      );
      const { rejectedLines: _, ...rest } = truth;
      expect(rest).toEqual(groundTruth(sample));
    }
  });

  it('escapes control characters, quotes, backslashes and keeps multi-byte text', () => {
    const base = sample[0] as FleetEvent;
    const note = 'tab\there "q" back\\slash \u0001 bell\u0007 é 日本 🚀 \r\n end';
    const one = JSON.parse(writeNdjson([{ ...base, note }]).text) as Obj;
    expect(one.note).toBe(note);
    const lone = JSON.parse(writeNdjson([{ ...base, note: 'x\uD800y' }]).text) as Obj;
    expect(lone.note).toBe('x\uFFFDy');
  });

  it('shuffles keys like CSV columns', () => {
    const objs = JSON.parse(writeJson(sample.slice(0, 5), { shuffleColumns: 3 }).text) as Obj[];
    expect(Object.keys(objs[0] as Obj)).toEqual(
      resolveColumns({ shuffleColumns: 3 }).map((f) => HEADER_PRESETS.snake[f]),
    );
  });

  it('streams chunks that add up to the whole document', () => {
    const big = [...generateEvents({ seed: 4, rows: 8000 })];
    const cases: [Format, (e: FleetEvent[]) => Generator<string>][] = [
      ['json', (e) => jsonChunks(e, { chunkSize: 8192 })],
      ['wrapped', (e) => wrappedChunks(e, { chunkSize: 8192 })],
      ['ndjson', (e) => ndjsonChunks(e, { chunkSize: 8192 })],
    ];
    for (const [format, chunks] of cases) {
      const parts = [...chunks(big)];
      expect(parts.length).toBeGreaterThan(50);
      expect(parts.join('')).toBe(writeFormat(format, big).text);
    }
  });

  it('handles zero events', () => {
    expect(JSON.parse(writeJson([]).text)).toEqual([]);
    expect(JSON.parse(writeWrapped([]).text)).toEqual({ source: 'dm-server-1', events: [] });
    expect(writeNdjson([]).text).toBe('');
  });
});
