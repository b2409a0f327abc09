import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultCatalog } from '../../src/catalog/catalog-registry.ts';
import { DatasetBuilder } from '../../src/dataset/dataset-builder.ts';
import { FileSink, type RejectedRow } from '../../src/ingest/file-sink.ts';
import { ByteFields, CellFields, RowWriter } from '../../src/ingest/row-writer.ts';
import { builtColumns } from '../support/built-columns.ts';

const encoder = new TextEncoder();

/** A builder and a row writer over columns code, time, device, count, model (in that order). */
function writerFor(fields: ByteFields) {
  const builder = new DatasetBuilder(defaultCatalog);
  builder.enableTime();
  builder.enableDevice();
  builder.enableCount();
  const slot = builder.dimensionSlot('model');
  const layout = {
    codeAt: 0,
    statusAt: -1,
    statusResultAt: -1,
    families: [defaultCatalog],
    familyOf: null,
    words: null,
    timeAt: 1,
    deviceAt: 2,
    countAt: 3,
    deviceCountAt: -1,
    device: builder.textColumn('device', fields.decode),
    dimensions: [{ column: 4, slot, writer: builder.textColumn(slot, fields.decode) }],
    derived: [],
  };
  return { builder, writer: new RowWriter(builder, layout) };
}

/** The row's fields as CSV bytes: field k is bytes[starts[k], ends[k]). */
function asBytes(cells: readonly string[]) {
  const parts = cells.map((c) => encoder.encode(c));
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.byteLength + 1, 0));
  const starts = new Int32Array(cells.length);
  const ends = new Int32Array(cells.length);
  let at = 0;
  parts.forEach((p, k) => {
    starts[k] = at;
    bytes.set(p, at);
    at += p.byteLength;
    ends[k] = at;
    bytes[at++] = 44;
  });
  return { bytes, starts, ends };
}

describe('RowWriter: one row-check path for rows given as text and as bytes', () => {
  it('writes or rejects a row the same way, with the same reason, ids, times and bad-time count', () => {
    const code = fc.constantFrom(
      '1200',
      '1404',
      ' 1402 ',
      '1200.0',
      '-1',
      'ERR',
      '',
      '1.2e3',
      '99999999999',
      '12',
    );
    const time = fc.constantFrom(
      '2026-10-01T08:15:30Z',
      '2026-10-01 08:15:30',
      '1790000000',
      '',
      ' ',
      'soon',
      '+99:99',
    );
    const device = fc.constantFrom('dev-1', 'dev-2', ' dev-1', 'dév-3', '', '__proto__');
    const count = fc.constantFrom('1', '7', ' 3 ', '', 'n/a', '-2');
    const model = fc.constantFrom('A', 'B', 'A ', 'Zürich', '', 'constructor');
    const row = fc.tuple(code, time, device, count, model, fc.integer({ min: 0, max: 5 }));
    fc.assert(
      fc.property(fc.array(row, { maxLength: 40 }), (rows) => {
        const cellFields = new CellFields();
        const byteFields = new ByteFields(() => undefined);
        const text = writerFor(byteFields);
        const bytes = writerFor(byteFields);
        rows.forEach(([c, t, d, n, m, width], line) => {
          const cells = [c, t, d, n, m].slice(0, width); // a short row lacks the fields after its end
          const { bytes: b, starts, ends } = asBytes(cells);
          const byText = text.writer.write(cellFields.set(cells), line);
          const byBytes = bytes.writer.write(byteFields.set(b, starts, ends, cells.length, line), line);
          expect(byBytes).toBe(byText);
        });
        expect(bytes.writer.badTimes).toBe(text.writer.badTimes);
        expect(bytes.writer.firstBadTime).toBe(text.writer.firstBadTime);
        expect(builtColumns(bytes.builder)).toEqual(builtColumns(text.builder));
      }),
      { numRuns: 300 },
    );
  });
});

describe('FileSink', () => {
  it('refuses a file without records with the reason the reader marked, whatever its wording', () => {
    const sink = () => {
      const builder = new DatasetBuilder(defaultCatalog);
      const rejected: RejectedRow[] = [];
      return new FileSink({
        file: 'x.json',
        builder,
        catalog: defaultCatalog,
        catalogs: [defaultCatalog],
        onReject: (r) => rejected.push(r),
      });
    };
    const marked = sink();
    marked.warn('The JSON looks odd, but this is only a note.');
    marked.warn('the file ends early', 'unclosed');
    marked.warn('nothing here is a record', 'no-records');
    expect(() => marked.finish()).toThrow('x.json: nothing here is a record');
    const unclosed = sink();
    unclosed.warn('The JSON looks odd, but this is only a note.');
    unclosed.warn('the file ends early', 'unclosed');
    expect(() => unclosed.finish()).toThrow('x.json: the file ends early');
    const unmarked = sink();
    unmarked.warn('The JSON holds no value.');
    expect(() => unmarked.finish()).toThrow('x.json: no header row and no records were found.');
  });
});
