/**
 * A tiny, strict RFC 4180 parser for the generator tests: records end at \r\n, \r or \n outside quotes;
 * a field is quoted only from its first character, and a closing quote must be followed by the delimiter
 * or a line break. Each record carries the 1-based physical line it starts on (universal newlines).
 */
export interface CsvRecord {
  fields: string[];
  line: number;
}

export function parseCsv(text: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  const n = text.length;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let recordLine = 1;
  let fields: string[] = [];
  let field = '';
  let fieldStart = true;
  let quoted = false;
  const endRecord = (): void => {
    fields.push(field);
    records.push({ fields, line: recordLine });
    fields = [];
    field = '';
    fieldStart = true;
  };
  while (i < n) {
    const ch = text[i] as string;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 2;
          continue;
        }
        quoted = false;
        i++;
        const next = text[i];
        if (next !== undefined && next !== delimiter && next !== '\r' && next !== '\n') {
          throw new Error(`junk after closing quote on line ${line}`);
        }
        continue;
      }
      if (ch === '\r' && text[i + 1] === '\n') {
        field += '\r\n';
        line++;
        i += 2;
        continue;
      }
      if (ch === '\r' || ch === '\n') line++;
      field += ch;
      i++;
      continue;
    }
    if (ch === '"') {
      if (!fieldStart) throw new Error(`quote inside an unquoted field on line ${line}`);
      quoted = true;
      fieldStart = false;
      i++;
      continue;
    }
    if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldStart = true;
      i++;
      continue;
    }
    if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      continue;
    }
    field += ch;
    fieldStart = false;
    i++;
  }
  if (quoted) throw new Error('unterminated quoted field');
  if (field !== '' || fields.length > 0 || !fieldStart) endRecord();
  return records;
}

/** Physical lines (universal newlines), without the terminators. */
export function physicalLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/);
}
