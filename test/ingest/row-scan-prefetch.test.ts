import { afterEach, describe, expect, it, vi } from 'vitest';
import { type ByteSource, ingest } from '../../src/ingest/ingest.ts';
import * as rowScan from '../../src/ingest/row-scan.ts';

vi.mock('../../src/ingest/row-scan.ts', async (original) => {
  const actual = await original<typeof import('../../src/ingest/row-scan.ts')>();
  return { ...actual, loadRowScanner: vi.fn(actual.loadRowScanner) };
});

/** A file whose first bytes have not come yet, until `deliver` gives them. */
function slowSource(): { source: ByteSource; deliver(text: string): void } {
  let controller: ReadableStreamDefaultController<Uint8Array> | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
  });
  return {
    source: { name: 'slow.csv', size: null, stream: () => stream },
    deliver(text) {
      controller?.enqueue(new TextEncoder().encode(text));
      controller?.close();
    },
  };
}

describe("the row scanner's module", () => {
  afterEach(() => vi.mocked(rowScan.loadRowScanner).mockClear());

  it('starts loading when a load starts, before the first bytes of the file have come', async () => {
    const { source, deliver } = slowSource();
    const loading = ingest([source]);
    await new Promise((done) => setTimeout(done, 10));
    expect(rowScan.loadRowScanner).toHaveBeenCalled();
    deliver('result_code,device_id\n1200,a\n1404,b\n');
    expect((await loading).report.rowsRead).toBe(2);
  });

  it('is not loaded by a load that reads without it', async () => {
    const { source, deliver } = slowSource();
    const loading = ingest([source], { rowScan: false });
    deliver('result_code,device_id\n1200,a\n');
    expect((await loading).report.rowsRead).toBe(1);
    expect(rowScan.loadRowScanner).not.toHaveBeenCalled();
  });
});
