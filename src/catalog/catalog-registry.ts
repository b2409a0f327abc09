/** Every catalog dmscope knows, looked up by its stable id. Adding a family is one line here. */
import { aduCatalog } from './adu-catalog.ts';
import { awsIotJobsCatalog } from './aws-iot-jobs-catalog.ts';
import type { Catalog, Category, CategoryClass } from './catalog-types.ts';
import { UNRECOGNIZED_CATEGORY } from './catalog-types.ts';
import { fumoCatalog } from './fumo-catalog.ts';
import { hawkbitCatalog } from './hawkbit-catalog.ts';
import { hawkbitDdiCatalog } from './hawkbit-ddi-catalog.ts';
import { lwm2m5Catalog } from './lwm2m-5-catalog.ts';
import { lwm2m9Catalog } from './lwm2m-9-catalog.ts';
import { menderCatalog } from './mender-catalog.ts';
import { scomoCatalog } from './scomo-catalog.ts';

export const CATALOGS: readonly Catalog[] = [
  scomoCatalog,
  fumoCatalog,
  lwm2m5Catalog,
  lwm2m9Catalog,
  aduCatalog,
  hawkbitCatalog,
  hawkbitDdiCatalog,
  menderCatalog,
  awsIotJobsCatalog,
];

export const defaultCatalog: Catalog = scomoCatalog;

export function getCatalog(id: string): Catalog {
  const found = CATALOGS.find((c) => c.id === id);
  if (found === undefined) {
    const known = CATALOGS.map((c) => JSON.stringify(c.id)).join(', ');
    throw new Error(`Unknown catalog ${JSON.stringify(id)}; known catalogs: ${known}`);
  }
  return found;
}

/**
 * Every registered catalog's classes of result, each id once, in the registry's order (`unrecognized`
 * last): the list category filters offer and figures are counted by. An id means the same (outcome and
 * label) in every family (see family-parts.ts), so the first family's class speaks for all.
 */
export const CATEGORY_CLASSES: readonly CategoryClass[] = (() => {
  const seen = new Map<Category, CategoryClass>();
  for (const c of CATALOGS.flatMap((family) => family.categories)) if (!seen.has(c.id)) seen.set(c.id, c);
  const unrecognized = seen.get(UNRECOGNIZED_CATEGORY);
  seen.delete(UNRECOGNIZED_CATEGORY);
  return unrecognized === undefined ? [...seen.values()] : [...seen.values(), unrecognized];
})();

export const CATEGORIES: readonly Category[] = CATEGORY_CLASSES.map((c) => c.id);

/** A registered class by id; undefined for an id no family defines. */
export function categoryClass(id: Category): CategoryClass | undefined {
  return CATEGORY_CLASSES.find((c) => c.id === id);
}
