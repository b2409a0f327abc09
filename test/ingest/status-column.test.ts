import { describe, expect, it } from 'vitest';
import { awsIotJobsCatalog } from '../../src/catalog/aws-iot-jobs-catalog.ts';
import { CATALOGS } from '../../src/catalog/catalog-registry.ts';
import { hawkbitCatalog } from '../../src/catalog/hawkbit-catalog.ts';
import { hawkbitDdiCatalog } from '../../src/catalog/hawkbit-ddi-catalog.ts';
import { inferColumns } from '../../src/ingest/column-inference.ts';
import { ingestFiles } from '../support/ingest-text.ts';
import { totals } from '../support/reference-queries.ts';

function infer(header: string[], rows: string[][]) {
  const result = inferColumns(header, rows, CATALOGS);
  if (!result.ok) throw new Error(result.reason);
  return result.mapping;
}

describe('the status-word column', () => {
  it.each([
    [['detailStatus', 'status', 'target'], ['error', 'finished', 'd1'], 'detailStatus'],
    [['deviceId', 'deviceState'], ['d1', 'Succeeded'], 'deviceState'],
    [['jobExecutionSummary.status', 'thingName'], ['SUCCEEDED', 'd1'], 'jobExecutionSummary.status'],
    [['id', 'status'], ['d1', 'already-installed'], 'status'],
    [['status.execution', 'status.result.finished'], ['closed', 'success'], 'status.execution'],
  ])('is found by name in %j', (header, row, status) => {
    expect(infer(header, [row, row])).toMatchObject({ code: null, status });
  });

  it('is found by values when no name says so', () => {
    const rows = [
      ['d1', 'SUCCEEDED'],
      ['d2', 'FAILED'],
      ['d3', 'TIMED_OUT'],
    ];
    expect(infer(['thing', 'outcome_of_job'], rows)).toMatchObject({ code: null, status: 'outcome_of_job' });
  });

  it('is not a column of other words that has a status-like name', () => {
    const result = inferColumns(['state', 'city'], [['CA', 'Fresno']], CATALOGS);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.reason).toMatch(/no result-code column found.*no status-word column/);
  });

  it('keeps the code column beside it: both are read', () => {
    const mapping = infer(['result_code', 'status'], [['1404', 'FAILED']]);
    expect(mapping).toMatchObject({ code: 'result_code', status: 'status' });
  });

  it('pairs hawkBit DDI execution with result.finished', () => {
    const mapping = infer(['status.execution', 'status.result.finished'], [['closed', 'success']]);
    expect(mapping).toMatchObject({ status: 'status.execution', statusResult: 'status.result.finished' });
  });

  it('reads a file with only a status column, in the given family', async () => {
    const csv = 'device,detailStatus\nd1,finished\nd2,error\nd3,canceled\nd4,running\nd5,Finished\n';
    const { dataset, report } = await ingestFiles({ 'a.csv': csv }, { catalog: hawkbitCatalog });
    expect(report.rowsRejected).toBe(0);
    expect(report.columns).toMatchObject({ code: '', status: 'detailStatus' });
    expect(totals(dataset)).toMatchObject({
      operations: 4,
      successes: 2,
      failures: 1,
      notApplied: 1,
      inProgress: 1,
      unrecognized: 0,
    });
  });

  it('lets a status word decide a row whose code is no integer, and rejects a row with neither', async () => {
    const csv = 'code,status,device\nERR,SUCCEEDED,d1\n7,FAILED,d2\nERR,,d3\n,,d4\n7,QUEUED,d5\n7,,d6\n';
    const { dataset, report } = await ingestFiles({ 'a.csv': csv }, { catalog: awsIotJobsCatalog });
    expect(report.columns).toMatchObject({ code: 'code', status: 'status' });
    // d2: AWS IoT Jobs has no code 7, so its word decides; d6: no word, so its unknown code is unrecognized
    expect(totals(dataset)).toMatchObject({
      successes: 1,
      failures: 1,
      inProgress: 1,
      unrecognized: 1,
      operations: 3,
    });
    expect(report.rejectedSample).toEqual([
      { file: 'a.csv', line: 4, reason: 'result code "ERR" is not an integer, and empty status word' },
      { file: 'a.csv', line: 5, reason: 'empty result code, and empty status word' },
    ]);
  });

  it('rejects a status-only row without a word, with line and reason', async () => {
    const json = JSON.stringify([{ status: 'SUCCEEDED' }, { status: '' }, { other: 1 }]);
    const { report } = await ingestFiles({ 'a.json': json }, { catalog: awsIotJobsCatalog });
    expect(report.rejectedSample.map((r) => r.reason)).toEqual(['empty status word', 'no status field']);
  });

  it('reads the two words of a hawkBit DDI feedback by the DDI rule', async () => {
    const ndjson = [
      { id: 'a', status: { execution: 'closed', result: { finished: 'success' } } },
      { id: 'b', status: { execution: 'closed', result: { finished: 'failure' } } },
      { id: 'c', status: { execution: 'proceeding', result: { finished: 'none' } } },
      { id: 'd', status: { execution: 'rejected', result: { finished: 'none' } } },
      { id: 'e', status: { execution: 'closed', result: { finished: 'none' } } },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const { dataset } = await ingestFiles({ 'ddi.ndjson': ndjson }, { catalog: hawkbitDdiCatalog });
    expect(totals(dataset)).toMatchObject({
      successes: 1,
      failures: 1,
      inProgress: 1,
      notApplied: 1,
      unrecognized: 1,
    });
  });
});
