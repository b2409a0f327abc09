/**
 * Messages between the dataset worker and the read worker (which reads a File's bytes ahead of ingest). A
 * stream with credit and buffers handed back, not calls and answers: it keeps its own messages, and shares
 * rpc.ts's error form.
 */
import type { WireError } from './rpc.ts';

export type ReadRequest =
  /** Read `blob` in slices of `sliceBytes`, up to `ahead` slices before the next `more`. */
  | { kind: 'open'; id: number; blob: Blob; sliceBytes: number; ahead: number }
  /** The reader took `slices` slices: read as many more. */
  | { kind: 'more'; id: number; slices: number }
  /** A slice's buffer, transferred back once read: the next slices are copied into it (see ChunkLender). */
  | { kind: 'recycle'; buffer: ArrayBuffer }
  | { kind: 'close'; id: number };

export type ReadResponse =
  /** The next slice: the first `length` bytes of `buffer`, transferred. */
  | { kind: 'bytes'; id: number; buffer: ArrayBuffer; length: number }
  | { kind: 'end'; id: number }
  | { kind: 'error'; id: number; error: WireError };
