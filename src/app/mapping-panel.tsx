import type { FormEvent } from 'react';
import { memo, useId, useState } from 'react';
import { CATALOGS } from '../catalog/catalog-registry.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { ColumnMapping, IngestReport, MappingOverride } from '../ingest/ingest.ts';
import { formatCount } from './format.ts';

/** The inferred column mapping, and a form to read the same files again with another one. Memoised: it
 * changes with each load, not with each filter. */
export const MappingPanel = memo(function MappingPanel({
  report,
  onApply,
}: {
  report: IngestReport;
  onApply(m: MappingOverride): void;
}) {
  const first = report.files[0];
  if (first === undefined) return null;
  const mapping = first.mapping;
  const headers = [...new Set(report.files.flatMap((f) => f.headers))];
  return (
    <details className="mapping panel">
      <summary>
        Column mapping: code <code>{mapping.code === null ? 'none' : visibleText(mapping.code)}</code>
        {mapping.status !== null && (
          <>
            , status <code>{visibleText(mapping.status)}</code>
          </>
        )}
        , time <code>{mapping.time === null ? 'none' : visibleText(mapping.time)}</code>, device{' '}
        <code>{mapping.device === null ? 'none' : visibleText(mapping.device)}</code>
        {mapping.count !== null && (
          <>
            , count <code>{visibleText(mapping.count)}</code>
          </>
        )}
        {mapping.deviceCount != null && (
          <>
            , distinct devices per row <code>{visibleText(mapping.deviceCount)}</code>
          </>
        )}
        , {mapping.dimensions.length} dimension{mapping.dimensions.length === 1 ? '' : 's'}
      </summary>
      <FileTable report={report} />
      {/* Remount the form when a new report arrives so it starts from what was inferred. */}
      <MappingForm
        key={JSON.stringify([mapping, first.catalog])}
        mapping={mapping}
        family={first.catalog.given ? first.catalog.id : DETECT}
        headers={headers}
        onApply={onApply}
      />
    </details>
  );
});

function FileTable({ report }: { report: IngestReport }) {
  return (
    <table className="file-table">
      <caption className="visually-hidden">Files read</caption>
      <thead>
        <tr>
          <th scope="col">File</th>
          <th scope="col">Format</th>
          <th scope="col">Rows read</th>
          <th scope="col">Rejected</th>
          <th scope="col">Other records</th>
          <th scope="col">Result family</th>
          <th scope="col">Ignored columns</th>
        </tr>
      </thead>
      <tbody>
        {report.files.map((f) => (
          <tr key={f.name}>
            <td>{visibleText(f.name)}</td>
            <td>{f.format}</td>
            <td className="num">{formatCount(f.rowsRead)}</td>
            <td className="num">{formatCount(f.rowsRejected)}</td>
            <td className="num">{formatCount(f.otherRecords)}</td>
            <td>
              {visibleText(f.catalog.title)} ({formatCount(f.catalog.recognised)} of{' '}
              {formatCount(f.catalog.total)} results recognised): {visibleText(f.catalog.reason)}
            </td>
            <td>{f.mapping.ignored.map((i) => `${visibleText(i.name)} (${i.reason})`).join('; ') || '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const NONE = '';
/** The family select's value for "detect per file". */
export const DETECT = '';

export function MappingForm({
  mapping,
  family: givenFamily,
  headers,
  onApply,
}: {
  mapping: ColumnMapping;
  /** The family the user chose for the current load, or DETECT. */
  family: string;
  headers: string[];
  onApply(m: MappingOverride): void;
}) {
  const id = useId();
  const [family, setFamily] = useState(givenFamily);
  const [code, setCode] = useState(mapping.code ?? NONE);
  const [status, setStatus] = useState(mapping.status ?? NONE);
  const [time, setTime] = useState(mapping.time ?? NONE);
  const [device, setDevice] = useState(mapping.device ?? NONE);
  const [count, setCount] = useState(mapping.count ?? NONE);
  const [dimensions, setDimensions] = useState<string[]>(mapping.dimensions);
  const roles = new Set([code, status, time, device, count]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onApply({
      code: code === NONE ? null : code,
      status: status === NONE ? null : status,
      time: time === NONE ? null : time,
      device: device === NONE ? null : device,
      count: count === NONE ? null : count,
      dimensions: dimensions.filter((d) => !roles.has(d)),
      ...(family === DETECT ? {} : { catalog: family }),
    });
  };
  const select = (label: string, value: string, set: (v: string) => void, optional: boolean) => (
    <div className="field">
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={value} onChange={(e) => set(e.currentTarget.value)}>
        {optional && <option value={NONE}>(none)</option>}
        {headers.map((h) => (
          <option key={h} value={h}>
            {visibleText(h)}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <form className="mapping-form" onSubmit={submit} aria-label="Column mapping">
      <div className="mapping-roles">
        <div className="field">
          <label htmlFor={`${id}-family`}>Result family</label>
          <select id={`${id}-family`} value={family} onChange={(e) => setFamily(e.currentTarget.value)}>
            <option value={DETECT}>Detect per file</option>
            {CATALOGS.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </div>
        {select('Result code column', code, setCode, true)}
        {select('Status word column', status, setStatus, true)}
        {select('Time column', time, setTime, true)}
        {select('Device column', device, setDevice, true)}
        {select('Count column', count, setCount, true)}
      </div>
      <fieldset>
        <legend>Dimensions (break-downs and filters)</legend>
        {headers
          .filter((h) => !roles.has(h))
          .map((h) => (
            <label key={h} className="check">
              <input
                type="checkbox"
                checked={dimensions.includes(h)}
                onChange={(e) => {
                  const on = e.currentTarget.checked;
                  setDimensions((d) => (on ? [...d, h] : d.filter((x) => x !== h)));
                }}
              />
              {visibleText(h)}
            </label>
          ))}
      </fieldset>
      <button type="submit" className="button">
        Re-read with this mapping
      </button>
    </form>
  );
}
