import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { generateFile } from '../../bench/fleet-generator.ts';
import { IngestError } from '../../src/ingest/ingest.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

/**
 * Built from the public specifications: OMA-TS-DM_Protocol-V1_2 §8.7 (Generic Alert), OMA-TS-DM-SCOMO-V1_0
 * §5.4 and OMA-TS-DM-FUMO-V1_0 §6.2 (the fixture's comment says which shape comes from where).
 */
const FIXTURE = readFileSync(new URL('../fixtures/syncml/generic-alerts.xml', import.meta.url), 'utf8');

function message(device: string, body: string, declaration = true): string {
  return `${declaration ? '<?xml version="1.0"?>\n' : ''}<SyncML><SyncHdr><Source><LocURI>${device}</LocURI></Source></SyncHdr><SyncBody>${body}</SyncBody></SyncML>\n`;
}

function alert(data: string, type = 'urn:oma:at:scomo:1.0:OperationComplete', extra = ''): string {
  return `<Alert><Data>1226</Data>${extra}<Item><Meta><Type>${type}</Type></Meta><Data>${data}</Data></Item></Alert>`;
}

describe('SyncML message logs', () => {
  it('reads every Generic Alert item of the spec-shaped fixture as a row, other commands as other records', async () => {
    const { dataset, report } = await ingestFiles({ 'dm-session.xml': FIXTURE });
    expect(report.format).toBe('xml');
    expect(report.files[0]).toMatchObject({ rowsRead: 4, rowsRejected: 1, otherRecords: 4 });
    expect(report.rejectedSample).toEqual([
      { file: 'dm-session.xml', line: 40, reason: 'result code "ERR" is not an integer' },
    ]);
    expect(report.columns).toMatchObject({
      code: 'Item/Data',
      device: 'SyncHdr/Source/LocURI',
    });
    expect(report.columns.dimensions).toEqual(
      expect.arrayContaining(['Item/Meta/Type', 'Item/Data/Identifier', 'Item/Source/LocURI']),
    );
    const summary = await summarize('dm-session.xml', FIXTURE);
    expect(summary.totals).toMatchObject({ operations: 3, successes: 1, failures: 2, devices: 2 });
    expect(summary.byCode.map((c) => [c.code, c.count])).toEqual(
      expect.arrayContaining([
        [1200, 1],
        [1404, 1],
        [1502, 1],
      ]),
    );
    const identifiers = dataset.dimensionNames.indexOf('Item/Data/Identifier');
    expect(identifiers).toBeGreaterThanOrEqual(0);
  });

  it('reads each Generic Alert in the family its alert type names; an alert type of no family is another record', async () => {
    const fumo = 'org.openmobilealliance.dm.firmwareupdate.downloadandupdate';
    const body = [
      alert('200', fumo),
      alert('402', fumo),
      alert('<![CDATA[<ResultCode>1404</ResultCode>]]>'),
      alert('12', 'com.vendor.battery.low'),
    ].join('\n');
    const summary = await summarize('families.xml', message('IMEI:1', body));
    expect(summary.totals).toMatchObject({ operations: 3, successes: 1, failures: 2 });
    expect(summary.byCode.map((c) => [c.family, c.code, c.outcome])).toEqual(
      expect.arrayContaining([
        ['fumo', 200, 'success'],
        ['fumo', 402, 'failure'],
        ['scomo', 1404, 'failure'],
      ]),
    );
    const { report } = await ingestFiles({ 'families.xml': message('IMEI:1', body) });
    expect(report.files[0]?.otherRecords).toBe(1);
  });

  it('gives the same answer whatever the chunk size', async () => {
    const whole = await summarize('dm.xml', FIXTURE);
    for (const chunkSize of [1, 7, 64])
      expect(await summarize('dm.xml', FIXTURE, { chunkSize })).toEqual(whole);
  });

  it('reads messages inside any wrapping element, with the time of the element around each', async () => {
    const text = `<log server="dm-1">\n<entry time="2026-10-01T08:15:30Z">${message('IMEI:1', alert('1200'), false)}</entry>\n<entry time="2026-10-02T09:00:00Z"><in>${message('IMEI:2', alert('1404'), false)}</in></entry>\n</log>\n`;
    const summary = await summarize('wrapped.xml', text);
    expect(summary.totals).toMatchObject({ operations: 2, failures: 1, devices: 2 });
    expect(summary.timeRange).toEqual({ from: '2026-10-01T08:15:30.000Z', to: '2026-10-02T09:00:00.000Z' });
  });

  it('reads a plain integer, text, escaped text and CDATA payloads, and an Item that ends before its alert code', async () => {
    const body = [
      alert(' 1200 '),
      alert('&lt;ResultCode&gt;1404&lt;/ResultCode&gt;'),
      alert('<![CDATA[<ResultCode>1406</ResultCode><Identifier>c</Identifier>]]>'),
      alert('<ResultCode>1502</ResultCode>'),
      '<Alert><Item><Meta><Type>urn:oma:at:scomo:1.0:OperationComplete</Type></Meta><Data>1401</Data></Item><Data>1226</Data></Alert>',
    ].join('\n');
    const summary = await summarize('payloads.xml', message('IMEI:1', body));
    expect(summary.byCode.map((c) => c.code).sort()).toEqual([1200, 1401, 1404, 1406, 1502]);
  });

  it('is found by its content and by its .xml name, also gzipped and inside a ZIP archive', async () => {
    const text = message('IMEI:1', alert('1200'));
    const prefixed = `2026-10-01 08:15:30 received\n${text}`;
    expect((await summarize('log.xml', prefixed)).totals.operations).toBe(1);
    expect((await summarize('log.txt', text)).source.format).toBe('xml');
    expect((await summarize('log.xml.gz', gzipSync(text))).totals.operations).toBe(1);
    const zip = zipSync({
      'a/log.xml': new TextEncoder().encode(text),
      'b.csv': new TextEncoder().encode('code\n1404\n'),
    });
    const summary = await summarize('logs.zip', zip);
    expect(summary.totals).toMatchObject({ operations: 2, failures: 1 });
  });

  it('a CSV whose first header cell starts with `<` is CSV: XML starts a tag (a name, then space, > or /), a declaration or a comment', async () => {
    for (const [name, text] of [
      ['lt.csv', '<,code\nx,1404\n'],
      ['lt-bom.csv', '\ufeff< 5,code\nx,1404\n'],
      // `<?` and `<!` open XML only as a declaration (`<?xml`), a comment or a DOCTYPE
      ['pi.csv', '<?,code\nx,1404\n'],
      ['bang.csv', '<!x,code\nx,1404\n'],
      ['pi-text.csv', '\ufeff\ufeff<?xmlish,code\nx,1404\n'],
      // a name then a comma is no start tag (found by the fuzz of test/hostile/fuzz-surfaces.test.ts)
      ['name.csv', '<A,code\nx,1404\n'],
    ]) {
      const summary = await summarize(name as string, text as string);
      expect(summary.source.format).toBe('csv');
      expect(summary.totals.failures).toBe(1);
    }
  });

  it('refuses XML that holds no SyncML message, naming its first element', async () => {
    await expect(ingestFiles({ 'page.xml': '<html><body>hi</body></html>' })).rejects.toThrow(
      new IngestError(
        'page.xml',
        'no <SyncML> message was found (the first element is <html>); dmscope reads XML as SyncML (OMA-DM) message logs.',
      ),
    );
  });
});

