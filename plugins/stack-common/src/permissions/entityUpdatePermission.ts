import { createPermission } from '@backstage/plugin-permission-common';

/**
 * A permission to change something about one catalog entity: a resource
 * permission on `catalog-entity` with the `update` action. A policy answers
 * it with the catalog's own rules (e.g. `isEntityOwner`) as a conditional
 * decision, which the catalog evaluates for the entity ref the route or
 * action passes (https://backstage.io/docs/permissions/custom-rules).
 */
export const entityUpdatePermission = (name: string) =>
  createPermission({
    name,
    attributes: { action: 'update' },
    resourceType: 'catalog-entity',
  });
