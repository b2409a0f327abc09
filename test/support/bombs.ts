/**
 * Decompression bombs, written to disk in pieces, never held whole (nor their output, which is gigabytes).
 * Raw deflate data can be built from one compressed copy of a block: a full flush ends each copy on a byte
 * boundary with nothing carried over, so copies of it concatenated decompress to the block repeated.
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { constants, deflateRawSync } from 'node:zlib';

const MIB = 1 << 20;
/** The last block of a deflate stream: final, fixed Huffman codes, nothing but its end. */
const FINAL_BLOCK = new Uint8Array([0x03, 0x00]);

/** Raw deflate data of `bytes`, not final, ending on a byte boundary and independent of what came before. */
function flushedDeflate(bytes: Uint8Array, level = 9): Uint8Array {
  return deflateRawSync(bytes, { level, finishFlush: constants.Z_FULL_FLUSH });
}

/** Writes the deflate data of `head` and then `tailMiB` MiB of zero bytes, without a line break. */
function writeDeflate(fd: number, head: string, tailMiB: number): number {
  let written = writeSync(fd, flushedDeflate(Buffer.from(head)));
  const zeros = flushedDeflate(new Uint8Array(MIB));
  for (let i = 0; i < tailMiB; i++) written += writeSync(fd, zeros);
  return written + writeSync(fd, FINAL_BLOCK);
}

/**
 * A gzip file of a few CSV rows and then `tailMiB` MiB of zero bytes with no line break (a log whose tail
 * was zero-filled, blown up): 4 GiB from ~4.2 MB. Its checksum is not right; nothing gets that far.
 */
export function writeGzipBomb(path: string, rows: string, tailMiB: number): void {
  const fd = openSync(path, 'w');
  try {
    writeSync(fd, new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
    writeDeflate(fd, rows, tailMiB);
    writeSync(fd, new Uint8Array(8)); // CRC-32 and size
  } finally {
    closeSync(fd);
  }
}

/**
 * A ZIP archive with one deflated entry of a few CSV rows and then `tailMiB` MiB of zero bytes, its sizes
 * in a data descriptor after the data (as archives written while streaming have them).
 */
export function writeZipBomb(path: string, entry: string, rows: string, tailMiB: number): void {
  const fd = openSync(path, 'w');
  try {
    const name = Buffer.from(entry);
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0008, 6); // sizes in the data descriptor
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(name.byteLength, 26);
    writeSync(fd, header);
    writeSync(fd, name);
    const compressed = writeDeflate(fd, rows, tailMiB);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(compressed >>> 0, 8);
    descriptor.writeUInt32LE((tailMiB * MIB + rows.length) % 2 ** 32, 12);
    writeSync(fd, descriptor);
  } finally {
    closeSync(fd);
  }
}

/**
 * A gzip file of `rows` rows, each with a distinct device id of ~2 KB: a few MB that hold gigabytes of
 * distinct strings (2.2M rows are 16 MB of gzip). Compressed a block of rows at a time.
 */
export function writeLongIdsGzip(path: string, rows: number): void {
  const fd = openSync(path, 'w');
  try {
    const pad = Buffer.alloc(2000, 'x');
    const block = Buffer.alloc(10_000 * (pad.byteLength + 32));
    writeSync(fd, new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]));
    writeSync(fd, flushedDeflate(Buffer.from('result_code,device_id\n'), 1));
    for (let from = 0; from < rows; from += 10_000) {
      let at = 0;
      for (let i = from; i < Math.min(rows, from + 10_000); i++) {
        at += block.write(`1404,dev-${i}-`, at, 'latin1');
        at += pad.copy(block, at);
        block[at++] = 10;
      }
      writeSync(fd, flushedDeflate(block.subarray(0, at), 1));
    }
    writeSync(fd, FINAL_BLOCK);
    writeSync(fd, new Uint8Array(8));
  } finally {
    closeSync(fd);
  }
}
