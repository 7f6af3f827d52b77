import { entityUpdatePermission } from './entityUpdatePermission';

/**
 * `idp:stack:edit` (scaffolder): propose a change of an entity's stack.yaml
 * and regenerated deploy/ as a pull request to its repository. A resource
 * permission on `catalog-entity`, so a policy can answer with the catalog's
 * ownership rule for the entity the action names.
 */
export const stackChangeProposePermission = entityUpdatePermission(
  'stack.change.propose',
);
