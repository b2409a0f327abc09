/** The filter control in a column's header: text, codes, a choice of the field's values, or a dimension's. */
import { useState } from 'react';
import { DebouncedInput } from '../debounced-input.tsx';
import { formatDimensionValue } from '../format.ts';
import type { EventColumnMeta } from './event-columns.tsx';

export function ColumnFilterInput({
  title,
  meta,
  value,
  onChange,
  fetchDimensionValues,
}: {
  title: string;
  meta: EventColumnMeta | undefined;
  value: unknown;
  onChange(value: unknown): void;
  fetchDimensionValues(name: string): Promise<string[]>;
}) {
  const label = `Filter ${title}`;
  const filter = meta?.filter ?? { kind: 'none' };
  if (filter.kind === 'none') return <span className="th-filter-none" />;
  if (filter.kind === 'text' || filter.kind === 'codes') {
    return (
      <DebouncedInput
        className="th-filter"
        aria-label={label}
        placeholder={filter.kind === 'codes' ? 'e.g. 1404' : filter.placeholder}
        value={typeof value === 'string' ? value : ''}
        onCommit={(v) => onChange(v.trim() === '' ? undefined : v)}
      />
    );
  }
  if (filter.kind === 'choice') {
    return <ChoiceFilter label={label} options={filter.options} value={value} onChange={onChange} />;
  }
  return (
    <DimensionFilter
      label={label}
      name={filter.name}
      value={value}
      onChange={onChange}
      fetch={fetchDimensionValues}
    />
  );
}

// Option values carry a prefix so that a real value '' (empty dimension) differs from "All".
const ALL = '';
const MANY = '*';

function ChoiceFilter({
  label,
  options,
  value,
  onChange,
}: {
  label: string;
  options: { value: string; label: string }[];
  value: unknown;
  onChange(value: unknown): void;
}) {
  const values = Array.isArray(value) ? (value as string[]) : [];
  const current = values.length === 0 ? ALL : values.length === 1 ? `=${values[0] ?? ''}` : MANY;
  return (
    <select
      className="th-filter"
      aria-label={label}
      value={current}
      onChange={(e) => {
        const v = e.currentTarget.value;
        if (v !== MANY) onChange(v === ALL ? undefined : [v.slice(1)]);
      }}
    >
      <option value={ALL}>All</option>
      {values.length > 1 && <option value={MANY}>{values.length} selected</option>}
      {options.map((o) => (
        <option key={o.value} value={`=${o.value}`}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

function DimensionFilter({
  label,
  name,
  value,
  onChange,
  fetch,
}: {
  label: string;
  name: string;
  value: unknown;
  onChange(value: unknown): void;
  fetch(name: string): Promise<string[]>;
}) {
  const [options, setOptions] = useState<string[] | null>(null);
  const load = () => {
    if (options === null) fetch(name).then(setOptions, () => setOptions([]));
  };
  const values = Array.isArray(value) ? (value as string[]) : [];
  // Show the chosen values even before the list has arrived.
  const shown = [...new Set([...values, ...(options ?? [])])];
  return (
    <ChoiceFilterWithLoad
      label={label}
      options={shown.map((v) => ({ value: v, label: formatDimensionValue(v) }))}
      value={value}
      onChange={onChange}
      onOpen={load}
    />
  );
}

function ChoiceFilterWithLoad(props: {
  label: string;
  options: { value: string; label: string }[];
  value: unknown;
  onChange(value: unknown): void;
  onOpen(): void;
}) {
  return (
    <span onFocusCapture={props.onOpen} onPointerDownCapture={props.onOpen}>
      <ChoiceFilter
        label={props.label}
        options={props.options}
        value={props.value}
        onChange={props.onChange}
      />
    </span>
  );
}
