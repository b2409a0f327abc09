// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DatasetClient } from '../../src/app/dataset-client.ts';
import { inProcessClient, installResizeObserver } from './dashboard-fixture.ts';

// The module keeps whether a warm-up has begun: each test takes a fresh copy.
async function freshModule() {
  vi.resetModules();
  return import('../../src/app/view-warm-up.tsx');
}

/** Every warm-up host the page was given, with the chart titles it held while attached. */
function watchHosts() {
  const seen: { hidden: string | null; inert: boolean; titles: string[] }[] = [];
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      for (const node of record.addedNodes) {
        if (node instanceof HTMLElement && node.classList.contains('warm-up-host')) {
          seen.push({ hidden: node.getAttribute('aria-hidden'), inert: node.inert, titles: [] });
        }
      }
    }
    const host = document.querySelector('.warm-up-host');
    const last = seen.at(-1);
    if (host !== null && last !== undefined) {
      for (const h2 of host.querySelectorAll('h2')) {
        const title = h2.textContent ?? '';
        if (!last.titles.includes(title)) last.titles.push(title);
      }
    }
  });
  observer.observe(document.body, { childList: true, subtree: true });
  return { seen, stop: () => observer.disconnect() };
}

/** No host, chart or figure is left. */
function expectNothingLeft() {
  expect(document.querySelector('.warm-up-host')).toBeNull();
  expect(document.querySelectorAll('figure, svg, h2')).toHaveLength(0);
}

beforeEach(() => installResizeObserver());
afterEach(() => {
  document.body.innerHTML = '';
});

describe('the view warm-up', () => {
  it("draws the Overview once with the worker's warm-up view in a hidden, inert element, then removes it", async () => {
    const { warmUpViews } = await freshModule();
    const client = inProcessClient();
    const hosts = watchHosts();
    // jsdom lays nothing out, so the bars never come: the short timeout ends the drawing
    await warmUpViews(client, 50);
    hosts.stop();
    expect(client.calls).toEqual(['warmUpView']);
    expect(hosts.seen).toHaveLength(1);
    expect(hosts.seen[0]).toMatchObject({ hidden: 'true', inert: true });
    expect(hosts.seen[0]?.titles).toEqual(
      expect.arrayContaining(['Failures by result code', 'Failures over time', 'Top failing devices']),
    );
    expect(document.querySelector('.warm-up-host')).toBeNull();
    expectNothingLeft();

    await warmUpViews(client, 50); // once per page
    expect(client.calls).toEqual(['warmUpView']);
  });

  it('draws nothing when a file is chosen before the view arrives', async () => {
    const { stopViewWarmUp, warmUpViews } = await freshModule();
    const hosts = watchHosts();
    const warming = warmUpViews(inProcessClient(), 50);
    stopViewWarmUp();
    await warming;
    hosts.stop();
    expect(hosts.seen).toHaveLength(0);
  });

  it('stops drawing when a file is chosen meanwhile, and leaves nothing behind', async () => {
    const { stopViewWarmUp, warmUpViews } = await freshModule();
    const hosts = watchHosts();
    const warming = warmUpViews(inProcessClient(), 60_000);
    await vi.waitFor(() => expect(document.querySelector('.warm-up-host')).not.toBeNull(), {
      timeout: 10_000,
    });
    stopViewWarmUp();
    await warming; // long before the 60 s timeout
    hosts.stop();
    expect(hosts.seen).toHaveLength(1);
    expectNothingLeft();
  });

  it('is only an optimisation: a worker without a view, or a failing one, leaves the page as it was', async () => {
    for (const answer of [() => Promise.resolve(null), () => Promise.reject(new Error('worker gone'))]) {
      const { warmUpViews } = await freshModule();
      const client = { call: vi.fn(answer), dispose() {} } as unknown as DatasetClient;
      await expect(warmUpViews(client, 50)).resolves.toBeUndefined();
      expect(client.call).toHaveBeenCalledWith('warmUpView', {});
      expectNothingLeft();
    }
  });
});
