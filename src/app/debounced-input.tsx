import type { InputHTMLAttributes } from 'react';
import { useEffect, useRef, useState } from 'react';

/** A text input that reports its value after typing pauses, and follows outside changes when not focused. */
export function DebouncedInput({
  value,
  onCommit,
  delay = 300,
  ...props
}: { value: string; onCommit(value: string): void; delay?: number } & Omit<
  InputHTMLAttributes<HTMLInputElement>,
  'value' | 'onChange'
>) {
  const [text, setText] = useState(value);
  const focused = useRef(false);
  const commit = useRef(onCommit);
  commit.current = onCommit;

  useEffect(() => {
    if (!focused.current) setText(value);
  }, [value]);

  useEffect(() => {
    if (text === value) return;
    const timer = setTimeout(() => commit.current(text), delay);
    return () => clearTimeout(timer);
  }, [text, value, delay]);

  return (
    <input
      {...props}
      value={text}
      onChange={(e) => setText(e.currentTarget.value)}
      onFocus={() => {
        focused.current = true;
      }}
      onBlur={() => {
        focused.current = false;
        if (text !== value) commit.current(text);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter' && text !== value) commit.current(text);
      }}
    />
  );
}
