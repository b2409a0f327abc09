import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseOptions } from '../../bench/bench-options.ts';
import {
  GENERATED_BEGIN,
  GENERATED_END,
  renderPerformanceSection,
  replaceGeneratedSection,
} from '../../bench/report.ts';
import type { BenchResults } from '../../bench/results.ts';

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
