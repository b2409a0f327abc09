import { gzipSync } from 'node:zlib';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { type ByteSource, blobSource, bytesSource, IngestError, ingest } from '../../src/ingest/ingest.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

const HEADER = 'result_code,device_id,model\n';
const row = (i: number) => `${i % 4 === 0 ? 1404 : 1200},d${i % 500},m${i % 7}\n`;
const rows = (from: number, n: number) => Array.from({ length: n }, (_, k) => row(from + k)).join('');

/** A source that hands out `first`, then a chunk of rows every `everyMs` — or, with stall, nothing ever. */
function slowSource(first: Uint8Array, options: { everyMs?: number; stall?: boolean } = {}): ByteSource {
  let sent = 0;
  return {
    name: 'slow.csv',
    size: null,
    stream: () =>
      new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent++ === 0) {
            controller.enqueue(first);
            return;
          }
          if (options.stall) return new Promise<void>(() => undefined);
          await new Promise((resolve) => setTimeout(resolve, options.everyMs ?? 10));
          controller.enqueue(new TextEncoder().encode(rows(sent * 100, 100)));
        },
      }),
  };
}

async function cancelAfter(source: ByteSource, ms: number) {
  const controller = new AbortController();
  const pending = ingest([source], { signal: controller.signal });
  await new Promise((resolve) => setTimeout(resolve, ms));
  const cancelledAt = performance.now();
  controller.abort();
  const error = await pending.then(
    () => null,
    (e: unknown) => e as Error,
  );
  return { error, stoppedAfterMs: performance.now() - cancelledAt };
}

describe('cancelling an ingest', () => {
  it('stops promptly in the middle of a slow stream, with an AbortError', async () => {
    const { error, stoppedAfterMs } = await cancelAfter(
      slowSource(new TextEncoder().encode(HEADER + rows(0, 2000)), { everyMs: 20 }),
      120,
    );
    expect(error?.name).toBe('AbortError');
    expect(error).not.toBeInstanceOf(IngestError);
    expect(stoppedAfterMs).toBeLessThan(2000); // generous: CI machines are shared; a missed cancel hangs or completes
  });

  it('stops while a read is pending on a stream that has stalled', async () => {
    const { error, stoppedAfterMs } = await cancelAfter(
      slowSource(new TextEncoder().encode(HEADER + rows(0, 10)), { stall: true }),
      50,
    );
    expect(error?.name).toBe('AbortError');
    expect(stoppedAfterMs).toBeLessThan(2000); // generous: CI machines are shared; a missed cancel hangs or completes
  });

  it('stops a stalled gzip stream too', async () => {
    const gz = new Uint8Array(gzipSync(HEADER + rows(0, 20_000)));
    const { error } = await cancelAfter(slowSource(gz.subarray(0, gz.byteLength >> 1), { stall: true }), 50);
    expect(error?.name).toBe('AbortError');
  });

  it('does not start when already cancelled, and leaves nothing behind for the next load', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      ingestFiles({ 'a.csv': HEADER + rows(0, 10) }, { signal: controller.signal }),
    ).rejects.toMatchObject({
      name: 'AbortError',
    });
    const summary = await summarize('b.csv', HEADER + rows(0, 10));
    expect(summary.totals.operations).toBe(10);
  });
});

