import { describe, expect, it } from 'vitest';
import { aduCatalog } from '../../src/catalog/adu-catalog.ts';
import { lwm2m5Catalog } from '../../src/catalog/lwm2m-5-catalog.ts';
import { scomoCatalog } from '../../src/catalog/scomo-catalog.ts';
import { inferColumns } from '../../src/ingest/column-inference.ts';
import { parseTime } from '../../src/ingest/field-parsers.ts';
import { ingestFiles } from '../support/ingest-text.ts';

function infer(header: string[], rows: (string | number)[][]) {
  const result = inferColumns(header, rows, [scomoCatalog]);
  if (!result.ok) throw new Error(result.reason);
  return result.mapping;
}

describe('the platforms’ times', () => {
  it.each([
    // hawkBit DDI feedback's `time` (ISO 8601 basic format), with and without zone, fraction, offset
    ['20261001T081530', '2026-10-01T08:15:30.000Z'],
    ['20261001T081530Z', '2026-10-01T08:15:30.000Z'],
    ['20261001T081530.250Z', '2026-10-01T08:15:30.250Z'],
    ['20261001T101530+0200', '2026-10-01T08:15:30.000Z'],
    // Mender: RFC 3339 with nanoseconds; Go's time.Time.String() in service logs
    ['2026-10-01T08:15:30.063493443Z', '2026-10-01T08:15:30.063Z'],
    ['2026-10-01 08:15:30.063493443 +0000 UTC', '2026-10-01T08:15:30.063Z'],
    ['2026-10-01 01:15:30.063493443 -0700 MST m=+0.000000001', '2026-10-01T08:15:30.063Z'],
    // AWS IoT Jobs: epoch seconds with a fraction, as a JSON number and as text
    [1790842530.25, '2026-10-01T08:15:30.250Z'],
    ['1790842530.25', '2026-10-01T08:15:30.250Z'],
  ])('reads %j', (value, iso) => {
    expect(new Date(parseTime(value)).toISOString()).toBe(iso);
  });

  it('still refuses what is no time', () => {
    for (const value of [
      '20261001T',
      '20261001X081530',
      '2026-10-01 08:15:30 +0000 utc now',
      '20261001T0815300',
    ])
      expect(parseTime(value)).toBeNaN();
  });
});

describe('the platforms’ names', () => {
  it.each([
    // hawkBit DDI feedback (controllerId), AWS IoT Jobs (thingArn), Leshan (ep), hawkBit Mgmt (_links.target.name)
    [['controllerId', 'time', 'code'], 'controllerId', 'time'],
    [
      ['code', 'thingArn', 'jobExecutionSummary.lastUpdatedAt'],
      'thingArn',
      'jobExecutionSummary.lastUpdatedAt',
    ],
    [['ep', 'res', 'code'], 'ep', null],
    [
      ['id', 'code', 'createdAt', 'lastModifiedAt', '_links.target.name'],
      '_links.target.name',
      'lastModifiedAt',
    ],
    [['deviceId', 'code', 'last_seen_at'], 'deviceId', 'last_seen_at'],
    [['device.device_serial', 'result_code', 'installDate'], 'device.device_serial', 'installDate'],
  ])('maps %j', (header, device, time) => {
    const value = (name: string, k: number) => {
      if (name === 'time') return '20261001T081530';
      if (/At$|_at$|Date$/.test(name)) return `2026-10-0${k + 1}T08:15:30Z`;
      if (/code$/.test(name)) return '1200';
      return name === 'res' ? '/5/0/5' : `dev-${k}`;
    };
    const rows = [0, 1].map((k) => header.map((name) => value(name, k)));
    const mapping = infer(header, rows);
    expect(mapping.device).toBe(device);
    expect(mapping.time).toBe(time);
  });

  it('a Mender device list names the device by its id, since its records describe devices (device_type)', () => {
    const row = ['a0a1b2c3', 'failure', '2026-10-01T08:15:30.063493443Z', 'raspberrypi4', '1200'];
    expect(infer(['id', 'status', 'finished', 'device_type', 'code'], [row]).device).toBe('id');
    // without device_type an id is a record's, not a device's
    expect(infer(['id', 'status', 'finished', 'model', 'code'], [row]).device).toBeNull();
  });

  it('a name ending in "at" is no time unless it is an `At` / `_at` name (format, repeat)', () => {
    const mapping = infer(
      ['code', 'format', 'repeat'],
      [
        ['1200', '20', '3'],
        ['1404', '20', '4'],
      ],
    );
    expect(mapping.time).toBeNull();
  });

  it('takes the thing name out of an AWS IoT thing ARN, read from bytes and from JSON alike', async () => {
    const arn = (thing: string) => `arn:aws:iot:eu-west-1:123456789012:thing/${thing}`;
    const csv = `thingArn,code\n${arn('kestrel-1')},1200\n${arn('kestrel-2')},1404\n${arn('kestrel-1')},1404\n`;
    const json = JSON.stringify(
      ['kestrel-1', 'kestrel-2', 'kestrel-1'].map((t, k) => ({
        thingArn: arn(t),
        code: [1200, 1404, 1404][k],
      })),
    );
    for (const [name, text] of [
      ['things.csv', csv],
      ['things.json', json],
    ] as const) {
      const { dataset } = await ingestFiles({ [name]: text });
      const rows = dataset.all();
      const devices = Array.from({ length: dataset.rowCount }, (_, k) => dataset.event(k).device);
      expect(devices).toEqual(['kestrel-1', 'kestrel-2', 'kestrel-1']);
      expect(rows).toBeDefined();
    }
  });

  it('a counter, ordinal or id is never the code for its values alone (ADU retryCount, Leshan val.id)', () => {
    const states = inferColumns(
      ['deviceId', 'retryCount', 'deviceState'],
      [
        ['adu-01', 0, 'Succeeded'],
        ['adu-02', 1, 'Failed'],
        ['adu-03', 0, 'InProgress'],
      ],
      [aduCatalog],
    );
    // no code column: the device states give the results
    expect(states.ok && [states.mapping.code, states.mapping.status]).toEqual([null, 'deviceState']);
    const leshan = inferColumns(
      ['ep', 'res', 'val.id', 'val.value'],
      [
        ['lwm2m-01', '/5/0/5', 5, '1'],
        ['lwm2m-02', '/5/0/5', 5, '8'],
        ['lwm2m-03', '/5/0/3', 3, '2'],
      ],
      [lwm2m5Catalog],
    );
    expect(leshan.ok && leshan.mapping.code).toBe('val.value');
    // named by the caller, a counter is the code all the same
    const chosen = inferColumns(['retryCount'], [[0], [1]], [aduCatalog], { code: 'retryCount' });
    expect(chosen.ok && chosen.mapping.code).toBe('retryCount');
  });
});
