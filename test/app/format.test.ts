import { describe, expect, it } from 'vitest';
import { formatBucket, formatTime } from '../../src/app/format.ts';
import { INITIAL_VIEW, viewToHash } from '../../src/app/view-state.ts';

describe('times on screen and in the URL', () => {
  const t = Date.UTC(2026, 9, 1, 8, 15, 30);

  it('reads as UTC', () => {
    expect(formatTime(t)).toBe('2026-10-01 08:15 UTC');
    expect(formatBucket(t, 'day')).toBe('2026-10-01');
    expect(formatBucket(t, 'hour')).toBe('10-01 08:15');
  });

  it('shows a time Date cannot hold as no time, never throws', () => {
    for (const ms of [8.64e15 + 1, -8.64e15 - 1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(formatTime(ms)).toBe('—');
      expect(formatBucket(ms, 'day')).toBe('—');
      expect(viewToHash({ ...INITIAL_VIEW, filter: { timeFrom: ms, timeTo: t } })).toBe(
        '#to=2026-10-01T08%3A15%3A30.000Z',
      );
    }
  });
});
