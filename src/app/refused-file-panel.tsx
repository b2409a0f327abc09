import { useMemo } from 'react';
import { visibleText } from '../dataset/visible-text.ts';
import type { ColumnMapping, MappingOverride } from '../ingest/ingest.ts';
import { DETECT, MappingForm } from './mapping-panel.tsx';
import type { RefusedFiles } from './use-loading.ts';

/**
 * Files refused for want of a result-code column: their columns, to name the one that holds the results.
 * The error above says why; this is the way out it points to.
 */
export function RefusedFilePanel({
  refused,
  onApply,
}: {
  refused: RefusedFiles;
  onApply(mapping: MappingOverride): void;
}) {
  const mapping: ColumnMapping = useMemo(
    () => ({
      code: refused.columns[0] ?? '',
      status: null,
      statusResult: null,
      time: null,
      device: null,
      count: null,
      deviceCount: null,
      dimensions: [],
      ignored: [],
    }),
    [refused],
  );
  const names = refused.files.map((f) => visibleText(f.name)).join(', ');
  return (
    <section className="mapping panel refused" aria-label="Choose the columns">
      <h2>Which column holds the results of {names}?</h2>
      <p className="muted">
        Pick the result-code column (a code such as 1200 or 1404) or the status-word column (finished,
        SUCCEEDED…); time, device and count are optional, and the columns you tick become break-downs and
        filters.
      </p>
      <MappingForm mapping={mapping} family={DETECT} headers={[...refused.columns]} onApply={onApply} />
    </section>
  );
}
