import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import {
  AGGREGATE_FIELDS,
  csvByteChunks,
  csvChunks,
  type Delimiter,
  FIELDS,
  type Field,
  type FleetEvent,
  formatTime,
  generateEvents,
  groundTruth,
  HEADER_PRESETS,
  type HeaderPreset,
  type Newline,
  parseRawCode,
  resolveColumns,
  TIME_FORMATS,
  type TimeFormat,
  writeCsv,
} from '../../bench/fleet-generator.ts';
import { parseCsv, physicalLines } from './csv-parse.ts';

const events = (rows: number, seed = 1, dirty = 0.08) => [...generateEvents({ seed, rows, dirty })];

/** What a cell of `field` must read back as. */
function expected(e: FleetEvent, field: Field, time: TimeFormat): string {
  if (field === 'code') return e.rawCode;
  if (field === 'time') return formatTime(e.time, time);
  return e[field];
}

const DELIMITERS: Delimiter[] = [',', ';', '\t', '|'];
const NEWLINES: Newline[] = ['\n', '\r\n', '\r'];
const PRESETS = Object.keys(HEADER_PRESETS) as HeaderPreset[];

describe('formatTime', () => {
  it('prints every time format', () => {
    const t = Date.UTC(2026, 9, 1, 8, 15, 30, 123);
    expect(TIME_FORMATS.map((f) => formatTime(t, f))).toEqual([
      '2026-10-01T08:15:30.123Z',
      '2026-10-01T08:15:30',
      '2026-10-01 08:15:30',
      String(Math.floor(t / 1000)),
      String(t),
    ]);
    expect(formatTime(Date.UTC(2026, 11, 31, 23, 59, 59, 9))).toBe('2026-12-31T23:59:59.009Z');
    expect(formatTime(Date.UTC(2026, 0, 2, 0, 0, 0, 0))).toBe(new Date(Date.UTC(2026, 0, 2)).toISOString());
  });
});

