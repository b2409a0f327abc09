// @vitest-environment jsdom
import { act, cleanup, render, renderHook, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VERDICTS, type Verdict } from '../../src/analysis/verdicts.ts';
import { DeviceOutcomes } from '../../src/app/device-outcomes.tsx';
import { FindingsList } from '../../src/app/findings-list.tsx';
import { useAnswer } from '../../src/app/use-answer.ts';

const counts = Object.fromEntries(VERDICTS.map((v, i) => [v, i + 1])) as Record<Verdict, number>;
const answer = {
  state: 'done' as const,
  value: { findings: [], moreFindings: 0, verdicts: { keys: ['component'], counts, retry: 3 } },
};

afterEach(cleanup);

describe('Device outcomes', () => {
  it('says when the view filters by something the verdicts are not judged under', () => {
    const props = { answer, shown: null, onShow() {}, onDownload() {} };
    const { rerender } = render(<DeviceOutcomes {...props} partJudged={false} />);
    const note = () => screen.getByRole('region', { name: 'Device outcomes' }).querySelector('.summary-note');
    expect(note()?.textContent).not.toMatch(/whole history/);
    rerender(<DeviceOutcomes {...props} partJudged />);
    expect(note()?.textContent).toMatch(
      /whole history: the code, outcome, time and search filters do not narrow/,
    );
  });

  it('keep the counts of the view before, marked as updating, until the new ones come', () => {
    const props = { shown: null, onShow() {}, onDownload() {}, partJudged: false };
    const { rerender } = render(
      <DeviceOutcomes {...props} answer={{ state: 'waiting', previous: answer.value }} />,
    );
    const region = screen.getByRole('region', { name: 'Device outcomes' });
    expect(region.getAttribute('aria-busy')).toBe('true');
    expect(region.className).toContain('is-updating');
    expect(region.textContent).toContain('Succeeded first time');
    rerender(<DeviceOutcomes {...props} answer={answer} />);
    expect(screen.getByRole('region', { name: 'Device outcomes' }).getAttribute('aria-busy')).toBe('false');
    // nothing before (a load's first view): nothing shown until the answer
    rerender(<DeviceOutcomes {...props} answer={{ state: 'waiting', previous: null }} />);
    expect(screen.queryByRole('region', { name: 'Device outcomes' })).toBeNull();
  });
});

describe('an answer of the worker', () => {
  it('offers the answer before while the next is asked, and none after a question-less step (new data)', async () => {
    let release: (value: string) => void = () => undefined;
    const ask = (value: string) => () =>
      value === 'slow' ? new Promise<string>((resolve) => (release = resolve)) : Promise.resolve(value);
    const { result, rerender } = renderHook(({ q }: { q: (() => Promise<string>) | null }) => useAnswer(q), {
      initialProps: { q: ask('first') as (() => Promise<string>) | null },
    });
    await vi.waitFor(() => expect(result.current).toEqual({ state: 'done', value: 'first' }));
    rerender({ q: ask('slow') });
    expect(result.current).toEqual({ state: 'waiting', previous: 'first' });
    await act(async () => release('second'));
    expect(result.current).toEqual({ state: 'done', value: 'second' });
    rerender({ q: null });
    rerender({ q: ask('slow') });
    expect(result.current).toEqual({ state: 'waiting', previous: null });
  });

  it('the findings of the view before stay listed, marked as updating', () => {
    const value = {
      findings: [{ text: '1404 is 3× over-represented', dimension: 'model', value: 'X' }],
      moreFindings: 0,
      verdicts: null,
    };
    render(<FindingsList answer={{ state: 'waiting', previous: value }} />);
    const region = screen.getByRole('region', { name: 'What is different about the failures' });
    expect(region.getAttribute('aria-busy')).toBe('true');
    expect(region.textContent).toContain('1404 is 3× over-represented');
    expect(region.textContent).not.toContain('Looking for');
  });
});
