// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { VERDICTS, type Verdict } from '../../src/analysis/verdicts.ts';
import { DeviceOutcomes } from '../../src/app/device-outcomes.tsx';

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
});