describe('CSV writer', () => {
  const sample = events(1500);

  it('round-trips every delimiter × newline × BOM × header preset through a strict RFC 4180 parser', () => {
    let combos = 0;
    for (const delimiter of DELIMITERS) {
      for (const newline of NEWLINES) {
        for (const [k, headers] of PRESETS.entries()) {
          const bom = k % 2 === 0;
          const time = TIME_FORMATS[(combos + k) % TIME_FORMATS.length] as TimeFormat;
          const { text, truth } = writeCsv(sample, { delimiter, newline, bom, headers, time });
          combos++;
          expect(text.startsWith('\uFEFF')).toBe(bom);
          const records = parseCsv(text, delimiter);
          expect(records).toHaveLength(sample.length + 1);
          expect(records[0]?.fields).toEqual(FIELDS.map((f) => HEADER_PRESETS[headers][f]));
          const mismatched = sample.filter(
            (e, i) =>
              JSON.stringify(records[i + 1]?.fields) !==
              JSON.stringify(FIELDS.map((f) => expected(e, f, time))),
          );
          expect(mismatched).toEqual([]);
          // rejected lines = the physical start lines of the records whose code is not an integer
          const rejected = records.slice(1).filter((r) => parseRawCode(r.fields[0]) === null);
          expect(truth.rejectedLines).toEqual(rejected.map((r) => r.line));
          expect(truth.rowsRejected).toBe(rejected.length);
          // and, independently of the parser, those physical lines start with the rejected raw code
          const lines = physicalLines(text);
          for (const [j, line] of (truth.rejectedLines ?? []).entries()) {
            expect(
              lines[line - 1]?.replace(/^\uFEFF/, '').startsWith(`${rejected[j]?.fields[0]}${delimiter}`),
            ).toBe(true);
          }
          expect(text.endsWith(newline)).toBe(true);
        }
      }
    }
    expect(combos).toBe(48);
  });

  it('quotes exactly the fields that need it (RFC 4180) and doubles quotes', () => {
    const tricky: FleetEvent = {
      ...(sample[0] as FleetEvent),
      rawCode: '1404',
      note: 'a,b "c"\nd;e|f\tg é 日本 🚀',
    };
    const plain: FleetEvent = { ...(sample[0] as FleetEvent), rawCode: '1200', note: 'plain' };
    const { text } = writeCsv([tricky, plain], { columns: ['code', 'note'] });
    expect(text).toBe('result_code,note\n1404,"a,b ""c""\nd;e|f\tg é 日本 🚀"\n1200,plain\n');
    const semi = writeCsv([tricky], { columns: ['note'], delimiter: ';', header: false }).text;
    expect(semi).toBe('"a,b ""c""\nd;e|f\tg é 日本 🚀"\n');
    const all = writeCsv([plain], { columns: ['code', 'note'], quoteAll: true, header: false }).text;
    expect(all).toBe('"1200","plain"\n');
  });

  it('counts line breaks inside quoted notes when numbering rejected lines', () => {
    const base = sample[0] as FleetEvent;
    const rows: FleetEvent[] = [
      { ...base, rawCode: '1200', note: 'one\ntwo' },
      { ...base, rawCode: 'ERR', note: 'crlf\r\ninside\rand lone cr' },
      { ...base, rawCode: '', note: '' },
      { ...base, rawCode: 'n/a', note: '' },
    ];
    for (const newline of NEWLINES) {
      const { text, truth } = writeCsv(rows, { columns: ['code', 'note'], newline, bom: true });
      expect(truth.rejectedLines).toEqual([4, 7, 8]);
      expect(physicalLines(text)[6]).toBe(',');
    }
    expect(writeCsv(rows, { columns: ['code', 'note'], header: false }).truth.rejectedLines).toEqual([
      3, 6, 7,
    ]);
  });

  it('agrees with papaparse', () => {
    for (const delimiter of DELIMITERS) {
      for (const newline of NEWLINES) {
        const { text } = writeCsv(sample, { delimiter, newline, bom: true, headers: 'title' });
        const parsed = Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
          delimiter,
          newline,
          skipEmptyLines: true,
        });
        expect(parsed.errors).toEqual([]);
        expect(parsed.data).toEqual(parseCsv(text, delimiter).map((r) => r.fields));
      }
    }
    const { text } = writeCsv(sample, { headers: 'camel' });
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.data.map((r) => r.note)).toEqual(sample.map((e) => e.note));
    expect(parsed.data.map((r) => r.devId)).toEqual(sample.map((e) => e.device));
  });

  it('has the ground truth of its events, plus rejected lines', () => {
    const { truth } = writeCsv(sample);
    const { rejectedLines, ...rest } = truth;
    expect(rest).toEqual(groundTruth(sample));
    expect(rejectedLines).toHaveLength(truth.rowsRejected);
  });

  it('shuffles and subsets columns deterministically', () => {
    const cols = resolveColumns({ shuffleColumns: 7 });
    expect([...cols].sort()).toEqual([...FIELDS].sort());
    expect(cols).not.toEqual(FIELDS);
    expect(resolveColumns({ shuffleColumns: 7 })).toEqual(cols);
    const { text, truth } = writeCsv(sample, { shuffleColumns: 7, headers: 'omadm', delimiter: '|' });
    const records = parseCsv(text, '|');
    expect(records[0]?.fields).toEqual(cols.map((c) => HEADER_PRESETS.omadm[c]));
    const codeAt = cols.indexOf('code');
    expect(records.slice(1).map((r) => r.fields[codeAt])).toEqual(sample.map((e) => e.rawCode));
    expect(truth.rejectedLines).toEqual(
      records.filter((r, i) => i > 0 && parseRawCode(r.fields[codeAt]) === null).map((r) => r.line),
    );
    const sub = writeCsv(sample.slice(0, 2), { columns: ['device', 'code'], header: false }).text;
    expect(sub).toBe(
      `${sample[0]?.device},${sample[0]?.rawCode}\n${sample[1]?.device},${sample[1]?.rawCode}\n`,
    );
  });

  it('aggregates by (code, model, firmware, region, operation, server) with a count column', () => {
    const big = events(20_000, 3, 0.05);
    const { text, truth } = writeCsv(big, { aggregate: true, newline: '\r\n' });
    const records = parseCsv(text, ',');
    expect(records[0]?.fields).toEqual([...AGGREGATE_FIELDS.map((f) => HEADER_PRESETS.snake[f]), 'count']);
    const rows = records.slice(1);
    expect(rows.length).toBeLessThan(big.length);
    const keys = rows.map((r) => r.fields.slice(0, 6).join('|'));
    expect(new Set(keys).size).toBe(keys.length);
    const sum = (rs: typeof rows) => rs.reduce((a, r) => a + Number(r.fields[6]), 0);
    expect(sum(rows)).toBe(big.length);
    const accepted = rows.filter((r) => parseRawCode(r.fields[0]) !== null);
    const plain = groundTruth(big);
    expect(truth).toMatchObject({
      aggregated: true,
      rowsRead: rows.length,
      rowsRejected: rows.length - accepted.length,
      operations: plain.operations,
      successes: plain.successes,
      failures: plain.failures,
      unrecognized: plain.unrecognized,
      devices: 0,
      failingDevices: 0,
    });
    expect(sum(accepted)).toBe(truth.operations);
    expect(truth.byCode).toEqual(plain.byCode);
    expect(truth.rejectedLines).toEqual(
      rows.filter((r) => parseRawCode(r.fields[0]) === null).map((r) => r.line),
    );
  });

  it('streams ~64 KB chunks that end on row boundaries and add up to the whole file', () => {
    const big = events(30_000, 5);
    const whole = writeCsv(big, { newline: '\r\n', bom: true }).text;
    const chunks = [...csvChunks(big, { newline: '\r\n', bom: true })];
    expect(chunks.length).toBeGreaterThan(20);
    expect(chunks.join('')).toBe(whole);
    for (const c of chunks.slice(0, -1)) {
      expect(c.endsWith('\r\n')).toBe(true);
      expect(new TextEncoder().encode(c).length).toBeGreaterThanOrEqual(65_536);
      expect(new TextEncoder().encode(c).length).toBeLessThan(70_000);
    }
    const bytes = [...csvByteChunks(big, { newline: '\r\n', bom: true })];
    const total = bytes.reduce((a, b) => a + b.length, 0);
    expect(total).toBe(new TextEncoder().encode(whole).length);
    expect([...(bytes[0] as Uint8Array).subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const joined = new Uint8Array(total);
    let at = 0;
    for (const b of bytes) {
      joined.set(b, at);
      at += b.length;
    }
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(joined)).toBe(whole);
    expect(total).toBeGreaterThan(whole.length); // multi-byte characters were written
  });
});
