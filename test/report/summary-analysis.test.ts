import { describe, expect, it } from 'vitest';
import { buildSummary } from '../../src/report/summary.ts';
import { ingestFiles, summarize } from '../support/ingest-text.ts';

/** 60 of SM-T200's 100 operations fail with 1404, 10 of the 900 elsewhere; device d0 then recovers. */
function log(): string {
  const lines = ['time,device,model,component,result_code'];
  let n = 0;
  const add = (model: string, code: number, times: number) => {
    for (let i = 0; i < times; i++, n++) {
      lines.push(`2026-10-01T${String(n % 24).padStart(2, '0')}:00:00Z,d${n},${model},app,${code}`);
    }
  };
  add('SM-T200', 1404, 60);
  add('SM-T200', 1200, 40);
  add('Other', 1404, 10);
  add('Other', 1200, 890);
  lines.push('2026-10-02T00:00:00Z,d0,SM-T200,app,1200');
  return `${lines.join('\n')}\n`;
}

describe('summary JSON: findings and verdicts', () => {
  it('carries the findings strongest first, code or cause, with their figures and words', async () => {
    const s = await summarize('fleet.csv', log());
    expect(s.findings.map((f) => ('code' in f ? f.code : `cause:${f.cause}`))).toEqual([
      1404,
      'cause:device',
    ]);
    expect(s.findings[0]).toEqual({
      code: 1404,
      family: 'scomo',
      dimension: 'model',
      value: 'SM-T200',
      failures: 60,
      operations: 101,
      subjectFailures: 70,
      lift: expect.closeTo(60 / 70 / (101 / 1001), 10),
      p: expect.any(Number),
      q: expect.any(Number),
      text: '1404 is 8.5× over-represented on model = SM-T200: 60 of its 70 failures, on 10.1% of operations, p < 0.001',
    });
    expect(s.findings[0]?.p).toBeLessThan(1e-10);
  });

  it('counts devices per verdict, judged per device and component over their whole history', async () => {
    const s = await summarize('fleet.csv', log());
    expect(s.verdicts).toMatchObject({ keys: ['component'], stuckAfterHours: 24, stormAbove: 5, retry: 69 });
    expect(s.verdicts?.devices).toMatchObject({
      last_attempt_failed: 69,
      succeeded_after_failures: 1,
      succeeded_first_time: 930,
      never_succeeded: 0,
    });
    // a code filter does not cut a device's history short: d0 still recovered
    const { dataset, report } = await ingestFiles({ 'fleet.csv': log() });
    const filtered = buildSummary(dataset, report, { codes: [1404] });
    expect(filtered.totals.operations).toBe(70);
    expect(filtered.verdicts?.devices.succeeded_after_failures).toBe(1);
  });

  it('has no verdicts without a device column', async () => {
    const s = await summarize('nodev.csv', 'result_code,model\n1200,a\n1404,b\n');
    expect(s.verdicts).toBeNull();
    expect(s.findings).toEqual([]);
  });
});
