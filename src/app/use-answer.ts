/** The worker's answer to one question, asked again whenever the question changes; older answers are dropped. */
import { useEffect, useRef, useState } from 'react';
import { errorMessage } from './error-message.ts';

export type Answer<T> =
  | { state: 'waiting' }
  | { state: 'done'; value: T }
  | { state: 'failed'; message: string };

export function useAnswer<T>(ask: (() => Promise<T>) | null): Answer<T> {
  const [answer, setAnswer] = useState<Answer<T>>({ state: 'waiting' });
  const seq = useRef(0);
  useEffect(() => {
    const at = ++seq.current;
    setAnswer({ state: 'waiting' });
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
