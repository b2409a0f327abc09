/**
 * The figures of a load in progress: the Summary's figures and the failures by result code of the rows read
 * so far, never shown without their label ("so far: 34% of the file"), until the exact figures replace
 * them. Screen readers hear once that the figures are partial (LoadProgress says it), not at every update:
 * nothing here is a live region.
 */
import { partialLabel } from '../views/partial.ts';
import type { PartialFigures } from '../worker/dataset-protocol.ts';
import { DatasetWordsProvider } from './dataset-words.tsx';
import { formatCount } from './format.ts';
import { CodeChart, ViewSuspense } from './lazy-views.tsx';
import { SummaryFigures, summaryFigures } from './summary-panel.tsx';

/** The region's name: not "Summary", which names the exact figures' region alone. */
export const PARTIAL_REGION = 'Figures so far';

/** The next figures come by themselves: nothing to ask again. */
const noRetry = () => undefined;

export function PartialFiguresPanel({ partial }: { partial: PartialFigures }) {
  const label = partialLabel(partial);
  const figures = summaryFigures(partial.totals, partial);
  return (
    <DatasetWordsProvider categories={partial.categories} families={partial.families}>
      <section aria-label={PARTIAL_REGION} className="summary summary-partial">
        <h2 className="partial-label">
          Partial summary — <span className="partial-share">{label}</span>
        </h2>
        <SummaryFigures figures={figures} />
        <p className="summary-note">
          {formatCount(partial.rows)} events read so far. These figures change until the whole input is read;
          filters, charts and downloads come with the exact figures.
        </p>
      </section>
      <div className="partial-chart">
        <ViewSuspense what="chart" onRetry={noRetry} resetKey={partial}>
          <CodeChart codes={partial.byCode} title={`Failures by result code — ${label}`} wide />
        </ViewSuspense>
      </div>
    </DatasetWordsProvider>
  );
}