describe('a file too large for memory', () => {
  const text = HEADER + rows(0, 20_000);

  it('stops with a clear message once the dataset would pass the limit, before reading the rest', async () => {
    const progress: number[] = [];
    const error = await ingestFiles(
      { 'huge.csv': text },
      { maxDatasetBytes: 100_000, chunkSize: 4096, onProgress: (p) => progress.push(p.rows) },
    ).catch((e: unknown) => e as Error);
    expect(error).toBeInstanceOf(IngestError);
    expect((error as Error).message).toMatch(
      /^huge\.csv: too large to analyse in memory: after [\d,]+ rows the dataset would pass 97\.7 KiB\. Split the log \(by day or region\) and load the parts one at a time, or keep fewer columns as dimensions\.$/,
    );
    const rowsRead = Number(/after ([\d,]+) rows/.exec((error as Error).message)?.[1]?.replaceAll(',', ''));
    // it stops within the first 64 KB read after passing the limit, not at the end of the file
    expect(rowsRead).toBeLessThan(10_000);
  });

  it('checks after each file too, across files, and inside archives (where it is not a skippable entry)', async () => {
    await expect(ingestFiles({ 'one-chunk.csv': text }, { maxDatasetBytes: 100_000 })).rejects.toThrow(
      /one-chunk\.csv: too large to analyse in memory/,
    );
    // the first 1,000 rows of a file are kept as a sample (~150 KB for these) until its mapping is chosen
    const half = HEADER + rows(0, 20_000);
    await expect(ingestFiles({ 'a.csv': half, 'b.csv': half }, { maxDatasetBytes: 300_000 })).rejects.toThrow(
      /^b\.csv: too large/,
    );
    const zip = zipSync({ 'a.csv': strToU8(half), 'b.csv': strToU8(half) });
    await expect(ingestFiles({ 'logs.zip': zip }, { maxDatasetBytes: 300_000 })).rejects.toThrow(
      /^logs\.zip\/b\.csv: too large/,
    );
  });

  const MAX = 1_000_000;
  const tooLarge = /: too large to analyse in memory: after [\d,]+ rows/;

  it('counts the string tables: distinct device ids of 2 KB each, read as bytes, as text and as JSON', async () => {
    const id = (i: number) => `dev-${i}-${'x'.repeat(2000)}`;
    const csv = `code,device\n${Array.from({ length: 5000 }, (_, i) => `1200,${id(i)}\n`).join('')}`;
    const quoted = csv.replace(/\n1200,/g, '\n"1200",');
    const ndjson = Array.from({ length: 5000 }, (_, i) => `{"code":1200,"device":"${id(i)}"}\n`).join('');
    // 5,000 rows: a few KB of columns, but 10 MB of device ids in their string table (and as many again in
    // the byte dictionary that finds them by their bytes)
    for (const [name, content] of [
      ['ids.csv', csv],
      ['quoted.csv', quoted],
      ['ids.ndjson', ndjson],
      ['ids.csv.gz', new Uint8Array(gzipSync(csv))],
    ] as const) {
      const error = await ingestFiles({ [name]: content }, { maxDatasetBytes: 10_000_000 }).catch(
        (e: unknown) => e as Error,
      );
      expect(error, name).toBeInstanceOf(IngestError);
      const message = (error as Error).message;
      expect(message).toMatch(
        new RegExp(`^${name.replaceAll('.', '\\.')}${tooLarge.source} the dataset would pass 9\\.5 MiB`),
      );
      // past the first 1,000 rows (the sample kept to choose the mapping, ~6 MB here)
      expect(Number(/after ([\d,]+) rows/.exec(message)?.[1]?.replaceAll(',', ''))).toBeGreaterThan(1000);
    }
    // the same ids as a dimension of few values are let through
    const few = csv.replace(/dev-(\d+)-/g, (_, i) => `dev-${Number(i) % 5}-`);
    const { dataset } = await ingestFiles({ 'few.csv': few }, { maxDatasetBytes: 10_000_000 });
    expect(dataset.rowCount).toBe(5000);
  });

  it('counts the text of a row or record that never ends: a zero-filled tail with no line break', async () => {
    const nul = (n: number) => new Uint8Array(n);
    const cat = (head: string, tail: Uint8Array) => new Uint8Array(Buffer.concat([Buffer.from(head), tail]));
    const tail = nul(4_000_000);
    const cases: [string, Uint8Array][] = [
      ['tail.csv', cat('code,device\n1200,d1\n1404,d2\n', tail)],
      ['tail.csv.gz', new Uint8Array(gzipSync(cat('code,device\n1200,d1\n1404,d2\n', tail)))],
      // read as text: a quoted field that never closes, a UTF-16 file, an NDJSON line, a JSON record
      ['quote.csv', cat('code,note\n1200,"a\n', new Uint8Array(4_000_000).fill(0x61))],
      [
        'utf16.csv',
        new Uint8Array(Buffer.from(`\ufeffcode,device\n1200,d1\n${'\0'.repeat(2_000_000)}`, 'utf16le')),
      ],
      ['tail.ndjson', cat('{"code":1200}\n{"code":1404,"note":"', new Uint8Array(4_000_000).fill(0x61))],
      ['tail.json', cat('[{"code":1200},\n{"code":1404,"note":"', new Uint8Array(4_000_000).fill(0x61))],
      ['line.ndjson', cat('{"code":1200,"note":"', new Uint8Array(4_000_000).fill(0x61))],
    ];
    for (const [name, content] of cases) {
      // in chunks, as a file is read and as a decompressor lets its bytes out
      for (const chunkSize of [65_536]) {
        const error = await ingestFiles({ [name]: content }, { maxDatasetBytes: MAX, chunkSize }).catch(
          (e: unknown) => e as Error,
        );
        expect(error, `${name} in chunks of ${chunkSize}`).toBeInstanceOf(IngestError);
        expect((error as Error).message).toMatch(
          /: too large to analyse in memory: after [\d,]+ rows one row or record runs on for [\d.]+ [KM]iB without ending \(a damaged file\?\), and the load would pass 976\.6 KiB\. Split the log/,
        );
      }
    }
  });

  it('lets files below the limit through', async () => {
    const { dataset } = await ingestFiles({ 'ok.csv': text }, { maxDatasetBytes: 10_000_000 });
    expect(dataset.rowCount).toBe(20_000);
  });
});

