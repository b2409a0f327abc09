import { useLayoutEffect, useRef } from 'react';
import type { Filter } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import type { FilterValue } from './filter-field-kinds.ts';
import { filterChips } from './filter-fields.ts';

export function FilterBar({
  filter,
  search,
  onRemove,
  onClearSearch,
  onClearAll,
  onFailuresOnly,
  announcement,
}: {
  filter: Filter;
  search: string;
  /** Keeps only failed operations (the outcome filter "Failure") or lets every outcome back in. */
  onFailuresOnly(on: boolean): void;
  /** What the filters leave, read to screen readers on each change ("3 of 18 events"). */
  announcement: string;
  onRemove(value: FilterValue): void;
  onClearSearch(): void;
  onClearAll(): void;
}) {
  const chips = filterChips(filter);
  const active = chips.length > 0 || search !== '';
  const focus = useFocusAfterRemoval(chips.length + (search === '' ? 0 : 1));
  return (
    <section className="filter-bar" aria-label="Active filters" ref={focus.barRef}>
      <span className="filter-bar-title" tabIndex={-1} ref={focus.titleRef}>
        Filters
      </span>
      {!active && (
        <span className="muted">None — click a bar or segment in any chart to filter everything.</span>
      )}
      <ul className="chips">
        {chips.map((chip, index) => (
          <li key={chip.key} className="chip">
            <span>{chip.label}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove filter ${chip.label}`}
              onClick={() => {
                focus.removing(index);
                onRemove(chip.value);
              }}
            >
              ×
            </button>
          </li>
        ))}
        {search !== '' && (
          <li className="chip">
            <span>Search: “{visibleText(search)}”</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove search ${visibleText(search)}`}
              onClick={() => {
                focus.removing(chips.length);
                onClearSearch();
              }}
            >
              ×
            </button>
          </li>
        )}
      </ul>
      <label className="check failures-only">
        <input
          type="checkbox"
          checked={isFailuresOnly(filter)}
          onChange={(e) => onFailuresOnly(e.currentTarget.checked)}
        />
        Failures only
      </label>
      {active && (
        <button type="button" className="button button-small" onClick={onClearAll}>
          Clear all
        </button>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/**
 * Where focus goes once a chip is removed (its button is gone with it): the chip that took its place, else
 * the one before, else the bar's title — never the page's body.
 */
function useFocusAfterRemoval(chipCount: number) {
  const barRef = useRef<HTMLElement>(null);
  const titleRef = useRef<HTMLSpanElement>(null);
  const removed = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the chips change, after a removal
  useLayoutEffect(() => {
    const index = removed.current;
    if (index === null) return;
    removed.current = null;
    const buttons = barRef.current?.querySelectorAll<HTMLButtonElement>('.chip-remove') ?? [];
    const next = buttons[Math.min(index, buttons.length - 1)] ?? titleRef.current;
    next?.focus();
  }, [chipCount]);
  return {
    barRef,
    titleRef,
    removing: (index: number) => {
      removed.current = index;
    },
  };
}

/** The "failures only" switch is the outcome filter holding just "failure": one filter vocabulary. */
export function isFailuresOnly(filter: Filter): boolean {
  return filter.outcomes?.length === 1 && filter.outcomes[0] === 'failure';
}
