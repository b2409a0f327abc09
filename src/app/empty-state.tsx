import { ACCEPTED_EXTENSIONS } from './load-controls.tsx';

export function EmptyState({ dragging }: { dragging: boolean }) {
  return (
    <section className={`empty-state${dragging ? ' is-dragging' : ''}`} aria-labelledby="empty-title">
      <h2 id="empty-title">Drop device-update logs here to see what failed</h2>
      <p>
        Drag files anywhere onto this page, or use <strong>Upload logs</strong> above (several files merge
        into one dataset). Everything is read in this browser tab — nothing is uploaded.
      </p>
      <h3>Accepted files</h3>
      <ul className="accepted">
        <li>
          <strong>CSV</strong> with a header row, separated by comma, semicolon, tab or pipe.
        </li>
        <li>
          <strong>JSON</strong>: an array of objects, an object wrapping such an array (e.g.{' '}
          <code>{'{"events": [...]}'}</code>), or <strong>NDJSON</strong> (one object per line).
        </li>
        <li>
          <strong>SyncML</strong> (OMA-DM) message logs in XML, and <strong>Parquet</strong> exports.
        </li>
        <li>
          Any of these <strong>gzip</strong>-compressed, or several of them in a <strong>ZIP</strong> archive.
        </li>
        <li>
          One column must hold the result: a code (SCOMO <code>1402</code>, FUMO <code>402</code>, LwM2M
          Update Result, Azure Device Update <code>resultCode</code>) or a status word (hawkBit, Mender, AWS
          IoT Jobs, Azure Device Update). The family is detected per file and shown; time, device id, count
          and any other columns (model, firmware, region, server…) are recognised automatically, and you can
          change the mapping and the family afterwards.
        </li>
      </ul>
      <p className="hint">File types: {ACCEPTED_EXTENSIONS.split(',').join(' ')}</p>
      <p>
        No logs at hand? <strong>Try the sample</strong> (above) loads a small fleet log from this site.
      </p>
    </section>
  );
}
