/**
 * The shareable view: filters, search, chosen dimension, sort, tab and open device. It lives in the URL
 * hash (never the data), parsed here at the edge so the rest of the app only sees well-formed values.
 */

import { VERDICTS } from '../analysis/verdicts.ts';
import { dimensionRoles } from '../dataset/dimension-roles.ts';
import { isEventColumn } from '../dataset/event-columns.ts';
import type { Filter } from '../dataset/query-types.ts';
import type { SortSpec, Verdict } from '../worker/dataset-protocol.ts';
import { filterToParams, paramsToFilter } from './filter-fields.ts';
import { filterSide, withField, withSide } from './filter-sides.ts';
import type { ZoomStep } from './time-zoom.ts';
import { paramToZoom, zoomStack, zoomToParam } from './time-zoom.ts';

export type ViewTab = 'overview' | 'triage' | 'compare' | 'events';
export const VIEW_TABS: readonly ViewTab[] = ['overview', 'triage', 'compare', 'events'];

export interface ViewState {
  filter: Filter;
  search: string;
  dimension: string | null;
  tab: ViewTab;
  sort: SortSpec | null;
  device: string | null;
  /** Only the devices with this verdict, or those to retry (Device outcomes); null for all. */
  verdict: Verdict | 'retry' | null;
  /** The time windows "Zoom out" steps back to, oldest first (time-zoom.ts); kept only with a time filter. */
  zoom: readonly ZoomStep[];
}

export const INITIAL_VIEW: ViewState = {
  filter: {},
  search: '',
  dimension: null,
  tab: 'overview',
  sort: null,
  device: null,
  verdict: null,
  zoom: [],
};

export function viewToHash(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.tab !== 'overview') p.set('view', view.tab);
  if (view.dimension !== null) p.set('dim', view.dimension);
  if (view.sort !== null) p.set('sort', `${view.sort.desc ? '-' : ''}${view.sort.column}`);
  if (view.search !== '') p.set('q', view.search);
  if (view.device !== null) p.set('history', view.device);
  if (view.verdict !== null) p.set('verdict', view.verdict);
  filterToParams(view.filter, p);
  const zoom = zoomToParam(zoomStack(view));
  if (zoom !== null) p.set('zoom', zoom);
  const text = p.toString();
  return text === '' ? '' : `#${text}`;
}

export function hashToView(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const filter = paramsToFilter(p);
  const tabText = p.get('view');
  const tab = VIEW_TABS.find((t) => t === tabText) ?? 'overview';
  const sortText = p.get('sort');
  const sort =
    sortText === null || sortText === '-' || sortText === ''
      ? null
      : { column: sortText.replace(/^-/, ''), desc: sortText.startsWith('-') };
  return {
    filter,
    search: p.get('q') ?? '',
    dimension: p.get('dim'),
    tab,
    sort,
    device: p.get('history'),
    verdict: [...VERDICTS, 'retry' as const].find((v) => v === p.get('verdict')) ?? null,
    zoom: zoomStack({ filter, zoom: paramToZoom(p.get('zoom')) }),
  };
}

/** Drops the parts of a view that name dimensions the loaded data does not have. */
export function fitViewToDimensions(view: ViewState, dimensionNames: readonly string[]): ViewState {
  const known = new Set(dimensionNames);
  // on both sides: the included values and the excluded ones
  const filter = [false, true].reduce((f, negated) => {
    const side = filterSide(f, negated);
    const dims = (side.dimensions ?? []).filter((d) => known.has(d.name));
    return withSide(f, negated, withField(side, 'dimensions', dims.length > 0 ? dims : undefined));
  }, view.filter);
  const sort =
    view.sort !== null && !isEventColumn(view.sort.column) && !known.has(view.sort.column) ? null : view.sort;
  const dimension =
    view.dimension !== null && known.has(view.dimension)
      ? view.dimension
      : (dimensionRoles(dimensionNames).model ?? dimensionNames[0] ?? null);
  return { ...view, filter, sort, dimension };
}

/** What a view asks of the data: its dimensions, and whether it has times and device ids. */
export interface DataFields {
  dimensionNames: readonly string[];
  hasTime: boolean;
  hasDevice: boolean;
}

/**
 * The fields a view uses that the loaded data does not have (a dimension it filters, breaks down or sorts
 * by, times, device ids), as the page names them; empty when the view fits. Such a view would show figures
 * of nothing, or of everything, without saying why.
 */
export function missingFields(view: ViewState, data: DataFields): string[] {
  const known = new Set(data.dimensionNames);
  const missing = new Set<string>();
  const dimension = (name: string) => {
    if (!known.has(name)) missing.add(`the dimension “${name}”`);
  };
  // on both sides: the included values and the excluded ones (NOT)
  for (const d of [...(view.filter.dimensions ?? []), ...(view.filter.not?.dimensions ?? [])])
    dimension(d.name);
  if (view.dimension !== null) dimension(view.dimension);
  if (view.sort !== null && !isEventColumn(view.sort.column)) dimension(view.sort.column);
  const { filter } = view;
  if (
    !data.hasTime &&
    (filter.timeFrom !== undefined || filter.timeTo !== undefined || view.sort?.column === 'time')
  )
    missing.add('times');
  const devices = filter.device !== undefined || filter.deviceIds !== undefined;
  if (
    !data.hasDevice &&
    (devices || view.device !== null || view.verdict !== null || view.sort?.column === 'device')
  )
    missing.add('device ids');
  return [...missing];
}
