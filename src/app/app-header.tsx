/**
 * The page's header: the title, what is loaded, and the load and download buttons. On a narrow screen only
 * the primary actions stay in view (Upload logs, and Try the sample while the page is empty); the rest sit
 * behind a "More actions" disclosure. On a wide one the disclosure's button is not shown and every control
 * is in the row (the same elements: styles.css switches the layout).
 */
import { type ReactNode, useEffect, useId, useRef, useState } from 'react';
import { visibleText } from '../dataset/visible-text.ts';
import type { DatasetInfo } from '../worker/dataset-protocol.ts';
import { formatCount, type TimeZoneMode } from './format.ts';
import { preloadViews } from './lazy-views.tsx';
import { UploadButton } from './load-controls.tsx';
import { ProfileControls } from './profile-controls.tsx';
import type { Profiles } from './use-profiles.ts';

export interface AppHeaderProps {
  info: DatasetInfo | null;
  /** A load is in progress: the downloads wait for its exact figures. */
  loading: boolean;
  /** The downloads follow the filters: their buttons say so. */
  filtered: boolean;
  onFiles(files: File[]): void;
  /** "Add files": appends to the loaded data. */
  onAddFiles(files: File[]): void;
  onSample(): void;
  onDownloadCsv(): void;
  onDownloadSummary(): void;
  onDownloadReport(): void;
  zone: TimeZoneMode;
  onZone(zone: TimeZoneMode): void;
  profiles: Profiles;
}

export function AppHeader(props: AppHeaderProps) {
  const { info, onFiles, onSample } = props;
  const [open, setOpen] = useState(false);
  const toggle = useRef<HTMLButtonElement>(null);
  const moreId = useId();
  const actions = useRef<HTMLDivElement>(null);
  // Escape within the header's actions closes the open disclosure and gives focus back to its button
  useEffect(() => {
    if (!open) return;
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || !actions.current?.contains(document.activeElement)) return;
      setOpen(false);
      toggle.current?.focus();
    };
    document.addEventListener('keydown', onKeyDown);
    return () => document.removeEventListener('keydown', onKeyDown);
  }, [open]);
  const sample = (
    <button type="button" className="button" onClick={onSample}>
      Try the sample
    </button>
  );
  return (
    <header className="app-header">
      <div className="brand">
        <h1>dmscope</h1>
        <span className="tagline">device-update results across your fleet</span>
      </div>
      {info !== null && (
        <p className="loaded-source">
          {info.report.files.map((f) => visibleText(f.name)).join(', ')} · {formatCount(info.rowCount)} events
        </p>
      )}
      <div className="header-actions" ref={actions}>
        <UploadButton onFiles={onFiles} onIntent={preloadViews} />
        {info === null && sample}
        <button
          ref={toggle}
          type="button"
          className="button header-more-toggle"
          aria-expanded={open}
          aria-controls={moreId}
          onClick={() => setOpen(!open)}
        >
          More actions <span aria-hidden="true">{open ? '▴' : '▾'}</span>
        </button>
        <div id={moreId} className={`header-more${open ? ' is-open' : ''}`}>
          <MoreActions {...props} sample={info === null ? null : sample} />
        </div>
      </div>
    </header>
  );
}

/** Everything but the primary actions: behind "More actions" on a narrow screen, in the row on a wide one. */
function MoreActions({
  info,
  loading,
  filtered,
  onAddFiles,
  onDownloadCsv,
  onDownloadSummary,
  onDownloadReport,
  zone,
  onZone,
  profiles,
  sample,
}: AppHeaderProps & { sample: ReactNode }) {
  const suffix = filtered ? ' (filtered)' : '';
  const wait = { disabled: loading, title: loading ? 'Available once the file is read' : undefined };
  return (
    <>
      {info !== null && <UploadButton onFiles={onAddFiles} label="Add files" primary={false} />}
      {sample}
      <ProfileControls profiles={profiles} />
      <label className="zone-switch">
        Times in{' '}
        <select value={zone} onChange={(e) => onZone(e.currentTarget.value === 'local' ? 'local' : 'utc')}>
          <option value="utc">UTC</option>
          <option value="local">your time zone</option>
        </select>
      </label>
      {info !== null && (
        <>
          <button type="button" className="button" onClick={onDownloadCsv} {...wait}>
            Download events CSV{suffix}
          </button>
          <button type="button" className="button" onClick={onDownloadSummary} {...wait}>
            Download summary JSON{suffix}
          </button>
          <button type="button" className="button" onClick={onDownloadReport} {...wait}>
            Download report (HTML){suffix}
          </button>
        </>
      )}
    </>
  );
}
