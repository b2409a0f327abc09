import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatSummaryTable } from '../../src/cli/summary-table.ts';
import { bytesSource, ingest } from '../../src/ingest/ingest.ts';
import { buildSummary } from '../../src/report/summary.ts';

const DDI = new URL('../fixtures/platforms/hawkbit-ddi-feedback.ndjson', import.meta.url);

describe('the CLI table', () => {
  it('gives each result its share of every result, in-progress ones included: the shares sum to 100%', async () => {
    const { dataset, report } = await ingest([bytesSource('ddi.ndjson', readFileSync(DDI))]);
    const summary = buildSummary(dataset, report);
    expect(summary.totals.inProgress).toBeGreaterThan(0);
    const table = formatSummaryTable(summary);
    const start = table.split('\n').findIndex((line) => line.startsWith('Result'));
    const rows = table.split('\n').slice(start + 1);
    const shares = rows.slice(0, summary.byCode.length).map((line) => Number(/(\d+\.\d+)%/.exec(line)?.[1]));
    expect(shares.every((s) => s > 0)).toBe(true);
    expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 1);
  });
});
