/**
 * The order the worker answers a view's requests in. The page asks, for each view, its Summary's figures
 * first, then its dashboard, its analysis and its facet counts. Figures are answered at once; the others
 * wait a turn of the event loop first, so the figures of a newer view, asked while they waited or while the
 * one before them ran, are answered before them, and they are dropped (SUPERSEDED) when the page has asked
 * the figures of another view since they came: it shows that view now, and would drop their answer anyway.
 * A click that lands while the worker is busy with the view before waits for one answer, not for all of them.
 */
import type { ViewQuery } from './dataset-protocol.ts';
import { SUPERSEDED, WorkerError } from './rpc.ts';
import { viewKey } from './view-cache.ts';
import { nextTask } from './yielding-source.ts';

export interface ViewOrder {
  /** Notes a request as it comes; for figures, that the page now shows their view. Returns its turn. */
  arrived(figures: boolean, query: ViewQuery): number;
  /**
   * Waits a turn, then throws SUPERSEDED when figures of another view came after request `turn` (of
   * `query`); call again between the parts of a long answer.
   */
  stillWanted(turn: number, query: ViewQuery): Promise<void>;
}

export function viewOrder(yieldTurn: () => Promise<void> = nextTask): ViewOrder {
  let turns = 0;
  let shown: { turn: number; key: string } | null = null;
  return {
    arrived(figures, query) {
      const turn = ++turns;
      if (figures) shown = { turn, key: viewKey(query) };
      return turn;
    },
    async stillWanted(turn, query) {
      await yieldTurn();
      if (shown !== null && shown.turn > turn && shown.key !== viewKey(query))
        throw new WorkerError(SUPERSEDED, 'The page has asked for another view since.');
    },
  };
}
