/** The worker's answer to one question, asked again whenever the question changes; older answers are dropped. */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from './error-message.ts';

export type Answer<T> =
  | {
      state: 'waiting';
      /**
       * The answer to the question before, for a panel to keep showing as updating until this one comes
       * (its height stays, so a filter step does not move the charts below it up and down); null when there
       * was none, it failed, or there was no question in between (new data).
       */
      previous: T | null;
    }
  | { state: 'done'; value: T }
  | { state: 'failed'; message: string };

/** The value a panel shows for an answer, and whether it is the previous question's, being updated. */
export function shownValue<T>(answer: Answer<T>): { value: T | null; updating: boolean } {
  if (answer.state === 'done') return { value: answer.value, updating: false };
  if (answer.state === 'waiting') return { value: answer.previous, updating: answer.previous !== null };
  return { value: null, updating: false };
}

export function useAnswer<T>(ask: (() => Promise<T>) | null): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ state: 'waiting', previous: null });
  const seq = useRef(0);
  useEffect(() => {
    const at = ++seq.current;
    setAnswer((before) => ({ state: 'waiting', previous: ask === null ? null : shownValue(before).value }));
    if (ask === null) return;
    ask().then(
      (value) => {
        if (at === seq.current) setAnswer({ state: 'done', value });
      },
      (e: unknown) => {
        if (at === seq.current) setAnswer({ state: 'failed', message: errorMessage(e) });
      },
    );
  }, [ask]);
  return answer;
}
