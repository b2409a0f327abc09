/**
 * The editor a chip opens: include or exclude (NOT) the field's values, and which values. It edits the
 * side of the field the chip is on; Apply sets it (one history entry), Escape or Cancel leaves it.
 */
import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';
import type { FacetEntry, FacetList, FilterChip, FilterValue } from './filter-field-kinds.ts';
import { formatCount } from './format.ts';

/** The options an editor lists at most besides the field's current values. */
const MAX_OPTIONS = 30;

export interface ChipEdit {
  /** Whether the edited values are excluded (NOT). */
  negated: boolean;
  values: FilterValue[];
}

/** A value's identity whatever side it is on. */
export function valueKey(v: FilterValue): string {
  switch (v.field) {
    case 'dimension':
      return JSON.stringify([v.field, v.name, v.value]);
    case 'time':
      return JSON.stringify([v.field, v.from, v.to]);
    default:
      return JSON.stringify([v.field, v.value]);
  }
}

interface Option {
  key: string;
  value: FilterValue;
  label: string;
  entry: FacetEntry | null;
}

/** The field's chips on the edited side first, then the facet's values not among them. */
function editorOptions(chips: readonly FilterChip[], facet: FacetList | null): Option[] {
  const byKey = new Map(facet?.entries.map((e) => [valueKey(e.value), e]));
  const options: Option[] = chips.map((c) => {
    const key = valueKey(c.value);
    const entry = byKey.get(key) ?? null;
    return { key, value: c.value, label: entry?.label ?? c.label.replace(/^NOT /, ''), entry };
  });
  const listed = new Set(options.map((o) => o.key));
  for (const entry of facet?.entries ?? []) {
    if (options.length >= chips.length + MAX_OPTIONS) break;
    const key = valueKey(entry.value);
    if (!listed.has(key)) options.push({ key, value: entry.value, label: entry.label, entry });
  }
  return options;
}

export function ChipEditor({
  chip,
  fieldChips,
  facet,
  title,
  onApply,
  onClose,
}: {
  chip: FilterChip;
  /** The chips of the chip's field on the chip's side (the values being edited). */
  fieldChips: readonly FilterChip[];
  facet: FacetList | null;
  /** The field's name ("Code", "model"). */
  title: string;
  onApply(edit: ChipEdit): void;
  onClose(): void;
}) {
  const id = useId();
  const [negated, setNegated] = useState(chip.negated);
  const [options] = useState(() => editorOptions(fieldChips, facet));
  const [chosen, setChosen] = useState(() => new Set(fieldChips.map((c) => valueKey(c.value))));
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key !== 'Escape') return;
    e.stopPropagation();
    onClose();
  };
  const toggle = (key: string, on: boolean) =>
    setChosen((set) => {
      const next = new Set(set);
      if (on) next.add(key);
      else next.delete(key);
      return next;
    });
  return (
    <div className="chip-editor" role="dialog" aria-labelledby={`${id}-title`} onKeyDown={onKeyDown}>
      <h3 id={`${id}-title`}>Edit filter: {title}</h3>
      <fieldset className="chip-editor-mode">
        <legend>Rows that</legend>
        <label>
          <input
            ref={first}
            type="radio"
            name={`${id}-mode`}
            checked={!negated}
            onChange={() => setNegated(false)}
          />
          have one of these values (include)
        </label>
        <label>
          <input type="radio" name={`${id}-mode`} checked={negated} onChange={() => setNegated(true)} />
          have <strong>NOT</strong> any of these values (exclude)
        </label>
      </fieldset>
      <fieldset className="chip-editor-values">
        <legend>Values</legend>
        <ul>
          {options.map((o) => (
            <li key={o.key}>
              <label>
                <input
                  type="checkbox"
                  checked={chosen.has(o.key)}
                  onChange={(e) => toggle(o.key, e.currentTarget.checked)}
                />
                <span>{o.label}</span>
                {o.entry !== null && (
                  <span className="muted facet-counts">
                    {formatCount(o.entry.operations)} ops, {formatCount(o.entry.failures)} failed
                  </span>
                )}
              </label>
            </li>
          ))}
        </ul>
        {facet === null && <p className="muted">Open “Fields” to list more values with their counts.</p>}
      </fieldset>
      <div className="chip-editor-actions">
        <button
          type="button"
          className="button button-small button-primary"
          onClick={() =>
            onApply({ negated, values: options.filter((o) => chosen.has(o.key)).map((o) => o.value) })
          }
        >
          Apply
        </button>
        <button type="button" className="button button-small" onClick={onClose}>
          Cancel
        </button>
      </div>
    </div>
  );
}
