import { describe, expect, it } from 'vitest';
import {
  blobSlices,
  blobSource,
  bytesSource,
  ChunkLender,
  concatBytes,
  readChunks,
} from '../../src/ingest/byte-source.ts';
import { createDatasetService } from '../../src/worker/dataset-service.ts';
import { warmUpCsv } from '../../src/worker/engine-warm-up.ts';
import { type ReadPort, workerReadAhead } from '../../src/worker/read-client.ts';
import type { ReadRequest, ReadResponse } from '../../src/worker/read-protocol.ts';
import { createReadService } from '../../src/worker/read-service.ts';

/**
 * The read worker in this thread: messages cross as tasks, as between real workers, and transferred buffers
 * are detached on the sending side (a view kept after giving its buffer back would read as empty).
 */
function fakeWorker(options: { dieAfterSlices?: number; failToStart?: boolean; noByob?: boolean } = {}) {
  const log: (ReadRequest | ReadResponse)[] = [];
  let sent = 0;
  let dead = false;
  const port: ReadPort = {
    onmessage: null,
    onerror: null,
    postMessage(message, transfer) {
      log.push(message);
      if (dead) return;
      const sent = transfer?.length ? structuredClone(message, { transfer }) : message;
      setTimeout(() => service.handle(sent), 0);
    },
    terminate() {
      dead = true;
    },
  };
  const die = () => {
    dead = true;
    port.onerror?.({ preventDefault() {} } as ErrorEvent);
  };
  const service = createReadService(
    (message, transfer) => {
      if (dead) return;
      if (
        message.kind === 'bytes' &&
        options.dieAfterSlices !== undefined &&
        sent === options.dieAfterSlices
      ) {
        die();
        return;
      }
      if (message.kind === 'bytes') sent++;
      log.push(message.kind === 'bytes' ? { ...message, buffer: new ArrayBuffer(0) } : message);
      const delivered = transfer?.length ? structuredClone(message, { transfer }) : message;
      setTimeout(() => port.onmessage?.({ data: delivered } as MessageEvent<ReadResponse>), 0);
    },
    options.noByob ? { noByob: true } : {},
  );
  if (options.failToStart) setTimeout(die, 0);
  /** Slices read and not yet asked for again, after each message: never more than `ahead`. */
  const inFlight = () => {
    let outstanding = 0;
    let most = 0;
    for (const m of log) {
      if (m.kind === 'bytes') outstanding++;
      if (m.kind === 'more') outstanding -= m.slices;
      most = Math.max(most, outstanding);
    }
    return most;
  };
  return { port, service, log, inFlight };
}

function randomBytes(n: number, seed = 7): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(n);
  let x = seed;
  for (let i = 0; i < n; i++) {
    x = (Math.imul(x, 1103515245) + 12345) | 0;
    out[i] = x >>> 24;
  }
  return out;
}

async function readAllChunks(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const parts: Uint8Array[] = [];
  for await (const chunk of readChunks(stream)) parts.push(chunk);
  return parts;
}

async function readAll(stream: ReadableStream<Uint8Array>, slowly = false): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of readChunks(stream)) {
    parts.push(chunk);
    if (slowly) await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return concatBytes(parts);
}

