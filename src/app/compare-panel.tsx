/**
 * The Compare view: A against B within the view's rows — two values of a dimension, or two time windows —
 * per code, stage, cause and dimension value, rows by evidence (src/analysis/compare.ts).
 */
import { type FormEvent, useEffect, useId, useState } from 'react';
import { pText } from '../analysis/findings.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { Comparison, DatasetInfo, Split } from '../worker/dataset-protocol.ts';
import { errorMessage } from './error-message.ts';
import { formatCount, formatDimensionValue, formatPercent } from './format.ts';

/** The q-value at or below which a difference is shown as significant. */
const LEVEL = 0.05;

export function ComparePanel({
  info,
  timeRange,
  fetchComparison,
  fetchDimensionValues,
}: {
  info: DatasetInfo;
  timeRange: { from: number; to: number } | null;
  fetchComparison(split: Split): Promise<Comparison>;
  fetchDimensionValues(name: string): Promise<string[]>;
}) {
  const [by, setBy] = useState<'dimension' | 'time'>('dimension');
  const [result, setResult] = useState<{ comparison: Comparison } | { error: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const dimensionForm = useDimensionChoice(info, fetchDimensionValues);
  const timeForm = useWindows(timeRange);
  // a new filter (a new fetchComparison) makes an earlier answer stale
  // biome-ignore lint/correctness/useExhaustiveDependencies: the answer is dropped when the question changes
  useEffect(() => setResult(null), [fetchComparison]);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const split = by === 'dimension' ? dimensionForm.split() : timeForm.split();
    if (typeof split === 'string') {
      setResult({ error: split });
      return;
    }
    setBusy(true);
    fetchComparison(split)
      .then(
        (comparison) => setResult({ comparison }),
        (error: unknown) => setResult({ error: errorMessage(error) }),
      )
      .finally(() => setBusy(false));
  };

  return (
    <section aria-labelledby="compare-title" className="compare">
      <h2 id="compare-title">Compare A against B</h2>
      <form onSubmit={onSubmit} className="compare-form">
        <fieldset>
          <legend>Split the rows in view by</legend>
          <label>
            <input
              type="radio"
              name="compare-by"
              checked={by === 'dimension'}
              onChange={() => setBy('dimension')}
            />{' '}
            two values of a dimension
          </label>
          <label>
            <input
              type="radio"
              name="compare-by"
              checked={by === 'time'}
              disabled={!info.hasTime}
              onChange={() => setBy('time')}
            />{' '}
            two time windows{info.hasTime ? '' : ' (the data has no times)'}
          </label>
        </fieldset>
        {by === 'dimension' ? dimensionForm.fields : timeForm.fields}
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Comparing…' : 'Compare'}
        </button>
      </form>
      {result !== null && 'error' in result && <p role="alert">{result.error}</p>}
      {result !== null && 'comparison' in result && <ComparisonTable comparison={result.comparison} />}
    </section>
  );
}

/** The dimension and its two values, the values listed from the data. */
function useDimensionChoice(info: DatasetInfo, fetchDimensionValues: (name: string) => Promise<string[]>) {
  const id = useId();
  const [dimension, setDimension] = useState(info.dimensionNames[0] ?? '');
  const [values, setValues] = useState<string[]>([]);
  const [a, setA] = useState('');
  const [b, setB] = useState('');
  useEffect(() => {
    if (dimension === '') return;
    let current = true;
    fetchDimensionValues(dimension).then(
      (list) => {
        if (!current) return;
        setValues(list);
        setA(list[0] ?? '');
        setB(list[1] ?? list[0] ?? '');
      },
      () => setValues([]),
    );
    return () => {
      current = false;
    };
  }, [dimension, fetchDimensionValues]);
  const valueSelect = (label: string, value: string, set: (v: string) => void) => (
    <span className="compare-field">
      <label htmlFor={`${id}-${label}`}>{label}</label>
      <select id={`${id}-${label}`} value={value} onChange={(e) => set(e.target.value)}>
        {values.map((v) => (
          <option key={v} value={v}>
            {formatDimensionValue(v)}
          </option>
        ))}
      </select>
    </span>
  );
  return {
    fields: (
      <div className="compare-fields">
        <span className="compare-field">
          <label htmlFor={`${id}-dimension`}>Dimension</label>
          <select id={`${id}-dimension`} value={dimension} onChange={(e) => setDimension(e.target.value)}>
            {info.dimensionNames.map((n) => (
              <option key={n} value={n}>
                {visibleText(n)}
              </option>
            ))}
          </select>
        </span>
        {valueSelect('A', a, setA)}
        {valueSelect('B', b, setB)}
      </div>
    ),
    split: (): Split | string =>
      dimension === ''
        ? 'The data has no dimension to compare by.'
        : a === b
          ? 'Choose two different values.'
          : { by: 'dimension', dimension, a, b },
  };
}

