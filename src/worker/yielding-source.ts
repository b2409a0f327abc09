/**
 * Keeps the dataset worker listening while it reads. A file's bytes usually arrive faster than ingest parses
 * them, so every read of the stream resolves from its buffer as a microtask and the worker never returns to
 * its event loop: a Cancel, or a newer file, would wait in the message queue until the whole file was read.
 * This wrapper hands the event loop a turn every few milliseconds of reading, and ends the stream with an
 * AbortError as soon as the load's signal is aborted.
 */
import { abortError, type ByteSource } from '../ingest/byte-source.ts';

/** How long ingest may run before the worker looks at its messages again. */
export const YIELD_EVERY_MS = 25;

export function yieldingSource(source: ByteSource, signal: AbortSignal): ByteSource {
  return {
    name: source.name,
    size: source.size,
    ...(source.lender === undefined ? {} : { lender: source.lender }),
    ...(source.slice === undefined ? {} : { slice: slicesUntilAborted(source.slice, signal) }),
    stream: () => yieldingStream(source.stream(), signal),
  };
}

/** A source's random access that stops with an AbortError once the load's signal is aborted. */
function slicesUntilAborted(
  slice: (start: number, end: number) => Promise<Uint8Array>,
  signal: AbortSignal,
): (start: number, end: number) => Promise<Uint8Array> {
  return async (start, end) => {
    if (signal.aborted) throw abortError();
    const bytes = await slice(start, end);
    if (signal.aborted) throw abortError();
    return bytes;
  };
}

/**
 * A pause for ingest's `pause` option: a turn of the event loop once YIELD_EVERY_MS have passed since the
 * last, else nothing to wait for. Ingest calls it before every chunk it reads, also chunks that need no
 * read of the source (a ZIP entry's), so a Cancel is seen within a chunk of them.
 */
export function pacer(): () => Promise<void> | undefined {
  let since = performance.now();
  return () => {
    if (performance.now() - since < YIELD_EVERY_MS) return undefined;
    return nextTask().then(() => {
      since = performance.now();
    });
  };
}

function yieldingStream(stream: ReadableStream<Uint8Array>, signal: AbortSignal): ReadableStream<Uint8Array> {
  const reader = stream.getReader();
  const pause = pacer();
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const turn = pause();
        if (turn !== undefined) await turn;
        if (signal.aborted) {
          controller.error(abortError());
          await reader.cancel().catch(() => undefined);
          return;
        }
        const { done, value } = await reader.read();
        if (done) controller.close();
        else controller.enqueue(value);
      },
      cancel(reason) {
        return reader.cancel(reason);
      },
    },
    // Pull only when ingest asks, so the time check runs between ingest's chunks, not ahead of them.
    { highWaterMark: 0 },
  );
}

let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

/**
 * Resolves in a new task, after the messages already queued for the worker. A MessageChannel message
 * rather than setTimeout(0), which browsers clamp to 4 ms when timers nest. Node (tests) delivers a port's
 * messages in one batch that takes in those posted while it runs, so a yield that posts the next one there
 * would starve every other port and timer: setImmediate runs after them.
 */
export function nextTask(): Promise<void> {
  if (typeof setImmediate === 'function') return new Promise((resolve) => setImmediate(resolve));
  if (channel === null) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}