describe('SyncML logs from the generator agree with its ground truth', () => {
  for (const wrap of [true, false]) {
    it(wrap ? 'messages in <log><entry time>' : 'bare messages, each with its XML declaration', async () => {
      const { text, truth } = generateFile('syncml', { seed: 13, rows: 3000, dirty: 0.05 }, { wrap });
      const { report } = await ingestFiles({ 'fleet.xml': text });
      const summary = await summarize('fleet.xml', text);
      expect(summary.totals).toMatchObject({
        operations: truth.operations,
        successes: truth.successes,
        failures: truth.failures,
        unrecognized: truth.unrecognized,
        devices: truth.devices,
        failingDevices: truth.failingDevices,
      });
      expect(summary.source).toMatchObject({ rowsRead: truth.rowsRead, rowsRejected: truth.rowsRejected });
      expect(summary.source.rejectedSample.map((r) => r.line)).toEqual(truth.rejectedLines);
      expect(new Map(summary.byCode.map((c) => [c.code, c.count]))).toEqual(truth.byCode);
      expect(report.files[0]?.otherRecords).toBe(truth.otherRecords);
      expect(summary.timeRange !== null).toBe(wrap);
      expect(await summarize('fleet.xml', text, { chunkSize: 4093 })).toEqual(summary);
    });
  }
});
