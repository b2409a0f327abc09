import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getCatalog } from '../../src/catalog/catalog-registry.ts';
import { inferColumns } from '../../src/ingest/column-inference.ts';
import type { Cell } from '../../src/ingest/field-parsers.ts';
import { readJson } from '../../src/ingest/json-reader.ts';
import type { TableSink } from '../../src/ingest/table-sink.ts';

/**
 * The device and time columns dmscope finds in each platform's export as its documentation shows it (the
 * fixtures' sources are cited in test/ingest/platform-shapes.test.ts), whichever column carries the result.
 */
async function records(name: string): Promise<{ names: string[]; rows: Cell[][] }> {
  const text = readFileSync(new URL(`../fixtures/platforms/${name}`, import.meta.url), 'utf8');
  let names: string[] = [];
  const rows: Cell[][] = [];
  const sink: TableSink = {
    columns: (all) => {
      names = [...all];
    },
    row: (cells) => {
      rows.push([...cells]);
    },
    reject: () => undefined,
    warn: () => undefined,
  };
  async function* chunks() {
    yield text;
  }
  await readJson(chunks(), sink);
  return { names, rows };
}

const CASES: [string, string, string, string | null, string | null][] = [
  ['hawkbit-actions.json', 'hawkbit', 'detailStatus', '_links.target.name', 'lastModifiedAt'],
  ['hawkbit-action-status.json', 'hawkbit', 'type', null, 'timestamp'],
  ['hawkbit-ddi-feedback.ndjson', 'hawkbit-ddi', 'status.execution', 'controllerId', 'time'],
  ['mender-deployment-devices.json', 'mender', 'status', 'id', 'finished'],
  [
    'aws-list-job-executions-for-job.json',
    'aws-iot-jobs',
    'jobExecutionSummary.status',
    'thingArn',
    'jobExecutionSummary.lastUpdatedAt',
  ],
  [
    'aws-describe-job-execution.ndjson',
    'aws-iot-jobs',
    'execution.status',
    'execution.thingName',
    'execution.lastUpdatedAt',
  ],
  ['adu-device-states.json', 'adu', 'deviceState', 'deviceId', null],
  ['leshan-events.ndjson', 'lwm2m-5', 'val.value', 'ep', null],
];

describe('device and time columns of the platforms’ exports', () => {
  for (const [name, family, result, device, time] of CASES) {
    it(name, async () => {
      const { names, rows } = await records(name);
      const inferred = inferColumns(names, rows, [getCatalog(family)], { code: result });
      expect(inferred.ok).toBe(true);
      if (!inferred.ok) return;
      expect(inferred.mapping.device).toBe(device);
      expect(inferred.mapping.time).toBe(time);
      // a progress object's counts (hawkBit DDI) and a record's counters are never its count column
      expect(inferred.mapping.count).toBeNull();
    });
  }

  it('the ADU twin’s result code is found by name under its family', async () => {
    const { names, rows } = await records('adu-twins.ndjson');
    const inferred = inferColumns(names, rows, [getCatalog('adu')]);
    expect(inferred.ok && inferred.mapping.code).toBe(
      'properties.reported.deviceUpdate.agent.lastInstallResult.resultCode',
    );
    expect(inferred.ok && inferred.mapping.device).toBe('deviceId');
  });
});
