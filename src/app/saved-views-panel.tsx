/**
 * "Saved views": the current view saved under a name, and the saved ones listed to apply, rename or delete.
 * A view that uses fields the loaded data does not have is not applied: the page says which, rather than
 * show the figures of nothing.
 */
import { type FormEvent, type KeyboardEvent, useRef, useState } from 'react';
import { visibleText } from '../dataset/visible-text.ts';
import type { SavedView } from './saved-views.ts';
import type { SavedViews } from './use-saved-views.ts';
import { type DataFields, hashToView, missingFields, type ViewState, viewToHash } from './view-state.ts';

interface Message {
  text: string;
  /** An alert: what the user asked for did not happen. */
  refused: boolean;
}

export function SavedViewsPanel({
  saved,
  view,
  fields,
  onApply,
}: {
  saved: SavedViews;
  view: ViewState;
  fields: DataFields;
  /** Shows a saved view (a history entry of its own). */
  onApply(view: ViewState): void;
}) {
  const [open, setOpen] = useState(saved.problem !== null);
  const [name, setName] = useState('');
  const [message, setMessage] = useState<Message | null>(null);
  const nameInput = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  /** A renamed view's item is made anew (its key is its name): its Rename button gets focus back. */
  const rename = (entry: SavedView, to: string) => {
    const why = saved.rename(entry.name, to);
    if (why === null) {
      const label = `Rename view ${visibleText(to.trim())}`;
      requestAnimationFrame(() => {
        for (const button of list.current?.querySelectorAll('button') ?? [])
          if (button.getAttribute('aria-label') === label) button.focus();
      });
    }
    return why;
  };

  const onSave = (event: FormEvent) => {
    event.preventDefault();
    const done = saved.save(name, viewToHash(view));
    if (typeof done === 'string') setMessage({ text: done, refused: true });
    else {
      setMessage({
        text: `${done.replaced ? 'Replaced' : 'Saved'} the view “${name.trim()}”.`,
        refused: false,
      });
      setName('');
    }
  };
  const apply = (entry: SavedView) => {
    const next = hashToView(entry.hash);
    const missing = missingFields(next, fields);
    if (missing.length > 0) {
      setMessage({
        text: `The view “${entry.name}” was not applied: it uses ${missing.join(', ')}, which the loaded data does not have.`,
        refused: true,
      });
      return;
    }
    setMessage({ text: `Applied the view “${entry.name}”.`, refused: false });
    onApply(next);
  };
  const remove = (entry: SavedView) => {
    saved.remove(entry.name);
    setMessage({ text: `Deleted the view “${entry.name}”.`, refused: false });
    nameInput.current?.focus();
  };

  return (
    <details className="saved-views panel" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        <strong>Saved views</strong> <span className="muted">({saved.views.length})</span>
      </summary>
      {saved.problem !== null && (
        <p className="notice" role="status">
          {saved.problem}
        </p>
      )}
      <form className="saved-views-form" onSubmit={onSave}>
        <label className="field">
          Name of this view
          <input
            ref={nameInput}
            value={name}
            maxLength={120}
            onChange={(e) => setName(e.currentTarget.value)}
          />
        </label>
        <button type="submit" className="button">
          Save this view
        </button>
      </form>
      {message !== null && (
        <p className={message.refused ? 'inline-error' : 'muted'} role={message.refused ? 'alert' : 'status'}>
          {visibleText(message.text)}
        </p>
      )}
      {saved.views.length === 0 ? (
        <p className="muted">No saved views yet: the filters, tab and breakdown are saved with a name.</p>
      ) : (
        <ul className="saved-views-list" aria-label="Saved views" ref={list}>
          {saved.views.map((entry) => (
            <SavedViewItem
              key={entry.name}
              entry={entry}
              missing={missingFields(hashToView(entry.hash), fields)}
              onApply={() => apply(entry)}
              onDelete={() => remove(entry)}
              onRename={(to) => rename(entry, to)}
            />
          ))}
        </ul>
      )}
    </details>
  );
}

function SavedViewItem({
  entry,
  missing,
  onApply,
  onDelete,
  onRename,
}: {
  entry: SavedView;
  missing: readonly string[];
  onApply(): void;
  onDelete(): void;
  /** Returns why the name was refused, or null. */
  onRename(to: string): string | null;
}) {
  const [editing, setEditing] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<string | null>(null);
  const renameButton = useRef<HTMLButtonElement>(null);
  const name = visibleText(entry.name);
  const stop = () => {
    setEditing(null);
    setRefusal(null);
    requestAnimationFrame(() => renameButton.current?.focus());
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const why = onRename(editing ?? '');
    if (why === null) {
      setEditing(null);
      setRefusal(null);
    } else setRefusal(why);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      stop();
    }
  };
  if (editing !== null) {
    return (
      <li className="saved-view">
        <form className="saved-view-rename" onSubmit={onSubmit} onKeyDown={onKeyDown}>
          <input
            aria-label={`New name for ${name}`}
            value={editing}
            maxLength={120}
            // biome-ignore lint/a11y/noAutofocus: the field the user just asked for
            autoFocus
            onChange={(e) => setEditing(e.currentTarget.value)}
          />
          <button type="submit" className="button button-small">
            Rename
          </button>
          <button type="button" className="button button-small" onClick={stop}>
            Cancel
          </button>
          {refusal !== null && (
            <span role="alert" className="inline-error">
              {visibleText(refusal)}
            </span>
          )}
        </form>
      </li>
    );
  }
  return (
    <li className="saved-view">
      <span className="saved-view-name">{name}</span>
      {missing.length > 0 && <span className="muted">needs {missing.join(', ')}</span>}
      <button
        type="button"
        className="button button-small"
        aria-label={`Apply view ${name}`}
        onClick={onApply}
      >
        Apply
      </button>
      <button
        ref={renameButton}
        type="button"
        className="button button-small"
        aria-label={`Rename view ${name}`}
        onClick={() => setEditing(entry.name)}
      >
        Rename
      </button>
      <button
        type="button"
        className="button button-small"
        aria-label={`Delete view ${name}`}
        onClick={onDelete}
      >
        Delete
      </button>
    </li>
  );
}
