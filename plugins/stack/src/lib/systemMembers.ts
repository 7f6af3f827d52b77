import {
  Entity,
  RELATION_HAS_PART,
  RELATION_PART_OF,
} from '@backstage/catalog-model';
import type { CatalogApi } from '@backstage/plugin-catalog-react';

/**
 * The entities a topology shows: the parts of the entity's system (the
 * entity itself when it is the system), or just the entity when it belongs
 * to none. One catalog request for the parts, plus one for the system.
 */
export async function loadSystemMembers(
  catalogApi: Pick<CatalogApi, 'getEntityByRef' | 'getEntitiesByRefs'>,
  entity: Entity,
): Promise<Entity[]> {
  let system: Entity | undefined = entity;
  if (entity.kind.toLocaleLowerCase('en-US') !== 'system') {
    const systemRef = entity.relations?.find(
      r => r.type === RELATION_PART_OF && r.targetRef.startsWith('system:'),
    )?.targetRef;
    system = systemRef ? await catalogApi.getEntityByRef(systemRef) : undefined;
    if (!system) return [entity];
  }
  const partRefs = (system.relations ?? [])
    .filter(r => r.type === RELATION_HAS_PART)
    .map(r => r.targetRef);
  if (partRefs.length === 0) return [];
  const { items } = await catalogApi.getEntitiesByRefs({
    entityRefs: partRefs,
  });
  return items.filter((e): e is Entity => Boolean(e));
}

/** Refs worth asking health for: deployable things, not APIs or groups. */
export function deployableRefs(
  entities: Array<{ kind: string; id: string }>,
): string[] {
  return entities
    .filter(e =>
      ['component', 'resource'].includes(e.kind.toLocaleLowerCase('en-US')),
    )
    .map(e => e.id);
}
