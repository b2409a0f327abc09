import { describe, expect, it } from 'vitest';
import { generateFile, type WriteOptions } from '../../bench/fleet-generator.ts';
import type { Dataset } from '../../src/dataset/dataset.ts';
import { bytesSource } from '../../src/ingest/byte-source.ts';
import { type FilePart, inlinePartReader, type PartReader } from '../../src/ingest/file-parts.ts';
import { type IngestOptions, type IngestResult, ingest } from '../../src/ingest/ingest.ts';
import { buildSummary } from '../../src/report/summary.ts';

/** An inline part reader that records what it was asked and whether its rows were used. */
interface Call {
  start: number;
  end: number;
  /** Aborted when the part's rows were not used (the first reader read on). */
  signal: AbortSignal;
}

function recordingReader(fail = false): PartReader & { calls: Call[] } {
  const inner = inlinePartReader(0);
  const calls: Call[] = [];
  return {
    minBytes: 0,
    calls,
    read: async (source, start, end, plan, onBytes, signal): Promise<FilePart> => {
      calls.push({ start, end, signal });
      if (fail) throw new Error('the second worker could not start');
      return inner.read(source, start, end, plan, onBytes, signal);
    },
  };
}

function rowsOf(dataset: Dataset): unknown[] {
  return Array.from({ length: dataset.rowCount }, (_, i) => dataset.event(i));
}

async function load(name: string, text: string, options: IngestOptions = {}): Promise<IngestResult> {
  return ingest([bytesSource(name, text)], options);
}

/** The dataset and report one pass makes, and the ones a split read makes, are the same in every detail. */
async function expectSameAsOnePass(name: string, text: string, options: IngestOptions = {}) {
  const one = await load(name, text, options);
  const reader = recordingReader();
  const two = await load(name, text, { ...options, parts: reader });
  expect(two.report).toEqual(one.report);
  expect(buildSummary(two.dataset, two.report)).toEqual(buildSummary(one.dataset, one.report));
  expect(rowsOf(two.dataset)).toEqual(rowsOf(one.dataset));
  expect(two.dataset.dimensionNames).toEqual(one.dataset.dimensionNames);
  return { one, two, reader };
}

const CSV_VARIANTS: [string, WriteOptions, number][] = [
  ['comma CSV with quoted multi-line notes', {}, 0.05],
  [
    'semicolon CSV, CRLF, BOM, title headers',
    { delimiter: ';', newline: '\r\n', bom: true, headers: 'title' },
    0.05,
  ],
  ['tab CSV, camel headers, epoch seconds', { delimiter: '\t', headers: 'camel', time: 'epoch-s' }, 0.05],
  [
    'pipe CSV, CR-only, shuffled columns',
    { delimiter: '|', newline: '\r', headers: 'omadm', shuffleColumns: 7 },
    0.05,
  ],
  ['every field quoted', { quoteAll: true, time: 'space' }, 0.1],
  ['pre-aggregated with a count column', { aggregate: true }, 0.02],
];

