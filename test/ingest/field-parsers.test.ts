import { describe, expect, it } from 'vitest';
import { codeProblem, parseCode, parseCount, parseTime } from '../../src/ingest/field-parsers.ts';

describe('parseCode', () => {
  it.each([
    ['1200', 1200],
    [' 1404 ', 1404],
    ['\t1505\r', 1505],
    ['+1200', 1200],
    ['-1', -1],
    ['1200.0', 1200],
    ['1200.000', 1200],
    ['0', 0],
    ['2147483647', 2147483647],
  ])('accepts %j as %d', (text, code) => {
    expect(parseCode(text)).toBe(code);
  });

  it.each([
    '',
    '   ',
    'abc',
    '12a',
    '1.2e3',
    '0x4B0',
    '1200.5',
    '2147483648',
    '99999999999',
    '-',
    '.',
    '1 200',
  ])('rejects %j', (text) => {
    expect(parseCode(text)).toBeNaN();
  });

  it('accepts JSON integers and rejects other JSON values', () => {
    expect(parseCode(1404)).toBe(1404);
    expect(parseCode(1200.0)).toBe(1200);
    expect(parseCode(1200.5)).toBeNaN();
    expect(parseCode(null)).toBeNaN();
    expect(parseCode(true)).toBeNaN();
    expect(parseCode(undefined)).toBeNaN();
  });

  it('explains why a code is unusable', () => {
    expect(codeProblem(undefined)).toBe('no result-code field');
    expect(codeProblem('')).toBe('empty result code');
    expect(codeProblem(' ERR ')).toBe('result code "ERR" is not an integer');
    expect(codeProblem(null)).toBe('result code is null');
    expect(codeProblem(12.5)).toBe('result code 12.5 is not an integer');
  });
});

describe('parseCount', () => {
  it('takes non-negative integers only', () => {
    expect(parseCount('17')).toBe(17);
    expect(parseCount(3)).toBe(3);
    expect(parseCount('0')).toBe(0);
    expect(parseCount('-2')).toBeNaN();
    expect(parseCount('')).toBeNaN();
    expect(parseCount('x')).toBeNaN();
  });
});

describe('parseTime', () => {
  const t = Date.UTC(2026, 9, 1, 8, 15, 30);
  it.each([
    ['2026-10-01T08:15:30Z', t],
    ['2026-10-01T08:15:30.250Z', t + 250],
    ['2026-10-01T08:15:30', t],
    ['2026-10-01 08:15:30', t],
    ['2026/10/01 08:15:30', t],
    ['2026-10-01T10:15:30+02:00', t],
    ['2026-10-01T03:15:30-0500', t],
    ['2026-10-01 08:15:30 UTC', t],
    ['2026-10-01T08:15', t - 30_000],
    ['2026-10-01', Date.UTC(2026, 9, 1)],
    [String(t / 1000), t],
    [String(t), t],
    [`${t / 1000}.5`, t + 500],
    [' 2026-10-01T08:15:30Z ', t],
  ])('reads %j as UTC', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });

  it('reads epoch numbers in seconds or milliseconds', () => {
    expect(parseTime(t / 1000)).toBe(t);
    expect(parseTime(t)).toBe(t);
  });

  it('tells epoch seconds, milliseconds, microseconds and nanoseconds apart by magnitude', () => {
    for (const [scale, label] of [
      [1e-3, 's'],
      [1, 'ms'],
      [1e3, 'µs'],
      [1e6, 'ns'],
    ] as const) {
      expect(parseTime(t * scale), label).toBe(t);
      expect(parseTime(String(t * scale)), label).toBe(t);
    }
    expect(parseTime('1700000000000000000')).toBe(Date.UTC(2023, 10, 14, 22, 13, 20));
    expect(parseTime('1700000000000000')).toBe(Date.UTC(2023, 10, 14, 22, 13, 20));
    expect(parseTime(1_700_000_000_123_456)).toBe(Date.UTC(2023, 10, 14, 22, 13, 20, 123));
  });

  it.each([
    ['a JSON 1e300', 1e300],
    ['a number past nanoseconds', 1e20],
    ['digits past nanoseconds', '123456789012345678901234'],
    ['negative epoch seconds before the year 0', -99_999_999_999],
    ['a date past the year 9999', '9999-12-31T24:00:00Z'],
    ['a date before the year 0', '0000-01-01T00:00:00+01:00'],
  ])('reads %s as no time (NaN), never a time Date cannot show', (_, value) => {
    expect(parseTime(value)).toBeNaN();
  });

  it('keeps the ends of the years 0000 to 9999', () => {
    expect(parseTime('0000-01-01T00:00:00Z')).toBe(new Date('0000-01-01T00:00:00Z').getTime());
    expect(parseTime('9999-12-31T23:59:59.999Z')).toBe(new Date('9999-12-31T23:59:59.999Z').getTime());
  });

  it.each(['+99:99', '+24:00', '-25:00', '+05:60', '+0999', '+99'])(
    'reads an offset %s that no zone has as no time',
    (offset) => {
      expect(parseTime(`2026-10-01T08:15:30${offset}`)).toBeNaN();
    },
  );

  it.each([
    ['+23:59', t - (23 * 60 + 59) * 60_000],
    ['-12:00', t + 12 * 3_600_000],
    ['+0530', t - 330 * 60_000],
    ['+14', t - 14 * 3_600_000],
  ])('reads the offset %s', (offset, expected) => {
    expect(parseTime(`2026-10-01T08:15:30${offset}`)).toBe(expected);
  });

  it.each(['', 'yesterday', '2026-13-01', '2026-10-01X08:00', '2026-10-01T25:00', 'n/a', '12:00'])(
    'rejects %j',
    (text) => {
      expect(parseTime(text)).toBeNaN();
    },
  );
});
