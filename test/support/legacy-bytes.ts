/**
 * Text as the bytes of a legacy encoding ("windows-1251", "shift_jis", "gbk", "euc-kr", …), built by
 * inverting the platform's TextDecoder for that label (one- and two-byte sequences), so the tests need no
 * encoder package. Throws on a character the encoding does not have.
 */
export function legacyBytes(label: string, text: string): Uint8Array {
  const table = encoderTable(label);
  const out: number[] = [];
  for (const ch of text) {
    const bytes = table.get(ch);
    if (bytes === undefined) throw new Error(`${JSON.stringify(ch)} is not in ${label}`);
    out.push(...bytes);
  }
  return Uint8Array.from(out);
}

const tables = new Map<string, Map<string, number[]>>();

function encoderTable(label: string): Map<string, number[]> {
  let table = tables.get(label);
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder(label);
  for (let b = 0; b < 0x80; b++) table.set(String.fromCharCode(b), [b]);
  for (let b = 0x80; b < 0x100; b++) {
    const ch = decoder.decode(Uint8Array.of(b));
    if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [b]);
  }
  for (let lead = 0x81; lead < 0xff; lead++) {
    for (let trail = 0x40; trail < 0xff; trail++) {
      const ch = decoder.decode(Uint8Array.of(lead, trail));
      if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, [lead, trail]);
    }
  }
  tables.set(label, table);
  return table;
}