describe('a CSV file read in two parts', () => {
  for (const [label, options, dirty] of CSV_VARIANTS) {
    it(`${label}: the same dataset, figures, rejected lines and warnings as one pass`, async () => {
      const { text } = generateFile('csv', { seed: label.length, rows: 4000, dirty }, options);
      const { two, reader } = await expectSameAsOnePass('fleet.csv', text);
      if (options.quoteAll) {
        // a line of a quoted multi-line note may look like a boundary; the first reader then reads on
        expect(reader.calls.length).toBeLessThanOrEqual(1);
      } else if (options.newline === '\r') {
        // a CR may be half a CRLF to the reader that ends there: lines ending in CR alone are read in one
        // part (an LF inside a quoted note may look like a boundary; that part is then dropped)
        for (const call of reader.calls) expect(call.signal.aborted).toBe(true);
      } else {
        // the part started near the middle, on a row boundary, and its rows were used
        expect(reader.calls).toHaveLength(1);
        const { start, end, signal } = reader.calls[0] as Call;
        expect(signal.aborted).toBe(false);
        const bytes = new TextEncoder().encode(text).byteLength;
        expect(end).toBe(bytes);
        expect(start).toBeGreaterThanOrEqual(Math.floor(bytes / 2));
        expect(start).toBeLessThan(bytes / 2 + 4096);
        expect(two.report.files[0]?.bytes).toBe(bytes);
      }
    });
  }

  it('a quoted field with line breaks across the middle: the part is dropped and the file read on', async () => {
    const header = 'time,device,code,note\n';
    const row = (i: number) => `2026-10-01T08:00:${String(i % 60).padStart(2, '0')}Z,dev-${i},1404,plain\n`;
    // past the 1,000 rows the mapping is chosen from, then a note of 6,000 lines across the middle
    const before = Array.from({ length: 1200 }, (_, i) => row(i)).join('');
    const note = Array.from({ length: 6000 }, (_, i) => `note line ${i}`).join('\n');
    const after = Array.from({ length: 30 }, (_, i) => row(i + 1200)).join('');
    const text = `${header}${before}2026-10-01T09:00:00Z,dev-x,1402,"${note}"\n${after}`;
    const { two, reader } = await expectSameAsOnePass('notes.csv', text);
    expect(reader.calls).toHaveLength(1); // a boundary inside the note looked fine from where it was
    expect(reader.calls[0]?.signal.aborted).toBe(true);
    expect(two.dataset.rowCount).toBe(1231);
    expect(two.dataset.event(1200).code).toBe(1402);
  });

  it('rejected rows on both sides keep their lines, and warnings name the first line of each kind', async () => {
    const rows: string[] = ['code,device,time'];
    for (let i = 0; i < 3000; i++) {
      const code = i % 97 === 5 ? 'ERR' : '1200';
      const time = i % 211 === 7 ? 'not a time' : '2026-10-01T08:00:00Z';
      const device = i === 2500 ? 'caf\xe9' : `d${i}`;
      rows.push(`${code},${device},${time}`);
    }
    const latin1 = Uint8Array.from([...`${rows.join('\n')}\n`].map((c) => c.charCodeAt(0)));
    const one = await ingest([bytesSource('mixed.csv', latin1)]);
    const reader = recordingReader();
    const two = await ingest([bytesSource('mixed.csv', latin1)], { parts: reader });
    expect(reader.calls[0]?.signal.aborted).toBe(false);
    expect(two.report).toEqual(one.report);
    expect(two.report.rejectedSample.map((r) => r.line).at(-1)).toBe(2 + 2915);
    expect(two.report.rejectedSample).toHaveLength(31);
    expect(two.report.warnings.join(' ')).toContain('line 2502 is the first with bytes that are not UTF-8');
  });

  it('when the mapping is chosen only after the boundary, no part is read', async () => {
    // 300 rows of 2 KB: the boundary comes long before the 1,000 rows the mapping is chosen from
    const note = 'x'.repeat(2000);
    const rows = Array.from({ length: 300 }, (_, i) => `${i % 3 === 0 ? 1404 : 1200},d${i},${note}`);
    const text = `code,device,note\n${rows.join('\n')}\n`;
    const { two, reader } = await expectSameAsOnePass('long.csv', text);
    expect(reader.calls).toHaveLength(0);
    expect(two.dataset.rowCount).toBe(300);
  });

  it('a part reader that fails costs time, not rows: the first reader reads on', async () => {
    const { text } = generateFile('csv', { seed: 5, rows: 3000, dirty: 0.05 }, {});
    const one = await load('fleet.csv', text);
    const failing = recordingReader(true);
    const two = await load('fleet.csv', text, { parts: failing });
    expect(failing.calls).toHaveLength(1);
    expect(two.report).toEqual(one.report);
    expect(rowsOf(two.dataset)).toEqual(rowsOf(one.dataset));
  });

  it('files after a split file, and a mapping chosen by the user, merge as in one pass', async () => {
    const a = generateFile('csv', { seed: 8, rows: 2000, dirty: 0.02 }, {}).text;
    const b = generateFile('csv', { seed: 9, rows: 2000 }, { headers: 'camel', delimiter: ';' }).text;
    const files = () => [bytesSource('a.csv', a), bytesSource('b.csv', b)];
    const mapping = { dimensions: ['region', 'operation'] };
    const one = await ingest(files(), { mapping });
    const two = await ingest(files(), { mapping, parts: recordingReader() });
    expect(two.report).toEqual(one.report);
    expect(rowsOf(two.dataset)).toEqual(rowsOf(one.dataset));
  });

  it('files below the reader’s minimum size, gzip and JSON are read in one pass', async () => {
    const { text } = generateFile('csv', { seed: 2, rows: 500 }, {});
    const big = recordingReader();
    await load('small.csv', text, { parts: { ...big, minBytes: 10 ** 9 } });
    expect(big.calls).toHaveLength(0);
    const json = generateFile('json', { seed: 2, rows: 500 }, {}).text;
    const reader = recordingReader();
    await load('fleet.json', json, { parts: reader });
    const gzipped = new Uint8Array(
      await new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer(),
    );
    await ingest([bytesSource('fleet.csv.gz', gzipped)], { parts: reader });
    expect(reader.calls).toHaveLength(0);
  });

  it('cancelling while the part is read cancels both', async () => {
    const { text } = generateFile('csv', { seed: 4, rows: 3000 }, {});
    const controller = new AbortController();
    const slow: PartReader = {
      minBytes: 0,
      read: (_source, _start, _end, _plan, _onBytes, signal) =>
        new Promise((_, reject) => {
          signal.addEventListener('abort', () =>
            reject(Object.assign(new Error('x'), { name: 'AbortError' })),
          );
          controller.abort();
        }),
    };
    await expect(load('fleet.csv', text, { parts: slow, signal: controller.signal })).rejects.toMatchObject({
      name: 'AbortError',
    });
  });
});
