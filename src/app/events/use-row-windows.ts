import { useCallback, useRef, useState } from 'react';
import type { EventView, RowsWindow } from '../../worker/dataset-protocol.ts';

export const BLOCK_ROWS = 200;
const MAX_BLOCKS = 40;

/**
 * The table's rows, fetched from the worker in blocks of the sorted selection as they scroll into view.
 * Changing `queryKey` (filter, search, sort, data) drops every block.
 */
export function useRowWindows(
  fetchBlock: (offset: number, limit: number) => Promise<RowsWindow>,
  queryKey: string,
): { row(index: number): EventView | undefined; request(first: number, last: number): void } {
  const blocks = useRef(new Map<number, EventView[]>());
  const inFlight = useRef(new Set<number>());
  const key = useRef(queryKey);
  const [, setVersion] = useState(0);

  if (key.current !== queryKey) {
    key.current = queryKey;
    blocks.current = new Map();
    inFlight.current = new Set();
  }

  const request = useCallback(
    (first: number, last: number) => {
      if (last < first) return;
      const requestKey = key.current;
      for (let b = Math.floor(first / BLOCK_ROWS); b <= Math.floor(last / BLOCK_ROWS); b++) {
        if (blocks.current.has(b) || inFlight.current.has(b)) continue;
        inFlight.current.add(b);
        fetchBlock(b * BLOCK_ROWS, BLOCK_ROWS).then(
          (window) => {
            if (key.current !== requestKey) return;
            inFlight.current.delete(b);
            const cache = blocks.current;
            cache.set(b, window.rows);
            // Keep memory flat while someone drags the scrollbar across a million rows.
            if (cache.size > MAX_BLOCKS) {
              const oldest = cache.keys().next().value;
              if (oldest !== undefined) cache.delete(oldest);
            }
            setVersion((v) => v + 1);
          },
          () => {
            if (key.current === requestKey) inFlight.current.delete(b);
          },
        );
      }
    },
    [fetchBlock],
  );

  const row = useCallback(
    (index: number) => blocks.current.get(Math.floor(index / BLOCK_ROWS))?.[index % BLOCK_ROWS],
    [],
  );
  return { row, request };
}
