import { visibleText } from '../dataset/visible-text.ts';
import type { LoadProgress as Progress } from '../worker/dataset-protocol.ts';
import { formatBytes, formatCount } from './format.ts';

export function LoadProgress({
  what,
  progress,
  partial = false,
  onCancel,
}: {
  what: string;
  progress: Progress | null;
  /** Whether figures of the rows so far are shown: said once to screen readers when they first are. */
  partial?: boolean;
  onCancel(): void;
}) {
  const total = progress?.totalBytes ?? null;
  const read = progress?.bytesRead ?? 0;
  const files =
    progress !== null && progress.files > 1 ? ` · file ${progress.fileIndex + 1} of ${progress.files}` : '';
  return (
    <section className="load-progress" aria-label="Loading">
      <div className="load-progress-text">
        <strong>Reading {visibleText(what)}…</strong>{' '}
        <span aria-live="polite">
          {total !== null ? `${formatBytes(read)} of ${formatBytes(total)}` : formatBytes(read)} ·{' '}
          {formatCount(progress?.rows ?? 0)} rows{files}
        </span>
      </div>
      <p className="visually-hidden" role="status">
        {partial
          ? 'Partial figures are shown while the file is read; the exact figures replace them at the end.'
          : ''}
      </p>
      <progress
        aria-label="Loading progress"
        max={total ?? undefined}
        value={total !== null ? Math.min(read, total) : undefined}
      />
      <button type="button" className="button" onClick={onCancel}>
        Cancel
      </button>
    </section>
  );
}
