import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/bench-options.ts';
import {
  GENERATED_BEGIN,
  GENERATED_END,
  renderPerformanceSection,
  renderTable,
  replaceGeneratedSection,
} from '../../bench/report.ts';
import type { BenchResults, SizeResult } from '../../bench/results.ts';

const results = JSON.parse(
  readFileSync(new URL('../../bench/results.json', import.meta.url), 'utf8'),
) as BenchResults;
const performanceDoc = readFileSync(new URL('../../docs/performance.md', import.meta.url), 'utf8');

describe('the benchmark writes its latest results into docs/performance.md', () => {
  it('replaces only what lies between the markers, and again gives the same text', () => {
    const doc = `# Title\n\nBefore.\n\n${GENERATED_BEGIN}\n\nold table\n\n${GENERATED_END}\n\n## After\n\nKept.\n`;
    const once = replaceGeneratedSection(doc, 'new table');
    expect(once).toBe(
      `# Title\n\nBefore.\n\n${GENERATED_BEGIN}\n\nnew table\n\n${GENERATED_END}\n\n## After\n\nKept.\n`,
    );
    expect(replaceGeneratedSection(once, 'new table')).toBe(once);
  });

  it('adds the markers at the end of a document that has none', () => {
    expect(replaceGeneratedSection('# Title\n\nText.\n', 'table')).toBe(
      `# Title\n\nText.\n\n${GENERATED_BEGIN}\n\ntable\n\n${GENERATED_END}\n`,
    );
  });

  it('docs/performance.md has the markers once, and the results of bench/results.json fit between them', () => {
    expect(performanceDoc.split(GENERATED_BEGIN)).toHaveLength(2);
    expect(performanceDoc.split(GENERATED_END)).toHaveLength(2);
    const section = renderPerformanceSection(results);
    expect(section).toMatch(/^\| \| 100k rows/);
    expect(section).toContain('**dmscope: file chosen → Summary + charts on screen**');
    const written = replaceGeneratedSection(performanceDoc, section);
    expect(written.slice(0, written.indexOf(GENERATED_BEGIN))).toBe(
      performanceDoc.slice(0, performanceDoc.indexOf(GENERATED_BEGIN)),
    );
    expect(written.slice(written.indexOf(GENERATED_END))).toBe(
      performanceDoc.slice(performanceDoc.indexOf(GENERATED_END)),
    );
  });

  it('--docs, and --readme as before, ask for it', () => {
    expect(parseOptions([]).docs).toBe(false);
    expect(parseOptions(['--docs']).docs).toBe(true);
    expect(parseOptions(['--readme']).docs).toBe(true);
  });
});

describe('the table sets dmscope against every anchor that read the file', () => {
  /** The cells of the table's row whose heading starts with `heading`. */
  const cells = (table: string, heading: string) =>
    table
      .split('\n')
      .find((line) => line.startsWith(`| ${heading}`))
      ?.split(' | ')
      .slice(1)
      .map((c) => c.replace(/ \|$/, '').trim());

  it('a plain log and an NDJSON file have their own columns, each with its anchors’ ratios', () => {
    const csv = results.sizes[0] as SizeResult;
    const plain: SizeResult = {
      ...csv,
      label: '1m-plain',
      log: 'plain',
      appToAnchor: { linescan: 2.5, papaparse: 0.9, duckdb: 1.25 },
    };
    const ndjson: SizeResult = {
      ...csv,
      label: '1m-ndjson',
      format: 'ndjson',
      anchors: { jsonparse: csv.anchors?.linescan as NonNullable<SizeResult['anchors']>['jsonparse'] },
      appToPapaparse: null,
      appToAnchor: { jsonparse: 0.8 },
    };
    const table = renderTable({ ...results, sizes: [plain, ndjson] });
    expect(table.split('\n')[0]).toContain('plain log (no quotes)');
    expect(table.split('\n')[0]).toContain('NDJSON');
    expect(cells(table, '**dmscope ÷ DuckDB-WASM**')).toEqual(['**1.25×**', '']);
    expect(cells(table, '**dmscope ÷ line scan**')).toEqual(['**2.50×**', '']);
    expect(cells(table, '**dmscope ÷ JSON.parse per record**')).toEqual(['', '**0.80×**']);
    expect(cells(table, 'PapaParse alone')?.[1]).toBe('CSV only');
    expect(cells(table, 'JSON.parse per record (worker)')?.[0]).toBe('JSON only');
  });
});
