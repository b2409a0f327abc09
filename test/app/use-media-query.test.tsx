// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useMediaQuery } from '../../src/app/use-media-query.ts';

function fakeMatchMedia(initial: boolean) {
  const listeners = new Set<() => void>();
  const list = {
    matches: initial,
    addEventListener: (_: string, f: () => void) => listeners.add(f),
    removeEventListener: (_: string, f: () => void) => listeners.delete(f),
  };
  const matchMedia = vi.fn(() => list);
  const change = (matches: boolean) => {
    list.matches = matches;
    for (const f of listeners) f();
  };
  return { matchMedia, change, listeners };
}

function Probe({ id }: { id: string }) {
  return <p data-testid={id}>{useMediaQuery('(max-width: 123px)') ? 'narrow' : 'wide'}</p>;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('useMediaQuery', () => {
  it('asks the browser once per query however many components read it, and follows its changes', () => {
    const fake = fakeMatchMedia(false);
    vi.stubGlobal('matchMedia', fake.matchMedia);
    render(
      <>
        <Probe id="a" />
        <Probe id="b" />
        <Probe id="c" />
      </>,
    );
    expect(screen.getByTestId('a').textContent).toBe('wide');
    act(() => fake.change(true));
    expect(['a', 'b', 'c'].map((id) => screen.getByTestId(id).textContent)).toEqual([
      'narrow',
      'narrow',
      'narrow',
    ]);
    expect(fake.matchMedia).toHaveBeenCalledTimes(1);
    cleanup();
    expect(fake.listeners.size).toBe(0);
  });
});
