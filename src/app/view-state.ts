/**
 * The shareable view: filters, search, chosen dimension, sort, tab and open device. It lives in the URL
 * hash (never the data), parsed here at the edge so the rest of the app only sees well-formed values.
 */
import type { Category, Cause, Outcome, Stage } from '../catalog/catalog-types.ts';
import { CATEGORIES, CAUSES, OUTCOMES, STAGES } from '../catalog/catalog-types.ts';
import { dimensionRoles } from '../dataset/dimension-roles.ts';
import { isoTime } from '../dataset/iso-time.ts';
import type { Filter } from '../dataset/query-types.ts';
import type { SortSpec } from '../worker/dataset-protocol.ts';

export type ViewTab = 'overview' | 'triage' | 'events';
export const VIEW_TABS: readonly ViewTab[] = ['overview', 'triage', 'events'];

export interface ViewState {
  filter: Filter;
  search: string;
  dimension: string | null;
  tab: ViewTab;
  sort: SortSpec | null;
  device: string | null;
}

export const INITIAL_VIEW: ViewState = {
  filter: {},
  search: '',
  dimension: null,
  tab: 'overview',
  sort: null,
  device: null,
};

const DIMENSION_PREFIX = 'd.';

export function viewToHash(view: ViewState): string {
  const p = new URLSearchParams();
  if (view.tab !== 'overview') p.set('view', view.tab);
  if (view.dimension !== null) p.set('dim', view.dimension);
  if (view.sort !== null) p.set('sort', `${view.sort.desc ? '-' : ''}${view.sort.column}`);
  if (view.search !== '') p.set('q', view.search);
  if (view.device !== null) p.set('history', view.device);
  const f = view.filter;
  if (f.codes?.length) p.set('code', f.codes.join(','));
  if (f.categories?.length) p.set('category', f.categories.join(','));
  if (f.outcomes?.length) p.set('outcome', f.outcomes.join(','));
  if (f.stages?.length) p.set('stage', f.stages.join(','));
  if (f.causes?.length) p.set('cause', f.causes.join(','));
  if (f.device !== undefined && f.device !== '') p.set('device', f.device);
  const from = f.timeFrom === undefined ? null : isoTime(f.timeFrom);
  const to = f.timeTo === undefined ? null : isoTime(f.timeTo);
  if (from !== null) p.set('from', from);
  if (to !== null) p.set('to', to);
  for (const { name, values } of f.dimensions ?? []) {
    for (const value of values) p.append(DIMENSION_PREFIX + name, value);
  }
  const text = p.toString();
  return text === '' ? '' : `#${text}`;
}

function oneOf<T extends string>(allowed: readonly T[], text: string | null): T[] | undefined {
  if (text === null) return undefined;
  const values = text.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  return values.length > 0 ? [...new Set(values)] : undefined;
}

function time(text: string | null): number | undefined {
  if (text === null) return undefined;
  const ms = Date.parse(text);
  return Number.isFinite(ms) ? ms : undefined;
}

export function hashToView(hash: string): ViewState {
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const filter: {
    -readonly [K in keyof Filter]: Filter[K];
  } = {};
  const codes = (p.get('code') ?? '')
    .split(',')
    .filter((c) => /^-?\d+$/.test(c))
    .map(Number);
  if (codes.length > 0) filter.codes = [...new Set(codes)];
  const categories = oneOf<Category>(CATEGORIES, p.get('category'));
  if (categories) filter.categories = categories;
  const outcomes = oneOf<Outcome>(OUTCOMES, p.get('outcome'));
  if (outcomes) filter.outcomes = outcomes;
  const stages = oneOf<Stage>(STAGES, p.get('stage'));
  if (stages) filter.stages = stages;
  const causes = oneOf<Cause>(CAUSES, p.get('cause'));
  if (causes) filter.causes = causes;
  const device = p.get('device');
  if (device) filter.device = device;
  const from = time(p.get('from'));
  if (from !== undefined) filter.timeFrom = from;
  const to = time(p.get('to'));
  if (to !== undefined) filter.timeTo = to;
  // Dimension names come from the user's files: keep them as data (a Map, then a list), never as object keys.
  const dimensions = new Map<string, string[]>();
  for (const [key, value] of p) {
    if (!key.startsWith(DIMENSION_PREFIX)) continue;
    const name = key.slice(DIMENSION_PREFIX.length);
    const values = dimensions.get(name) ?? [];
    if (!values.includes(value)) values.push(value);
    dimensions.set(name, values);
  }
  if (dimensions.size > 0) filter.dimensions = [...dimensions].map(([name, values]) => ({ name, values }));

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
  };
}

/** Drops the parts of a view that name dimensions the loaded data does not have. */
export function fitViewToDimensions(view: ViewState, dimensionNames: readonly string[]): ViewState {
  const known = new Set(dimensionNames);
  const dims = (view.filter.dimensions ?? []).filter((d) => known.has(d.name));
  const { dimensions: _dropped, ...rest } = view.filter;
  const filter: Filter = dims.length > 0 ? { ...rest, dimensions: dims } : rest;
  const builtIn = new Set(['time', 'device', 'code', 'message', 'category', 'stage', 'cause', 'count']);
  const sort =
    view.sort !== null && !builtIn.has(view.sort.column) && !known.has(view.sort.column) ? null : view.sort;
  const dimension =
    view.dimension !== null && known.has(view.dimension)
      ? view.dimension
      : (dimensionRoles(dimensionNames).model ?? dimensionNames[0] ?? null);
  return { ...view, filter, sort, dimension };
}
