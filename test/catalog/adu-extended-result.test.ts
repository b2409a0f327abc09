import { describe, expect, it } from 'vitest';
import {
  decodeExtendedResultCode,
  formatComponent,
  formatExtendedResultCode,
  formatFacility,
} from '../../src/catalog/adu-extended-result.ts';

// Examples from the agent's "Device Update Agent Result Codes and Extended Result Codes" reference:
// 0x30200002 = 807403522 (APT handler, facility 3 component 0x02, result 2); the root-key table's
// 0xa0000001 = 2684354561; ADUC_ERC_NOMEM = 0x0000000C; SWUpdate child-process codes 0x30101000 + exit code.
describe('decodeExtendedResultCode', () => {
  it.each([
    ['0x30200002', 3, 2, 2],
    ['807403522', 3, 2, 2],
    ['0xa0000001', 10, 0, 1],
    ['2684354561', 10, 0, 1],
    ['-1610612735', 10, 0, 1],
    ['0xA0000FFF', 10, 0, 4095],
    ['0x0000000C', 0, 0, 12],
    ['12', 0, 0, 12],
    ['0x30101001', 3, 1, 0x1001],
    ['-1', 15, 255, 0xfffff],
    ['0', 0, 0, 0],
  ])('%s → facility %i, component %i, code %i', (text, facility, component, code) => {
    expect(decodeExtendedResultCode(text)).toEqual([{ facility, component, code }]);
  });

  it('decodes a comma-separated list, spaces allowed', () => {
    expect(decodeExtendedResultCode('0x30200002, 807403522 ,0xa0000001')).toEqual([
      { facility: 3, component: 2, code: 2 },
      { facility: 3, component: 2, code: 2 },
      { facility: 10, component: 0, code: 1 },
    ]);
  });

  it.each([
    '',
    ' ',
    'abc',
    '0x',
    '0x123456789',
    '4294967296',
    '-2147483649',
    '1.5',
    '1e3',
    '1,,2',
    '12,',
    '0x3g',
  ])('refuses %j', (text) => {
    expect(decodeExtendedResultCode(text)).toBeNull();
  });
});

describe('dimension values', () => {
  it('names the facilities result_codes.json names, and only those', () => {
    expect(formatFacility(3)).toBe('0x3 content handler');
    expect(formatFacility(4)).toBe('0x4 content downloader');
    expect(formatFacility(0xa)).toBe('0xa infrastructure management');
    expect(formatFacility(0xd)).toBe('0xd delivery optimization');
    expect(formatFacility(0xc)).toBe('0xc');
    expect(formatFacility(0xf)).toBe('0xf');
  });

  it('writes components with two hex digits and the whole code with eight', () => {
    expect(formatComponent(2)).toBe('0x02');
    expect(formatComponent(0x20)).toBe('0x20');
    expect(formatExtendedResultCode({ facility: 3, component: 2, code: 2 })).toBe('0x30200002');
    expect(formatExtendedResultCode({ facility: 10, component: 0, code: 4095 })).toBe('0xa0000fff');
    for (const text of ['0x30200002', '0xa0000001', '0x0000000c', '0xffffffff']) {
      const [parts] = decodeExtendedResultCode(text) ?? [];
      expect(parts && formatExtendedResultCode(parts)).toBe(text);
    }
  });
});
