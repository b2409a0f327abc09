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
}: {
  filter: Filter;
  search: string;
  onRemove(value: FilterValue): void;
  onClearSearch(): void;
  onClearAll(): void;
}) {
  const chips = filterChips(filter);
  const active = chips.length > 0 || search !== '';
  return (
    <section className="filter-bar" aria-label="Active filters">
      <span className="filter-bar-title">Filters</span>
      {!active && (
        <span className="muted">None — click a bar or segment in any chart to filter everything.</span>
      )}
      <ul className="chips">
        {chips.map((chip) => (
          <li key={chip.key} className="chip">
            <span>{chip.label}</span>
            <button
              type="button"
              className="chip-remove"
              aria-label={`Remove filter ${chip.label}`}
              onClick={() => onRemove(chip.value)}
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
              onClick={onClearSearch}
            >
              ×
            </button>
          </li>
        )}
      </ul>
      {active && (
        <button type="button" className="button button-small" onClick={onClearAll}>
          Clear all
        </button>
      )}
    </section>
  );
}