describe('a file that cannot be read', () => {
  const failing = (error: Error): ByteSource => ({
    name: 'gone.csv',
    size: null,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new TextEncoder().encode(HEADER + rows(0, 10)));
        },
        pull(controller) {
          controller.error(error);
        },
      }),
  });

  it('says so when the browser or the disk fails the read (file moved, no permission)', async () => {
    const moved = Object.assign(new Error('The requested file could not be read'), {
      name: 'NotReadableError',
    });
    await expect(ingest([failing(moved)])).rejects.toThrow(
      'gone.csv: the file could not be read (The requested file could not be read); was it moved or changed?',
    );
    const denied = Object.assign(new Error("EACCES: permission denied, open 'gone.csv'"), { code: 'EACCES' });
    await expect(ingest([failing(denied)])).rejects.toBeInstanceOf(IngestError);
  });
});

describe('a file cut short while it is read', () => {
  const text = new TextEncoder().encode(HEADER + rows(0, 20_000));
  const gz = new Uint8Array(gzipSync(text));
  /** A source whose size is that of the whole file, but whose stream ends after `delivered` bytes. */
  const cut = (name: string, bytes: Uint8Array, delivered: number): ByteSource => ({
    ...bytesSource(name, bytes.subarray(0, delivered), 1000),
    size: bytes.byteLength,
  });
  const message = (name: string, delivered: number, size: number) =>
    `${name}: the file could not be read (it ended after ${delivered.toLocaleString('en-US')} of ${size.toLocaleString('en-US')} bytes); was it moved or changed?`;

  it('is refused, not read as a shorter file: plain or gzip', async () => {
    await expect(ingest([cut('cut.csv', text, 5000)])).rejects.toThrow(message('cut.csv', 5000, text.length));
    // the gzip data breaks off too, but the file, not the data, is what is wrong
    await expect(ingest([cut('cut.csv.gz', gz, 20_000)])).rejects.toThrow(
      message('cut.csv.gz', 20_000, gz.length),
    );
  });

  it('is refused by the page (a File read in slices) with the same message', async () => {
    const whole = new Blob([text]);
    // a File whose bytes were cut after it was chosen: its size is the one it had then
    const changed = {
      name: 'chosen.csv',
      size: text.length + 4000,
      stream: () => whole.stream(),
      slice: (start: number, end: number) => whole.slice(start, end),
    } as unknown as Blob;
    const service = createDatasetService();
    await expect(service.loadSources([blobSource(changed)])).rejects.toThrow(
      message('chosen.csv', text.length, text.length + 4000),
    );
  });
});
