import { truncateSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nodeFileSource } from '../../src/cli/node-file-source.ts';
import { type ChunkLender, FIRST_SLICE_BYTES } from '../../src/ingest/byte-source.ts';
import { bytesSource, ingest } from '../../src/ingest/ingest.ts';
import { buildSummary } from '../../src/report/summary.ts';
import { warmUpCsv } from '../../src/worker/engine-warm-up.ts';
import { scratchFiles } from '../support/run-cli.ts';

const { write: file } = scratchFiles('dmscope-source-');

describe('the CLI reading a file from disk', () => {
  it('refuses a file cut short after it was opened, instead of summarizing part of it', async () => {
    const rows = Array.from({ length: 100_000 }, (_, i) => `${i % 3 ? 1200 : 1404},d${i}\n`).join('');
    const path = file('growing.csv', `result_code,device_id\n${rows}`);
    const source = nodeFileSource(path);
    truncateSync(path, 1_000_000);
    await expect(ingest([source])).rejects.toThrow(
      `growing.csv: the file could not be read (it ended after 1,000,000 of ${source.size?.toLocaleString('en-US')} bytes); was it moved or changed?`,
    );
  });
});

describe('the CLI reading a regular file', () => {
  it('reads it in lent slices into a few reused buffers, with the figures of the same bytes read at once', async () => {
    const csv = warmUpCsv(120_000); // ~14 MB: a short first slice, then 4 MB ones
    const path = file('lent.csv', csv);
    const expected = await ingest([bytesSource('lent.csv', csv)]);
    const source = nodeFileSource(path);
    const lender = source.lender as ChunkLender;
    const lent: Uint8Array[] = [];
    const lend = lender.lend.bind(lender);
    lender.lend = (chunk, giveBack) => {
      lent.push(chunk);
      lend(chunk, giveBack);
    };
    const got = await ingest([source]);
    expect(got.report.rowsRead).toBe(expected.report.rowsRead);
    expect(got.dataset.rowCount).toBe(expected.dataset.rowCount);
    expect(buildSummary(got.dataset, got.report).totals).toEqual(
      buildSummary(expected.dataset, expected.report).totals,
    );
    expect(lent[0]?.byteLength).toBe(FIRST_SLICE_BYTES);
    expect(lent.reduce((sum, chunk) => sum + chunk.byteLength, 0)).toBe(Buffer.byteLength(csv));
    // the slices after the first were read into given-back buffers: fewer buffers than slices
    expect(new Set(lent.map((chunk) => chunk.buffer)).size).toBeLessThan(lent.length);
  });
});
