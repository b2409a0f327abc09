import { describe, expect, it } from 'vitest';
import { escapeHtml, renderHtmlReport } from '../../src/report/html-report.ts';

const input = {
  generatedAt: '2024-05-02 09:00 UTC',
  figures: [
    ['Operations', '18'],
    ['Failures', '7'],
  ] as const,
  filters: ['Code 1405'],
  sources: ['a<b>.csv'],
  timeRange: '2024-05-01 08:05 UTC – 2024-05-01 12:00 UTC',
  charts: [
    { title: 'Failures over time', svg: '<?xml version="1.0" encoding="UTF-8"?>\n<svg width="10"></svg>' },
  ],
  devices: { columns: ['Device', 'Failures'], rows: [['dev-1', '3']] },
  findings: ['Code 1405 is 3× as common on model X'],
  rejected: { count: '1', shown: [{ file: 'a.csv', line: 4, reason: 'no code' }] },
  warnings: [],
};

describe('renderHtmlReport', () => {
  it('lays out the figures, filters, charts inline, devices, findings and rejected rows', () => {
    const html = renderHtmlReport(input);
    expect(html).toContain('<dt>Operations</dt><dd>18</dd>');
    expect(html).toContain('<li>Code 1405</li>');
    expect(html).toContain('<figure aria-label="Failures over time"><svg width="10"></svg></figure>');
    expect(html).not.toContain('<?xml');
    expect(html).toContain('<td>dev-1</td><td>3</td>');
    expect(html).toContain('<li>Code 1405 is 3× as common on model X</li>');
    expect(html).toContain('<td>a.csv</td><td>4</td><td>no code</td>');
    expect(html, 'names are text, never markup').toContain('a&lt;b&gt;.csv');
  });

  it('says so when there is no filter, chart, device or finding', () => {
    const html = renderHtmlReport({
      ...input,
      filters: [],
      charts: [],
      devices: { columns: [], rows: [] },
      findings: [],
      rejected: { count: '0', shown: [] },
      timeRange: null,
    });
    expect(html).toContain('None (all events)');
    expect(html).toContain('The current view shows no chart.');
    expect(html).toContain('No failing devices');
    expect(html).toContain('No finding');
    expect(html).toContain('No rejected rows.');
    expect(html).toContain('the data has no times');
  });

  it('escapes every markup character', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
