import { stringify } from 'yaml';
import type { CatalogEntity } from './types';

/** catalog-info.yaml: one YAML document per entity, in the given order. */
export function serializeCatalogEntities(
  entities: readonly CatalogEntity[],
): string {
  return entities.map(e => stringify(e, { lineWidth: 0 })).join('---\n');
}
