import { createPermission } from '@backstage/plugin-permission-common';

/**
 * `idp:stack:edit` (scaffolder): propose a change of an entity's stack.yaml
 * and regenerated deploy/ as a pull request to its repository. A resource
 * permission on `catalog-entity`, so a policy can answer with the catalog's
 * ownership rule for the entity the action names.
 */
export const stackChangeProposePermission = createPermission({
  name: 'stack.change.propose',
  attributes: { action: 'update' },
  resourceType: 'catalog-entity',
});
