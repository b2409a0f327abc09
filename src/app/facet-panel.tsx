/**
 * The facet list: each filterable field (the result fields and every dimension) with its top values and
 * their counts under the rest of the filter, and a way to include (+) or exclude (−) each value. The
 * worker counts (Dataset.facets); the vocabulary (FILTER_FIELDS) names and labels.
 */
import { useState } from 'react';
import type { Filter } from '../dataset/query-types.ts';
import { valueKey } from './chip-editor.tsx';
import type { FacetEntry, FacetList, FilterValue } from './filter-field-kinds.ts';
import { filterChips } from './filter-fields.ts';
import { formatCount } from './format.ts';

/** Values a field shows before "Show more". */
export const FACET_TOP = 10;

export function FacetPanel({
  lists,
  waiting,
  failed,
  filter,
  expanded,
  onExpanded,
  onAdd,
  onRemove,
}: {
  lists: readonly FacetList[] | null;
  /** The counts shown are of an earlier filter while the worker counts the current one. */
  waiting: boolean;
  failed: string | null;
  filter: Filter;
  expanded: boolean;
  onExpanded(open: boolean): void;
  onAdd(value: FilterValue): void;
  onRemove(value: FilterValue): void;
}) {
  // each value's side in the filter now: included (false) or excluded (true)
  const sides = new Map(filterChips(filter).map((c) => [valueKey(c.value), c.negated]));
  return (
    <section className="facets" aria-label="Fields">
      <h2 className="facets-heading">
        <button
          type="button"
          className="facets-toggle"
          aria-expanded={expanded}
          aria-controls="facet-lists"
          onClick={() => onExpanded(!expanded)}
        >
          Fields: values and counts
        </button>
      </h2>
      {expanded && (
        <div id="facet-lists" className="facet-lists" aria-busy={waiting}>
          <p className="muted facet-note">
            Each field counts operations and failures under the other filters, not its own, so you see the
            alternatives. + keeps only a value (OR within a field); − leaves it out (NOT).
          </p>
          {failed !== null && <p role="alert">The counts could not be made: {failed}</p>}
          {lists === null && failed === null && <p className="muted">Counting…</p>}
          {lists !== null && waiting && (
            <p className="muted facet-note">Counting again for the new filter…</p>
          )}
          {lists
            ?.filter((list) => list.distinct > 0 || [...sides.keys()].some((k) => keyOfField(k) === list.key))
            .map((list) => (
              <FacetBlock key={list.key} list={list} sides={sides} onAdd={onAdd} onRemove={onRemove} />
            ))}
        </div>
      )}
    </section>
  );
}

/** The facet key (FacetList.key) of a value's key (see valueKey): `codes`, or `dim:<name>`. */
function keyOfField(valueKey: string): string {
  const [field, name] = JSON.parse(valueKey) as [string, unknown];
  return field === 'dimension' ? `dim:${String(name)}` : field;
}

function FacetBlock({
  list,
  sides,
  onAdd,
  onRemove,
}: {
  list: FacetList;
  sides: ReadonlyMap<string, boolean>;
  onAdd(value: FilterValue): void;
  onRemove(value: FilterValue): void;
}) {
  const [all, setAll] = useState(false);
  const shown = all ? list.entries : list.entries.slice(0, FACET_TOP);
  const hidden = list.entries.length - shown.length;
  return (
    <div className="facet">
      <h3>{list.title}</h3>
      {list.entries.length === 0 ? (
        <p className="muted">No values under the other filters.</p>
      ) : (
        <ul>
          {shown.map((entry) => (
            <FacetRow
              key={valueKey(entry.value)}
              entry={entry}
              side={sides.get(valueKey(entry.value)) ?? null}
              onAdd={onAdd}
              onRemove={onRemove}
            />
          ))}
        </ul>
      )}
      {hidden > 0 && (
        <button type="button" className="link-button" onClick={() => setAll(true)}>
          Show {formatCount(hidden)} more {list.title} values
        </button>
      )}
      {all && list.entries.length > FACET_TOP && (
        <button type="button" className="link-button" onClick={() => setAll(false)}>
          Show the top {FACET_TOP} only
        </button>
      )}
      {list.distinct > list.entries.length && (
        <p className="muted">
          The {formatCount(list.entries.length)} values with the most operations of{' '}
          {formatCount(list.distinct)}.
        </p>
      )}
    </div>
  );
}

function FacetRow({
  entry,
  side,
  onAdd,
  onRemove,
}: {
  entry: FacetEntry;
  /** false: the filter includes the value; true: it excludes it; null: neither. */
  side: boolean | null;
  onAdd(value: FilterValue): void;
  onRemove(value: FilterValue): void;
}) {
  const toggle = (negated: boolean) => {
    const value = { ...entry.value, not: negated } as FilterValue;
    if (side === negated) onRemove(value);
    else onAdd(value);
  };
  const counts =
    entry.operations === 0 && entry.inProgress > 0
      ? `${formatCount(entry.inProgress)} in progress`
      : `${formatCount(entry.operations)} ops · ${formatCount(entry.failures)} failed`;
  return (
    <li className={`facet-row${side === true ? ' is-excluded' : side === false ? ' is-included' : ''}`}>
      <span className="facet-value" title={entry.label}>
        {side === true && <span className="chip-not-tag">NOT</span>} {entry.label}
      </span>
      <span className="facet-counts muted">{counts}</span>
      <button
        type="button"
        className="facet-action"
        aria-pressed={side === false}
        aria-label={`Filter for ${entry.chip}`}
        title={`Only ${entry.chip}`}
        onClick={() => toggle(false)}
      >
        +
      </button>
      <button
        type="button"
        className="facet-action"
        aria-pressed={side === true}
        aria-label={`Filter out ${entry.chip}`}
        title={`NOT ${entry.chip}`}
        onClick={() => toggle(true)}
      >
        −
      </button>
    </li>
  );
}
