/** Every catalog dmscope knows, looked up by its stable id. Add FUMO / LwM2M catalogs here. */
import type { Catalog } from './catalog-types.ts';
import { scomoCatalog } from './scomo-catalog.ts';

export const CATALOGS: readonly Catalog[] = [scomoCatalog];

export const defaultCatalog: Catalog = scomoCatalog;

export function getCatalog(id: string): Catalog {
  const found = CATALOGS.find((c) => c.id === id);
  if (found === undefined) {
    const known = CATALOGS.map((c) => JSON.stringify(c.id)).join(', ');
    throw new Error(`Unknown catalog ${JSON.stringify(id)}; known catalogs: ${known}`);
  }
  return found;
}
