import { gzipSync } from 'node:zlib';

/**
 * A gzip of 300 million `[` (1.3 MB): the attack that made the CLI die with V8's "invalid size error" when
 * the JSON scanner's nesting stack grew without bound.
 */
export function deepBracketsGzip(): Uint8Array {
  return gzipSync(Buffer.alloc(300_000_000, '['), { level: 1 });
}
