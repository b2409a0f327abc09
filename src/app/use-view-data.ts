/** The worker's figures for the current view; an answer to an older view (or older data) is dropped. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { DashboardData, DatasetInfo, ViewFigures } from '../worker/dataset-protocol.ts';
import type { DatasetClient } from './dataset-client.ts';
import { errorMessage } from './error-message.ts';
import type { ViewState } from './view-state.ts';

const DEVICE_LIMIT = 15;

export interface ViewData {
  data: DashboardData | null;
  /**
   * The Summary's figures: the current view's as soon as the worker has them (it answers them before the
   * rest of the view's dashboard), else those of `data`; null while `data` is.
   */
  figures: ViewFigures | null;
  /** Asks the worker for the current view's figures again (a view's "Try again"). */
  refresh(): void;
  /** Forgets the figures and drops any answer still on its way (the data they describe is gone). */
  reset(): void;
}

export function useViewData(
  client: DatasetClient,
  info: DatasetInfo | null,
  view: ViewState,
  setError: (message: string) => void,
): ViewData {
  const [data, setData] = useState<DashboardData | null>(null);
  // the figures of a view whose dashboard has not come yet; null once it has
  const [early, setEarly] = useState<ViewFigures | null>(null);
  const querySeq = useRef(0);
  // whether figures of this data are on screen (see the effect)
  const shown = useRef(false);
  const [asked, setAsked] = useState(0);
  const refresh = useCallback(() => setAsked((n) => n + 1), []);
  const reset = useCallback(() => {
    querySeq.current++;
    shown.current = false;
    setData(null);
    setEarly(null);
  }, []);
  const { filter, search, dimension, verdict } = view;
  // biome-ignore lint/correctness/useExhaustiveDependencies: `asked` changes to ask again for the same view
  useEffect(() => {
    if (info === null) return;
    const seq = ++querySeq.current;
    let answered = false;
    // asked first, so answered first: the Summary of a filter step does not wait for its charts' figures.
    // Not for a load's first view: nothing is on screen to replace, and the figures' own scan would only
    // delay the Summary and charts that come together.
    if (shown.current)
      client.call('figures', { filter, search, verdict }).then(
        (figures) => {
          if (seq === querySeq.current && !answered) setEarly(figures);
        },
        () => undefined, // the dashboard's answer carries the same figures, and says what failed
      );
    client.call('dashboard', { filter, search, verdict, dimension, deviceLimit: DEVICE_LIMIT }).then(
      (result) => {
        answered = true;
        if (seq !== querySeq.current) return;
        shown.current = true;
        setData(result);
        setEarly(null);
      },
      (e: unknown) => {
        if (seq === querySeq.current) setError(errorMessage(e));
      },
    );
  }, [client, info, filter, search, verdict, dimension, asked, setError]);
  return { data, figures: early ?? data, refresh, reset };
}
