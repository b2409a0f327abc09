/**
 * The filters: the sticky bar of chips (with their editor) and the facet list under it. The facets are
 * asked of the worker only while the list is open or a chip editor is; an earlier answer stays on screen
 * (marked busy) while the worker counts the next.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { Facet } from '../dataset/query-types.ts';
import { ErrorBoundary } from './error-boundary.tsx';
import { errorMessage } from './error-message.ts';
import { FacetPanel } from './facet-panel.tsx';
import { FilterBar } from './filter-bar.tsx';
import { facetLists } from './filter-fields.ts';
import type { Dashboard } from './use-dashboard.ts';
import type { ViewSetters } from './workspace.tsx';

/** Values per field the worker lists (the panel shows the first FACET_TOP, then "show more"). */
const FACET_LIMIT = 100;

/** Open at first on a screen wide enough to show the lists beside each other; a disclosure on a phone. */
function wideScreen(): boolean {
  return typeof window === 'undefined' || !window.matchMedia
    ? true
    : window.matchMedia('(min-width: 900px)').matches;
}

export function FilterArea({
  dashboard: d,
  views,
  announcement,
}: {
  dashboard: Dashboard;
  views: ViewSetters;
  announcement: string;
}) {
  const [expanded, setExpanded] = useState(wideScreen);
  const [editing, setEditing] = useState(false);
  const facets = useFacets(d, expanded || editing);
  const lists = useMemo(() => (facets.value === null ? null : facetLists(facets.value)), [facets.value]);
  return (
    <>
      <ErrorBoundary what="filters" resetKey={d.view.filter}>
        <FilterBar
          filter={d.view.filter}
          search={d.view.search}
          onRemove={d.removeFilter}
          onClearSearch={views.clearSearch}
          onClearAll={d.clearFilters}
          onFailuresOnly={d.setFailuresOnly}
          announcement={announcement}
          facets={lists}
          onEdit={d.editField}
          onEditing={setEditing}
        />
      </ErrorBoundary>
      <ErrorBoundary what="field values" resetKey={d.view.filter}>
        <FacetPanel
          lists={lists}
          waiting={facets.waiting}
          failed={facets.failed}
          filter={d.view.filter}
          expanded={expanded}
          onExpanded={setExpanded}
          onAdd={d.addFilter}
          onRemove={d.removeFilter}
        />
      </ErrorBoundary>
    </>
  );
}

/** The worker's facets for the current view while `wanted`; the last answer stays until the next comes. */
function useFacets(d: Dashboard, wanted: boolean) {
  const [value, setValue] = useState<Facet[] | null>(null);
  const [waiting, setWaiting] = useState(false);
  const [failed, setFailed] = useState<string | null>(null);
  const seq = useRef(0);
  const { fetchFacets, info } = d;
  useEffect(() => {
    // new data: the counts of the old are no counts of it
    if (info !== null) setValue(null);
  }, [info]);
  useEffect(() => {
    if (!wanted || info === null) return;
    const at = ++seq.current;
    setWaiting(true);
    const settle = (facets: Facet[] | null, message: string | null) => {
      if (at !== seq.current) return;
      if (facets !== null) setValue(facets);
      setFailed(message);
      setWaiting(false);
    };
    // asked after the dashboard's figures (the page's effects run child first): the worker answers in
    // order, and the Summary and charts of a filter step come before its facet counts
    const timer = setTimeout(() => {
      fetchFacets(FACET_LIMIT).then(
        (facets) => settle(facets, null),
        (e: unknown) => settle(null, errorMessage(e)),
      );
    }, 0);
    return () => clearTimeout(timer);
  }, [fetchFacets, wanted, info]);
  return { value, waiting, failed };
}
