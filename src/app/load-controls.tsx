import type { ChangeEvent } from 'react';
import { useEffect, useState } from 'react';

export const ACCEPTED_EXTENSIONS = '.csv,.tsv,.txt,.psv,.json,.ndjson,.jsonl,.xml,.parquet,.gz,.zip';

/**
 * A button that opens the file dialog: "Upload logs" (the primary action), or "Add files". `onIntent` fires
 * when the pointer or focus reaches the button: the file dialog then stays open for seconds, time enough to
 * fetch the views' code before the file arrives.
 */
export function UploadButton({
  onFiles,
  onIntent,
  disabled,
  label = 'Upload logs',
  primary = true,
}: {
  onFiles(files: File[]): void;
  onIntent?(): void;
  disabled?: boolean;
  label?: string;
  primary?: boolean;
}) {
  const onChange = (event: ChangeEvent<HTMLInputElement>) => {
    const files = [...(event.currentTarget.files ?? [])];
    // Clear the input so choosing the same file again (after a reload) loads it again.
    event.currentTarget.value = '';
    onFiles(files);
  };
  return (
    <label
      className={`button${primary ? ' button-primary' : ''} file-button`}
      onPointerEnter={onIntent}
      onFocus={onIntent}
    >
      <input
        className="visually-hidden"
        type="file"
        multiple
        accept={ACCEPTED_EXTENSIONS}
        aria-label={label}
        onChange={onChange}
        disabled={disabled}
      />
      <span aria-hidden="true">{label}</span>
    </label>
  );
}

/** Files dropped anywhere on the page load; returns whether something is being dragged over it. */
export function usePageDrop(onFiles: (files: File[]) => void, onIntent?: () => void): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent) => e.dataTransfer?.types.includes('Files') ?? false;
    const onEnter = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth++;
      setDragging(true);
      onIntent?.();
    };
    const onLeave = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const onOver = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    };
    const onDrop = (e: DragEvent) => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      onFiles([...(e.dataTransfer?.files ?? [])]);
    };
    window.addEventListener('dragenter', onEnter);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('dragover', onOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragenter', onEnter);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [onFiles, onIntent]);
  return dragging;
}
