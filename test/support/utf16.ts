/** Text as UTF-16 bytes, little-endian unless `bigEndian`, behind a byte-order mark unless `bom` is false. */
export function utf16(text: string, bigEndian = false, bom = true): Uint8Array {
  const start = bom ? 2 : 0;
  const bytes = new Uint8Array(start + text.length * 2);
  if (bom) bytes.set(bigEndian ? [0xfe, 0xff] : [0xff, 0xfe]);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    bytes[start + 2 * i + (bigEndian ? 1 : 0)] = unit & 0xff;
    bytes[start + 2 * i + (bigEndian ? 0 : 1)] = unit >> 8;
  }
  return bytes;
}
