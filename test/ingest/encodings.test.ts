import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { ingestFiles, summarize } from '../support/ingest-text.ts';
import { totals } from '../support/reference-queries.ts';
import { utf16 } from '../support/utf16.ts';

const TEXT = 'result_code,device_id,model\r\n1200,d1,Modèle 日本\r\n1404,d2,Kestrel 🚀\r\nbad,d3,x\r\n';

describe('encodings and compression', () => {
  it.each([
    ['UTF-16 LE', false],
    ['UTF-16 BE', true],
  ])('decodes %s with a BOM, also in 3-byte chunks', async (_, bigEndian) => {
    const bytes = utf16(TEXT, bigEndian);
    for (const chunkSize of [undefined, 3]) {
      const { dataset, report } = await ingestFiles({ 'u16.csv': bytes }, { chunkSize });
      expect(report.files[0]?.encoding).toBe(bigEndian ? 'utf-16be' : 'utf-16le');
      expect(dataset.event(0).dimensions).toEqual(['Modèle 日本']);
      expect(dataset.event(1).dimensions).toEqual(['Kestrel 🚀']);
      expect(report.rejectedSample).toEqual([
        { file: 'u16.csv', line: 4, reason: 'result code "bad" is not an integer' },
      ]);
    }
  });

  it('decompresses gzip found from the bytes, whatever the name', async () => {
    const gz = gzipSync(Buffer.from(TEXT));
    for (const chunkSize of [undefined, 5]) {
      const { report, dataset } = await ingestFiles({ 'logs.bin': new Uint8Array(gz) }, { chunkSize });
      expect(report.files[0]?.compressed).toBe('gzip');
      expect(totals(dataset)).toMatchObject({ operations: 2, failures: 1 });
    }
  });

  it('refuses empty, blank and binary files with a message that says what they are', async () => {
    await expect(summarize('empty.csv', '')).rejects.toThrow('empty.csv: the file is empty.');
    await expect(summarize('blank.csv', ' \n\n \r\n')).rejects.toThrow(
      'blank.csv: the file holds only blank space.',
    );
    await expect(summarize('x.pdf', '%PDF-1.7\n%âãÏÓ\n1 0 obj')).rejects.toThrow('this is a PDF document');
    const noise = Uint8Array.from({ length: 5000 }, (_, i) => (i * 7919) % 256);
    await expect(summarize('noise.csv', noise)).rejects.toThrow('this looks like a binary file');
  });
});
