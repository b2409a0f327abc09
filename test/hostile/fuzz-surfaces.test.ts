/**
 * Properties over the shapes that lost rows in silence: line endings mixed within one file, JSON records
 * wrapped in any shape of objects and arrays, and any set of header names. Each generated file is read by
 * both surfaces — the CLI's path (a file on disk through nodeFileSource) and the page's (a File through
 * the dataset worker's service) — and both must count every generated row, accepted + rejected = rows,
 * and give the same summary.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { nodeFileSource } from '../../src/cli/node-file-source.ts';
import { IngestError, ingest } from '../../src/ingest/ingest.ts';
import { buildSummary, type SummaryJson } from '../../src/report/summary.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';

const dir = mkdtempSync(join(tmpdir(), 'dmscope-fuzz-surfaces-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let fileNumber = 0;

type Read = { summary: SummaryJson } | { refused: string };

async function cliRead(name: string, content: string): Promise<Read> {
  const path = join(dir, `${fileNumber++}-${name}`);
  writeFileSync(path, content);
  try {
    const source = { ...nodeFileSource(path), name };
    const { dataset, report } = await ingest([source]);
    return { summary: buildSummary(dataset, report) };
  } catch (error) {
    if (error instanceof IngestError) return { refused: error.message };
    throw error;
  }
}

async function pageRead(name: string, content: string): Promise<Read> {
  const service = createDatasetService();
  try {
    await service.handle('load', { files: [new File([content], name)] }, () => undefined);
  } catch (error) {
    if (error instanceof IngestError) return { refused: error.message };
    throw error;
  }
  return {
    summary: (await service.handle('summary', { filter: {}, search: '' }, () => undefined)) as SummaryJson,
  };
}

/** Both surfaces read the file alike; the summary (the page's) is returned for further checks. */
async function bothSurfaces(name: string, content: string): Promise<SummaryJson> {
  const [cli, page] = await Promise.all([cliRead(name, content), pageRead(name, content)]);
  expect(page).toEqual(cli);
  if ('refused' in page) throw new Error(`refused: ${page.refused}`);
  return page.summary;
}

const KNOWN = [1200, 1250, 1401, 1404, 1406, 1502, 1505];
const code = fc.constantFrom<number | string>(...KNOWN, 1201, -1, 'ERR', '');
const isAccepted = (c: number | string) => typeof c === 'number';

describe('every line break ends a row, whatever the mix (CLI and page alike)', () => {
  it('CSV with LF, CRLF and CR lines mixed at random, quoted fields included', async () => {
    const row = fc.record({
      code,
      device: fc.constantFrom('dev-1', 'dev-2', 'dev "3"', 'a,b', ''),
      model: fc.constantFrom('X100', 'Y200', 'Zürich'),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(row, { minLength: 1, maxLength: 60 }),
        fc.constantFrom(',', ';', '\t'),
        fc.constantFrom('\n', '\r\n', '\r'),
        fc.boolean(),
        async (rows, delimiter, headerEol, endsWithBreak) => {
          const quote = (f: string) => (/[,;\t"\r\n]/.test(f) ? `"${f.replaceAll('"', '""')}"` : f);
          let text = ['result_code', 'device_id', 'model'].join(delimiter) + headerEol;
          rows.forEach((r, i) => {
            text += [String(r.code), r.device, r.model].map(quote).join(delimiter);
            if (i < rows.length - 1 || endsWithBreak) text += r.eol;
          });
          const summary = await bothSurfaces('mixed.csv', text);
          expect(summary.source.rowsRead).toBe(rows.length);
          const accepted = rows.filter((r) => isAccepted(r.code)).length;
          expect(summary.totals.operations).toBe(accepted);
          expect(summary.source.rowsRejected).toBe(rows.length - accepted);
          // the rejected rows are named by the line they stand on (one physical line per row here)
          const rejectedLines = rows.flatMap((r, i) => (isAccepted(r.code) ? [] : [i + 2]));
          expect(summary.source.rejectedSample.map((r) => r.line)).toEqual(rejectedLines);
        },
      ),
      { numRuns: 120 },
    );
  });
});

describe('every array of records is read, whatever wraps it (CLI and page alike)', () => {
  const record = fc.record({ result_code: code, device_id: fc.constantFrom('d1', 'd2', 'd3') });
  const records = fc.array(record, { minLength: 1, maxLength: 12 });
  /** A JSON text wrapping the record arrays, and how many records it holds. */
  const wrapped = fc.oneof(
    records.map((rs) => ({ text: JSON.stringify(rs), rows: rs })),
    records.map((rs) => ({ text: rs.map((r) => JSON.stringify(r)).join('\n'), rows: rs })),
    fc
      .tuple(fc.constantFrom('events', 'content', 'value', 'data'), records)
      .map(([key, rs]) => ({ text: JSON.stringify({ [key]: rs, total: rs.length }), rows: rs })),
    fc
      .tuple(records, records)
      .map(([a, b]) => ({ text: JSON.stringify({ page1: a, page2: b }, null, 1), rows: [...a, ...b] })),
    records.map((rs) => ({
      text: JSON.stringify({ meta: [{ exporter: 'x', version: 2 }], events: rs }),
      rows: rs,
    })),
    fc.tuple(records, fc.integer({ min: 1, max: 5 })).map(([rs, depth]) => {
      let value: unknown = rs;
      for (let d = 0; d < depth; d++) value = { [`level${d}`]: value, note: 'n' };
      return { text: JSON.stringify(value, null, d2(depth)), rows: rs };
    }),
  );
  function d2(depth: number): number {
    return depth % 2 === 0 ? 0 : 2;
  }

  it('top-level arrays, NDJSON, arrays under any key, several arrays, metadata arrays, nested wrappers', async () => {
    await fc.assert(
      fc.asyncProperty(wrapped, async ({ text, rows }) => {
        const summary = await bothSurfaces('wrapped.json', text);
        expect(summary.source.rowsRead).toBe(rows.length);
        expect(summary.totals.operations).toBe(rows.filter((r) => isAccepted(r.result_code)).length);
      }),
      { numRuns: 150 },
    );
  });
});

describe('any header set reads every row (CLI and page alike)', () => {
  const header = fc.oneof(
    fc.constantFrom(
      '',
      ' ',
      'model',
      'region',
      '__proto__',
      'constructor',
      'toString',
      'valueOf',
      'hasOwnProperty',
      'a.b',
      'column 4',
    ),
    // a header line that opens with { or [ is JSON by its content, as the README says
    fc.string({ maxLength: 8 }).filter((s) => !/[",\r\n]/.test(s) && !/^\s*[[{]/.test(s)),
  );

  it('duplicate, blank and prototype names beside the result-code column', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(header, { minLength: 1, maxLength: 12 }),
        fc.nat({ max: 12 }),
        fc.array(code, { minLength: 1, maxLength: 30 }),
        async (names, at, codes) => {
          const headers = [...names];
          const position = Math.min(at, headers.length);
          headers.splice(position, 0, 'result_code');
          const lines = codes.map((c) =>
            headers.map((_, i) => (i === position ? String(c) : `v${i}`)).join(','),
          );
          const summary = await bothSurfaces('headers.csv', `${[headers.join(','), ...lines].join('\n')}\n`);
          expect(summary.source.rowsRead).toBe(codes.length);
          expect(summary.totals.operations).toBe(codes.filter(isAccepted).length);
        },
      ),
      { numRuns: 120 },
    );
  });
});
