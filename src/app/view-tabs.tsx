import type { KeyboardEvent, ReactNode } from 'react';
import { useRef } from 'react';
import type { ViewTab } from './view-state.ts';
import { VIEW_TABS } from './view-state.ts';

export const TAB_LABELS: Record<ViewTab, string> = {
  overview: 'Overview',
  triage: 'Download triage',
  compare: 'Compare',
  events: 'Events',
};

/** The three views, as ARIA tabs: arrow keys move between them, the view is part of the URL hash. */
export function ViewTabs({
  tab,
  onTab,
  children,
}: {
  tab: ViewTab;
  onTab(tab: ViewTab): void;
  children: ReactNode;
}) {
  const refs = useRef(new Map<ViewTab, HTMLButtonElement>());
  const onKeyDown = (e: KeyboardEvent) => {
    const at = VIEW_TABS.indexOf(tab);
    const next =
      e.key === 'ArrowRight'
        ? VIEW_TABS[(at + 1) % VIEW_TABS.length]
        : e.key === 'ArrowLeft'
          ? VIEW_TABS[(at + VIEW_TABS.length - 1) % VIEW_TABS.length]
          : e.key === 'Home'
            ? VIEW_TABS[0]
            : e.key === 'End'
              ? VIEW_TABS[VIEW_TABS.length - 1]
              : undefined;
    if (next === undefined) return;
    e.preventDefault();
    onTab(next);
    refs.current.get(next)?.focus();
  };
  return (
    <>
      <div role="tablist" aria-label="Views" className="tabs" onKeyDown={onKeyDown}>
        {VIEW_TABS.map((t) => (
          <button
            key={t}
            ref={(el) => {
              if (el) refs.current.set(t, el);
              else refs.current.delete(t);
            }}
            type="button"
            role="tab"
            id={`tab-${t}`}
            aria-selected={t === tab}
            aria-controls={t === tab ? `panel-${t}` : undefined}
            tabIndex={t === tab ? 0 : -1}
            className="tab"
            onClick={() => onTab(t)}
          >
            {TAB_LABELS[t]}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`} className="tab-panel">
        {children}
      </div>
    </>
  );
}
