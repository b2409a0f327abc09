import { describe, expect, it } from 'vitest';
import type { ByteSource } from '../../src/ingest/byte-source.ts';
import { YIELD_EVERY_MS, yieldingSource } from '../../src/worker/yielding-source.ts';

/** A source whose chunks are all buffered already: reading it alone never leaves the microtask queue. */
function bufferedSource(chunks: number): ByteSource {
  const chunk = new Uint8Array(1024).fill(65);
  return {
    name: 'buffered.csv',
    size: chunks * chunk.byteLength,
    stream: () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let i = 0; i < chunks; i++) controller.enqueue(chunk);
          controller.close();
        },
      }),
  };
}

function busy(ms: number): void {
  const until = performance.now() + ms;
  while (performance.now() < until) {
    // what parsing a chunk costs
  }
}

/** Reads like ingest does (a busy loop over chunks); returns how many chunks it saw before the end or abort. */
async function consume(source: ByteSource): Promise<{ chunks: number; error: string | null }> {
  const reader = source.stream().getReader();
  let chunks = 0;
  try {
    for (;;) {
      const { done } = await reader.read();
      if (done) return { chunks, error: null };
      chunks++;
      busy(1);
    }
  } catch (e) {
    return { chunks, error: (e as Error).name };
  }
}

describe('yieldingSource', () => {
  it('lets a message that arrives mid-read abort the load', async () => {
    const total = 400;

    // Without it, the timer standing in for the worker's "cancel" message cannot even run until the end.
    const plain = new AbortController();
    setTimeout(() => plain.abort(), 20);
    const unwrapped = await consume(bufferedSource(total));
    expect(unwrapped).toEqual({ chunks: total, error: null });
    expect(plain.signal.aborted).toBe(false);

    const controller = new AbortController();
    setTimeout(() => controller.abort(), 20);
    const wrapped = await consume(yieldingSource(bufferedSource(total), controller.signal));
    expect(wrapped.error).toBe('AbortError');
    // Aborted within a couple of yield periods of the message, far from the end.
    expect(wrapped.chunks).toBeLessThan(20 + 3 * YIELD_EVERY_MS + 20);
  });

  it('passes every byte through unchanged', async () => {
    const source = yieldingSource(bufferedSource(50), new AbortController().signal);
    expect(source.name).toBe('buffered.csv');
    expect(source.size).toBe(50 * 1024);
    const text = await new Response(source.stream()).text();
    expect(text).toBe('A'.repeat(50 * 1024));
  });
});