describe('the read worker reads a File ahead of ingest', () => {
  it('delivers every byte in order, in slices, never more than `ahead` slices before they are taken', async () => {
    const bytes = randomBytes(300_000);
    const fake = fakeWorker();
    const open = workerReadAhead({ sliceBytes: 16_384, ahead: 2, spawn: () => fake.port });
    const source = open?.(new Blob([bytes]), 'fleet.csv');
    expect(source?.name).toBe('fleet.csv');
    expect(source?.size).toBe(bytes.byteLength);
    expect(await readAll(source?.stream() as ReadableStream<Uint8Array>, true)).toEqual(bytes);
    const slices = fake.log.filter((m) => m.kind === 'bytes').length;
    expect(slices).toBe(Math.ceil(bytes.byteLength / 16_384));
    expect(fake.inFlight()).toBe(2);
    expect(fake.log).toContainEqual({ kind: 'end', id: 1 });
    expect(fake.service.openReads).toBe(0);
  });

  it('keeps one worker for every file, and reads each file from its start', async () => {
    const fake = fakeWorker();
    let spawned = 0;
    const open = workerReadAhead({
      sliceBytes: 1000,
      spawn: () => {
        spawned++;
        return fake.port;
      },
    });
    const a = randomBytes(5000, 1);
    const b = randomBytes(7000, 2);
    const [readA, readB] = await Promise.all([
      readAll(open?.(new Blob([a]))?.stream() as ReadableStream<Uint8Array>),
      readAll(open?.(new Blob([b]))?.stream() as ReadableStream<Uint8Array>),
    ]);
    expect(readA).toEqual(a);
    expect(readB).toEqual(b);
    expect(spawned).toBe(1);
  });

  it('starts its worker before any file when told to, and keeps it for the files', async () => {
    const fake = fakeWorker();
    let spawned = 0;
    const open = workerReadAhead({
      sliceBytes: 1000,
      startNow: true,
      spawn: () => {
        spawned++;
        return fake.port;
      },
    });
    expect(spawned).toBe(1);
    const bytes = randomBytes(3000);
    expect(await readAll(open?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(bytes);
    expect(spawned).toBe(1);
    expect(fake.log.some((m) => m.kind === 'bytes')).toBe(true);

    // a worker that cannot be made at once: files are read here, from the start
    const refused = workerReadAhead({
      startNow: true,
      spawn: () => {
        throw new Error('Workers are not allowed here.');
      },
    });
    expect(await readAll(refused?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(
      bytes,
    );
  });

  it('ends an empty file at once', async () => {
    const fake = fakeWorker();
    const open = workerReadAhead({ spawn: () => fake.port });
    expect((await readAll(open?.(new Blob([]))?.stream() as ReadableStream<Uint8Array>)).byteLength).toBe(0);
  });

  it('reads the rest of the file itself when the worker dies mid-file, from the first byte not received', async () => {
    const bytes = randomBytes(100_000);
    const fake = fakeWorker({ dieAfterSlices: 3 });
    const open = workerReadAhead({ sliceBytes: 10_000, ahead: 4, spawn: () => fake.port });
    expect(await readAll(open?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(bytes);
    // and the next file is read without the dead worker
    const next = randomBytes(20_000, 3);
    const before = fake.log.length;
    expect(await readAll(open?.(new Blob([next]))?.stream() as ReadableStream<Uint8Array>)).toEqual(next);
    expect(fake.log.length).toBe(before);
  });

  it('reads the file itself when the worker cannot start', async () => {
    const bytes = randomBytes(50_000);
    const fake = fakeWorker({ failToStart: true });
    const open = workerReadAhead({ sliceBytes: 4096, spawn: () => fake.port });
    expect(await readAll(open?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(bytes);
  });

  it('reads the file itself when making the worker throws', async () => {
    const bytes = randomBytes(30_000);
    let tries = 0;
    const open = workerReadAhead({
      sliceBytes: 4096,
      spawn: () => {
        tries++;
        throw new Error('Worker creation is not allowed here');
      },
    });
    expect(await readAll(open?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(bytes);
    expect(await readAll(open?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(bytes);
    expect(tries).toBe(1);
  });

  it('stops the worker reading when the stream is cancelled', async () => {
    const fake = fakeWorker();
    const open = workerReadAhead({ sliceBytes: 1000, ahead: 2, spawn: () => fake.port });
    const reader = open?.(new Blob([randomBytes(50_000)]))
      ?.stream()
      .getReader() as ReadableStreamDefaultReader<Uint8Array>;
    expect((await reader.read()).value?.byteLength).toBe(1000);
    await reader.cancel();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.log).toContainEqual({ kind: 'close', id: 1 });
    expect(fake.service.openReads).toBe(0);
    expect(fake.log.filter((m) => m.kind === 'bytes').length).toBeLessThanOrEqual(3);
  });

  it('passes a read error on to ingest, read with a BYOB reader or slice by slice', async () => {
    for (const noByob of [false, true]) {
      const fake = fakeWorker({ noByob });
      const open = workerReadAhead({ sliceBytes: 1000, spawn: () => fake.port });
      const unreadable = new Blob([randomBytes(5000)]);
      const moved = () => new Error('The file was moved.');
      unreadable.slice = () => ({ arrayBuffer: () => Promise.reject(moved()) }) as Blob;
      unreadable.stream = () =>
        new ReadableStream({
          type: 'bytes',
          pull: (controller) => controller.error(moved()),
        });
      // with the read worker's stack: where it failed, not only where ingest saw it
      await expect(readAll(open?.(unreadable)?.stream() as ReadableStream<Uint8Array>)).rejects.toMatchObject(
        {
          message: 'The file was moved.',
          stack: expect.stringMatching(/\bat moved\b/),
        },
      );
    }
  });

  it('hands a short first slice over at once, so ingest starts while the rest is read', async () => {
    const bytes = randomBytes(1 << 20);
    const fake = fakeWorker();
    const open = workerReadAhead({ sliceBytes: 4 << 20, spawn: () => fake.port });
    expect(await readAll(open?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(bytes);
    const lengths = fake.log.flatMap((m) => (m.kind === 'bytes' ? [m.length] : []));
    expect(lengths).toEqual([256 << 10, (1 << 20) - (256 << 10)]);
  });

  it('reads slice by slice where Blob streams have no BYOB reader', async () => {
    const bytes = randomBytes(100_000);
    const fake = fakeWorker({ noByob: true });
    const open = workerReadAhead({ sliceBytes: 16_384, ahead: 2, spawn: () => fake.port });
    expect(await readAll(open?.(new Blob([bytes]))?.stream() as ReadableStream<Uint8Array>)).toEqual(bytes);
    expect(fake.log.filter((m) => m.kind === 'bytes')).toHaveLength(Math.ceil(100_000 / 16_384));
  });

  it('is not there where workers cannot start', () => {
    expect(typeof Worker).toBe('undefined');
    expect(workerReadAhead()).toBeUndefined();
  });
});

describe('slices read into given-back buffers', () => {
  const csv = new TextEncoder().encode(warmUpCsv(6000));
  const query = { filter: {}, search: '', dimension: 'model', deviceLimit: 15 };

  async function loadThrough(fake: ReturnType<typeof fakeWorker>) {
    const open = workerReadAhead({ sliceBytes: 16_384, ahead: 3, spawn: () => fake.port });
    const service = createDatasetService(open ? { openFile: open } : {});
    const info = await service.handle('load', { files: [new File([csv], 'fleet.csv')] }, () => undefined);
    return { info, dashboard: await service.handle('dashboard', query, () => undefined) };
  }

  it('ingest gives each slice back once read, the next slices reuse the memory, and the figures do not change', async () => {
    const alone = createDatasetService();
    const expectedInfo = await alone.loadSources([bytesSource('fleet.csv', csv)]);
    const expected = await alone.handle('dashboard', query, () => undefined);

    const fake = fakeWorker();
    const { info, dashboard } = await loadThrough(fake);
    expect(info).toEqual(expectedInfo);
    expect(dashboard).toEqual(expected);

    const slices = fake.log.filter((m) => m.kind === 'bytes').length;
    expect(slices).toBe(Math.ceil(csv.byteLength / 16_384));
    // all but the first slice (split by the format check) and the last come back
    expect(fake.log.filter((m) => m.kind === 'recycle').length).toBeGreaterThanOrEqual(slices - 2);
    // buffers made: those read ahead (3), ingest's current and previous, the first one (kept), not one a slice
    expect(fake.service.buffersMade).toBeLessThanOrEqual(8);
    expect(slices).toBeGreaterThan(30);
    // once the file is read, the worker keeps none of them
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.service.spareBuffers).toBe(0);
  });

  it('rows cut across many slices, and slices shorter than a row, read the same', async () => {
    const small = new TextEncoder().encode(warmUpCsv(300));
    const alone = createDatasetService();
    await alone.loadSources([bytesSource('fleet.csv', small)]);
    const expected = await alone.handle('dashboard', query, () => undefined);
    for (const sliceBytes of [97, 1000, 4099]) {
      const fake = fakeWorker();
      const open = workerReadAhead({ sliceBytes, ahead: 2, spawn: () => fake.port });
      const service = createDatasetService(open ? { openFile: open } : {});
      await service.handle('load', { files: [new File([small], 'fleet.csv')] }, () => undefined);
      expect(await service.handle('dashboard', query, () => undefined)).toEqual(expected);
      expect(fake.log.some((m) => m.kind === 'recycle')).toBe(true);
    }
  });

  it('a File read here (no read worker: blobSlices) goes through a few recycled buffers, with the same figures', async () => {
    const big = new TextEncoder().encode(warmUpCsv(70_000)); // ~8 MB: a short slice, then 4 MB ones
    const alone = createDatasetService();
    const expectedInfo = await alone.loadSources([bytesSource('fleet.csv', big)]);
    const expected = await alone.handle('dashboard', query, () => undefined);

    const lengths = (await readAllChunks(blobSlices(new Blob([big])))).map((c) => c.byteLength);
    expect(lengths[0]).toBe(256 << 10);
    expect(lengths.slice(1, -1).every((n) => n === 4 << 20)).toBe(true);

    const local = createDatasetService(); // blobSource reads with blobSlices
    const info = await local.loadSources([blobSource(new File([big], 'fleet.csv'))]);
    expect(info).toEqual(expectedInfo);
    expect(await local.handle('dashboard', query, () => undefined)).toEqual(expected);

    // where Blob streams have no BYOB reader, each slice is read into a buffer of its own
    const plain = new Blob([big]);
    plain.stream = () => new ReadableStream({ pull: (c) => c.close() }) as ReturnType<Blob['stream']>;
    const read = await readAll(blobSlices(plain));
    expect(Buffer.from(read).equals(Buffer.from(big))).toBe(true); // (toEqual on 8 MB takes minutes)
  });

  it('a File read here gives its slices back to its own source’s lender, through the worker’s yielding stream', async () => {
    const big = new TextEncoder().encode(warmUpCsv(70_000)); // ~8 MB: a short slice, then 4 MB ones
    const source = blobSource(new File([big], 'fleet.csv'));
    const lender = source.lender as ChunkLender;
    const lend = lender.lend.bind(lender);
    let lent = 0;
    let back = 0;
    lender.lend = (chunk, giveBack) => {
      lent++;
      lend(chunk, (buffer) => {
        back++;
        giveBack(buffer);
      });
    };
    const expected = await createDatasetService().loadSources([bytesSource('fleet.csv', big)]);
    expect(await createDatasetService().loadSources([source])).toEqual(expected);
    expect(lent).toBeGreaterThan(2);
    // all but the first slice (split by the format check) and the last come back
    expect(back).toBeGreaterThanOrEqual(lent - 2);
  });

  it('a slice is given back only whole, only once, and only to the source that lent it', () => {
    const given: ArrayBuffer[] = [];
    const chunk = new Uint8Array(64);
    const lender = new ChunkLender();
    lender.lend(chunk, (buffer) => given.push(buffer));
    lender.giveBack(chunk.subarray(0, 32)); // a part: the rest may still be read
    lender.giveBack(chunk.subarray(8)); // not from its start
    lender.giveBack(new Uint8Array(64)); // never lent
    new ChunkLender().giveBack(chunk); // lent by another
    expect(given).toHaveLength(0);
    lender.giveBack(chunk);
    lender.giveBack(chunk);
    expect(given).toEqual([chunk.buffer]);
  });
});
