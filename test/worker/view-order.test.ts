import { describe, expect, it } from 'vitest';
import { SUPERSEDED } from '../../src/worker/rpc.ts';
import { viewOrder } from '../../src/worker/view-order.ts';

const view = (model: string | null, search = '') => ({
  filter: model === null ? {} : { dimensions: [{ name: 'model', values: [model] }] },
  search,
});

describe('the order of view answers', () => {
  it('drops a request when figures of another view came after it, and only then', async () => {
    const order = viewOrder(() => Promise.resolve());
    const kestrel = view('Kestrel');
    order.arrived(true, kestrel);
    const dashboard = order.arrived(false, kestrel);
    // the same view asked again (a dimension change, a retry): still wanted
    order.arrived(true, view('Kestrel'));
    await expect(order.stillWanted(dashboard, kestrel)).resolves.toBeUndefined();
    // another view's figures: the page shows that view now
    order.arrived(true, view('Orca'));
    await expect(order.stillWanted(dashboard, kestrel)).rejects.toMatchObject({ name: SUPERSEDED });
    // a request that came after those figures is wanted, whatever its view
    const later = order.arrived(false, view(null, 'dl1'));
    await expect(order.stillWanted(later, view(null, 'dl1'))).resolves.toBeUndefined();
  });

  it('without figures asked (a caller that never asks them) nothing is dropped', async () => {
    const order = viewOrder(() => Promise.resolve());
    const first = order.arrived(false, view('Kestrel'));
    order.arrived(false, view('Orca'));
    await expect(order.stillWanted(first, view('Kestrel'))).resolves.toBeUndefined();
  });

  it('waits a turn before answering, so that messages already queued are seen first', async () => {
    const turns: (() => void)[] = [];
    const order = viewOrder(() => new Promise<void>((resolve) => turns.push(resolve)));
    const kestrel = view('Kestrel');
    const turn = order.arrived(false, kestrel);
    let settled = false;
    const waiting = order.stillWanted(turn, kestrel).then(
      () => 'answered',
      () => 'dropped',
    );
    void waiting.then(() => {
      settled = true;
    });
    // the figures of another view arrive during the turn
    order.arrived(true, view('Orca'));
    await Promise.resolve();
    expect(settled).toBe(false);
    turns.shift()?.();
    expect(await waiting).toBe('dropped');
  });
});