/** Two windows, [from, to) each, as ISO 8601 text; by default the two halves of the data's time range. */
function useWindows(range: { from: number; to: number } | null) {
  const id = useId();
  const mid = range === null ? null : range.from + (range.to - range.from) / 2;
  const iso = (ms: number | null) => (ms === null ? '' : new Date(ms).toISOString());
  const [texts, setTexts] = useState(() => [
    iso(range?.from ?? null),
    iso(mid),
    iso(mid),
    iso(range === null ? null : range.to + 1),
  ]);
  const names = ['A from', 'A to', 'B from', 'B to'];
  return {
    fields: (
      <div className="compare-fields">
        {names.map((name, k) => (
          <span key={name} className="compare-field">
            <label htmlFor={`${id}-${k}`}>{name} (UTC)</label>
            <input
              id={`${id}-${k}`}
              type="text"
              value={texts[k]}
              onChange={(e) => setTexts((t) => t.map((x, j) => (j === k ? e.target.value : x)))}
            />
          </span>
        ))}
      </div>
    ),
    split: (): Split | string => {
      const [af, at, bf, bt] = texts.map((t) => Date.parse(t));
      if ([af, at, bf, bt].some((t) => t === undefined || Number.isNaN(t))) {
        return 'Each window needs two ISO 8601 times, like 2026-10-01T00:00Z.';
      }
      if (!((af as number) < (at as number)) || !((bf as number) < (bt as number))) {
        return 'Each window must end after it starts.';
      }
      return {
        by: 'time',
        a: { from: af as number, to: at as number },
        b: { from: bf as number, to: bt as number },
      };
    },
  };
}

function ComparisonTable({ comparison: c }: { comparison: Comparison }) {
  const significant = c.rows.filter((r) => r.q <= LEVEL).length;
  const rate = (x: { rate: number; low: number; high: number }) =>
    `${formatPercent(x.rate)} [${formatPercent(x.low)}–${formatPercent(x.high)}]`;
  const side = (name: string, s: Comparison['a']) =>
    `${name}: ${visibleText(s.label)} — ${formatCount(s.failures)} failures of ${formatCount(s.operations)} operations, ${rate(s.rate)}`;
  return (
    <div className="compare-result">
      <p>{side('A', c.a)}</p>
      <p>{side('B', c.b)}</p>
      <p role="status">
        {significant === 0
          ? `No difference is significant at q ≤ ${LEVEL}.`
          : `${significant} of the rows differ at q ≤ ${LEVEL} (marked ✱), strongest evidence first.`}
      </p>
      <table className="compare-table">
        <caption className="visually-hidden">Failure rates of A and B, strongest evidence first</caption>
        <thead>
          <tr>
            <th scope="col">What</th>
            <th scope="col">A (95% interval)</th>
            <th scope="col">B (95% interval)</th>
            <th scope="col">B − A</th>
            <th scope="col">Evidence</th>
          </tr>
        </thead>
        <tbody>
          {c.rows.map((r) => (
            <tr
              key={`${r.kind}|${r.dimension ?? ''}|${r.family ?? ''}|${r.key}`}
              className={r.q <= LEVEL ? 'significant' : undefined}
            >
              <th scope="row">
                {r.q <= LEVEL ? '✱ ' : ''}
                {r.kind === 'value'
                  ? `${visibleText(r.dimension ?? '')} = ${formatDimensionValue(r.key)}`
                  : `${r.kind} ${visibleText(r.key)}`}
              </th>
              <td className="num">{rate(r.a)}</td>
              <td className="num">{rate(r.b)}</td>
              <td className="num">
                {r.difference >= 0 ? '+' : '−'}
                {formatPercent(Math.abs(r.difference))}
              </td>
              <td>
                {pText(r.p)}, q = {r.q.toPrecision(2)}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
