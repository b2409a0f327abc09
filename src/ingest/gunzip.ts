import { Gunzip } from 'fflate';
import { concatBytes } from './byte-source.ts';

/**
 * A gzip decompressor that lets out every byte it decompressed before the data breaks off (junk after the
 * end, a truncated download, damaged bytes), then errors: ingest keeps what came before and warns.
 *
 * The platform's DecompressionStream does this in browsers, but Node's drops the output of its last round
 * (up to 16 KiB: ~430 rows of a log) when it meets junk after the last member. Which kind the platform has
 * is found once, by decompressing a small gzip member followed by junk; where the output would be lost,
 * fflate's streaming Gunzip is used instead (JavaScript, slower than the platform's, exact).
 */
export async function gunzipStream(): Promise<Pair> {
  nativeKeepsAll ??= probeNative();
  return (await nativeKeepsAll) ? nativeGunzip() : exactGunzip();
}

type Pair = ReadableWritablePair<Uint8Array, Uint8Array>;

const nativeGunzip = () => new DecompressionStream('gzip') as unknown as Pair;

let nativeKeepsAll: Promise<boolean> | null = null;

/** Whether DecompressionStream lets out all of a member that junk follows. */
async function probeNative(): Promise<boolean> {
  // ~40 KB, not a multiple of a buffer size, so a last round that is dropped shows
  const text = new TextEncoder().encode(
    Array.from({ length: 4000 }, (_, i) => `${i * 7919},${i % 13}`).join('\n'),
  );
  try {
    const member = await drain(oneChunk(text).pipeThrough(new CompressionStream('gzip') as unknown as Pair));
    // the junk comes in the same chunk as the member's end, as it does in a file
    const junked = new Uint8Array(member.byteLength + 8).fill(1);
    junked.set(member);
    const out = await drain(oneChunk(junked).pipeThrough(nativeGunzip()));
    return out.byteLength === text.byteLength;
  } catch {
    return false;
  }
}

function oneChunk(bytes: Uint8Array): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      controller.enqueue(bytes);
      controller.close();
    },
  });
}

/** The bytes the stream let out before it ended or failed. */
async function drain(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      parts.push(value);
    }
  } catch {
    // what came out before the error is what the probe looks at
  }
  return concatBytes(parts);
}

/**
 * fflate's Gunzip as a stream (members one after another, as `cat a.gz b.gz` makes). It throws on junk
 * after a member and on data that ends inside one, having let out all it could decompress. One case it lets
 * pass is checked here: data that ends where no member does (a header alone, or up to 3 bytes of junk) —
 * the last 4 bytes of a gzip member are its decompressed size (modulo 2³²).
 */
function exactGunzip(): TransformStream<Uint8Array, Uint8Array> {
  let gunzip: Gunzip;
  let out = 0;
  let memberStart = 0;
  let bytesIn = 0;
  const tail = new Uint8Array(4);
  return new TransformStream<Uint8Array, Uint8Array>({
    start(controller) {
      gunzip = new Gunzip((data) => {
        out += data.byteLength;
        if (data.byteLength > 0) controller.enqueue(data);
      });
      gunzip.onmember = () => {
        memberStart = out;
      };
    },
    transform(chunk) {
      keepTail(tail, chunk, bytesIn);
      bytesIn += chunk.byteLength;
      gunzip.push(chunk, false);
    },
    flush() {
      gunzip.push(new Uint8Array(0), true);
      const size = (tail[0] as number) | ((tail[1] as number) << 8) | ((tail[2] as number) << 16);
      const isize = (size | ((tail[3] as number) << 24)) >>> 0;
      if (bytesIn < 18 || isize !== (out - memberStart) >>> 0) {
        throw new Error('the gzip data does not end where a member does');
      }
    },
  });
}

/** Keeps the last 4 bytes of the data in `tail`, `before` bytes having come before `chunk`. */
function keepTail(tail: Uint8Array, chunk: Uint8Array, before: number): void {
  const n = chunk.byteLength;
  if (n >= 4) {
    tail.set(chunk.subarray(n - 4));
    return;
  }
  const kept = Math.min(before, 4 - n);
  tail.copyWithin(0, 4 - kept, 4);
  tail.set(chunk, kept);
}
