import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * The entity, read with the caller's credentials: the catalog applies its
 * read permission, so an entity the caller may not see is a 404, the same
 * as one that does not exist (no existence leak).
 */
export async function readableEntity(
  catalog: CatalogService,
  credentials: BackstageCredentials,
  ref: { kind: string; namespace: string; name: string },
): Promise<Entity> {
  const entityRef = stringifyEntityRef(ref);
  const entity = await catalog.getEntityByRef(entityRef, { credentials });
  if (!entity) {
    throw new NotFoundError(`entity ${entityRef} not found`);
  }
  return entity;
}
