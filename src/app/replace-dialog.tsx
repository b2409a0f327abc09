/**
 * "Try the sample" while the user's own files are loaded: a modal dialog asks before the sample replaces
 * them (Replace / Cancel; Escape cancels). The browser's <dialog> keeps focus inside while it is open and
 * gives it back to the button that opened it when it closes.
 */
import { useEffect, useRef } from 'react';
import { visibleText } from '../dataset/visible-text.ts';

export function ReplaceDialog({
  files,
  onReplace,
  onClose,
}: {
  /** The names of the files loaded now. */
  files: readonly string[];
  onReplace(): void;
  /** The dialog closed, replaced or not: the page stops showing it. */
  onClose(): void;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const replacing = useRef(false);
  useEffect(() => {
    const element = dialog.current;
    if (element !== null && !element.open) element.showModal();
  }, []);
  const close = (replace: boolean) => {
    replacing.current = replace;
    dialog.current?.close();
  };
  const named =
    files.length === 1 ? `“${visibleText(files[0] ?? '')}”` : `the ${formatFiles(files.length)} you loaded`;
  return (
    <dialog
      ref={dialog}
      className="replace-dialog"
      aria-labelledby="replace-title"
      aria-describedby="replace-text"
      onClose={() => {
        onClose();
        if (replacing.current) onReplace();
      }}
    >
      <h2 id="replace-title">Replace the loaded data with the sample?</h2>
      <p id="replace-text">
        The sample fleet log takes the place of {named} in this page. Your files are not changed: load them
        again to see them.
      </p>
      <div className="dialog-actions">
        <button type="button" className="button" onClick={() => close(false)}>
          Cancel
        </button>
        <button type="button" className="button button-primary" onClick={() => close(true)}>
          Replace
        </button>
      </div>
    </dialog>
  );
}

function formatFiles(count: number): string {
  return `${count.toLocaleString('en-US')} files`;
}
