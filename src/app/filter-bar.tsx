import { type RefObject, useLayoutEffect, useRef, useState } from 'react';
import type { Filter } from '../dataset/query-types.ts';
import { visibleText } from '../dataset/visible-text.ts';
import { type ChipEdit, ChipEditor } from './chip-editor.tsx';
import type { FacetList, FilterChip, FilterValue } from './filter-field-kinds.ts';
import { NOT_LABEL } from './filter-field-kinds.ts';
import { filterChips } from './filter-fields.ts';
import { type FieldRef, facetKey, fieldOf, isOfField } from './filter-model.ts';

export function FilterBar({
  filter,
  search,
  onRemove,
  onClearSearch,
  onClearAll,
  onFailuresOnly,
  announcement,
  facets = null,
  onEdit,
  onEditing,
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
  /** The facet lists, for the chip editor's values and counts; null while not asked for. */
  facets?: readonly FacetList[] | null;
  /** A chip editor's change: the edited side of the chip's field set anew. */
  onEdit?(field: FieldRef, edit: { from: boolean } & ChipEdit): void;
  /** Told when a chip editor opens and closes (the facets are asked for while one is open). */
  onEditing?(open: boolean): void;
}) {
  const chips = filterChips(filter);
  const active = chips.length > 0 || search !== '';
  const focus = useFocusAfterRemoval(chips.length + (search === '' ? 0 : 1));
  const editing = useChipEditing(focus.barRef, focus.titleRef, onEditing);
  const edited = chips.find((c) => c.key === editing.key) ?? null;
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
          <li
            key={chip.key}
            className={`chip${chip.negated ? ' chip-not' : ''}`}
            data-chip-key={chip.key}
            data-chip-field={isEditable(chip.value) ? facetKey(fieldOf(chip.value)) : undefined}
          >
            <ChipText
              chip={chip}
              editable={onEdit !== undefined}
              open={editing.key === chip.key}
              onOpen={editing.open}
            />
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
      {edited !== null && onEdit !== undefined && isEditable(edited.value) && (
        <div className="chip-editor-row">
          <EditorFor
            chip={edited}
            chips={chips}
            facets={facets}
            onApply={(edit) => {
              const field = fieldOf(edited.value as Extract<FilterValue, { not?: boolean }>);
              onEdit(field, { from: edited.negated, ...edit });
              editing.close(edited, field);
            }}
            onClose={() => editing.close(edited, null)}
          />
        </div>
      )}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </section>
  );
}

/** A chip's words; with an editor, a button that opens it. An excluded value says NOT in a tag of its own. */
function ChipText({
  chip,
  editable,
  open,
  onOpen,
}: {
  chip: FilterChip;
  editable: boolean;
  open: boolean;
  onOpen(key: string): void;
}) {
  const words = chip.negated ? chip.label.slice(NOT_LABEL.length + 1) : chip.label;
  const text = chip.negated ? (
    <>
      <span className="chip-not-tag">{NOT_LABEL}</span> {words}
    </>
  ) : (
    words
  );
  if (!editable || !isEditable(chip.value)) return <span>{text}</span>;
  return (
    <button
      type="button"
      className="chip-edit"
      aria-label={`Edit filter ${chip.label}`}
      aria-haspopup="dialog"
      aria-expanded={open}
      onClick={() => onOpen(chip.key)}
    >
      {text}
    </button>
  );
}

function isEditable(v: FilterValue): v is Extract<FilterValue, { not?: boolean }> {
  return v.field !== 'device' && v.field !== 'time';
}

function EditorFor({
  chip,
  chips,
  facets,
  onApply,
  onClose,
}: {
  chip: FilterChip;
  chips: readonly FilterChip[];
  facets: readonly FacetList[] | null;
  onApply(edit: ChipEdit): void;
  onClose(): void;
}) {
  const field = fieldOf(chip.value as Extract<FilterValue, { not?: boolean }>);
  const fieldChips = chips.filter((c) => c.negated === chip.negated && isOfField(c.value, field));
  const facet = facets?.find((f) => f.key === facetKey(field)) ?? null;
  const words = chip.negated ? chip.label.slice(NOT_LABEL.length + 1) : chip.label;
  const title =
    facet?.title ?? (field.field === 'dimension' ? visibleText(field.name) : words.replace(/[: ].*$/, ''));
  return (
    <ChipEditor
      key={chip.key}
      chip={chip}
      fieldChips={fieldChips}
      facet={facet}
      title={title}
      onApply={onApply}
      onClose={onClose}
    />
  );
}

/**
 * Which chip's editor is open, and where focus goes when it closes: back to that chip, or (when Apply
 * changed it) to a chip of the same field, else to the bar's title.
 */
function useChipEditing(
  barRef: RefObject<HTMLElement | null>,
  titleRef: RefObject<HTMLSpanElement | null>,
  onEditing: ((open: boolean) => void) | undefined,
) {
  const [key, setKey] = useState<string | null>(null);
  const returnTo = useRef<{ key: string; field: FieldRef | null } | null>(null);
  useLayoutEffect(() => {
    const target = returnTo.current;
    if (key !== null || target === null) return;
    returnTo.current = null;
    const bar = barRef.current;
    const chips = [...(bar?.querySelectorAll<HTMLLIElement>('li[data-chip-key]') ?? [])];
    const same = chips.find((li) => li.dataset.chipKey === target.key);
    const button = (li: HTMLLIElement | undefined) => li?.querySelector<HTMLButtonElement>('.chip-edit');
    const next = button(same) ?? (target.field === null ? undefined : sameField(chips, target.field));
    (next ?? titleRef.current)?.focus();
  });
  return {
    key,
    open: (chipKey: string) => {
      setKey((k) => (k === chipKey ? null : chipKey));
      onEditing?.(true);
    },
    close: (chip: FilterChip, field: FieldRef | null) => {
      returnTo.current = { key: chip.key, field };
      setKey(null);
      onEditing?.(false);
    },
  };
}

/** The edit button of the first chip of a field. */
function sameField(chips: HTMLLIElement[], field: FieldRef): HTMLButtonElement | undefined {
  const li = chips.find((c) => c.dataset.chipField === facetKey(field));
  return li?.querySelector<HTMLButtonElement>('.chip-edit') ?? undefined;
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
