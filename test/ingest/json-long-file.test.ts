import { afterEach, describe, expect, it, vi } from 'vitest';
import { readJson } from '../../src/ingest/json-reader.ts';
import { recordingSink, textChunks } from '../hostile/recording-sink.ts';

/**
 * A JSON or NDJSON file longer than the engine's longest string (V8: 0x1fffffe8 characters, ~512 MB) loads
 * only if the reader never holds the whole text as one string. At small scale: whatever the chunk size and
 * whether the records sit one per line or all on one line, the engine's JSON.parse is handed one record's
 * text at a time, never the text of several records or of the file. (`npm run bench -- --big-json` loads
 * ~620 MB files of each shape in the browser.)
 */
const RECORDS = Array.from({ length: 200 }, (_, i) => ({
  result_code: i % 7 === 0 ? 1404 : 1200,
  time: `2026-10-01T${String(i % 24).padStart(2, '0')}:00:00Z`,
  device_id: `d${i % 13}`,
  note: i % 5 === 0 ? 'a "quoted" note, with {braces} and [brackets]\\' : '',
  nested: { model: i % 2 === 0 ? 'A' : 'B', region: 'eu-west' },
}));
const LONGEST_RECORD = Math.max(...RECORDS.map((r) => JSON.stringify(r).length));

const SHAPES: [string, string][] = [
  ['a JSON array, a record per line', `[\n${RECORDS.map((r) => JSON.stringify(r)).join(',\n')}\n]\n`],
  ['a minified JSON array on one line', JSON.stringify(RECORDS)],
  ['a minified wrapper object on one line', JSON.stringify({ source: 's', events: RECORDS })],
  ['NDJSON', `${RECORDS.map((r) => JSON.stringify(r)).join('\n')}\n`],
];

afterEach(() => {
  vi.restoreAllMocks();
});

async function read(text: string, chunkSize: number) {
  const parse = JSON.parse;
  let longest = 0;
  let calls = 0;
  vi.spyOn(JSON, 'parse').mockImplementation((input: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    calls++;
    longest = Math.max(longest, input.length);
    return parse(input, reviver);
  });
  const sink = recordingSink();
  const shape = await readJson(textChunks(text, chunkSize), sink);
  vi.restoreAllMocks();
  return { shape, rows: sink.recording.rows, rejected: sink.recording.rejected, longest, calls };
}

describe('JSON reader on a file far longer than a record', () => {
  for (const [name, text] of SHAPES) {
    it(`hands JSON.parse one record at a time: ${name}`, async () => {
      const whole = await read(text, text.length);
      expect(whole.rows).toHaveLength(RECORDS.length);
      expect(whole.rejected).toEqual([]);
      for (const chunkSize of [1, 7, 64, 1000, 4096]) {
        const r = await read(text, chunkSize);
        expect(r.shape).toBe(whole.shape);
        expect(r.rows).toEqual(whole.rows);
        expect(r.calls).toBe(RECORDS.length);
        expect(r.longest).toBeLessThanOrEqual(LONGEST_RECORD);
      }
      expect(text.length).toBeGreaterThan(40 * LONGEST_RECORD);
    });
  }
});
