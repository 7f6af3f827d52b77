import { createPermission } from '@backstage/plugin-permission-common';
import { stackChangeProposePermission } from './stackChangePropose';

/**
 * The stack plugin's permissions. All are resource permissions on
 * `catalog-entity`: a policy answers them with the catalog's own rules
 * (e.g. `isEntityOwner`) as a conditional decision, which the catalog
 * evaluates for the entity ref the route passes
 * (https://backstage.io/docs/permissions/custom-rules).
 */
const RESOURCE_TYPE_CATALOG_ENTITY = 'catalog-entity';

/** `POST /actions/sync` to an environment without manual approval (dev, stage by default). */
export const stackApplicationSyncPermission = createPermission({
  name: 'stack.application.sync',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * `POST /actions/sync` to an environment whose stack policy asks for manual
 * approval (`policies.manualApproval`, prod by default): the same as a sync
 * plus, in our policy, membership in the approvers group.
 */
export const stackApplicationApprovedSyncPermission = createPermission({
  name: 'stack.application.sync.approved',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** `POST /actions/refresh`: Argo CD re-reads git; changes nothing in a cluster. */
export const stackApplicationRefreshPermission = createPermission({
  name: 'stack.application.refresh',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** `POST /promotions` to an environment without manual approval (stage): a pull request changing its image pins. */
export const stackPromotePermission = createPermission({
  name: 'stack.promote',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** `POST /promotions` to an approval environment (prod): as `stack.promote`, plus the approvers group in our policy. */
export const stackPromoteApprovedPermission = createPermission({
  name: 'stack.promote.approved',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});
export { stackChangeProposePermission };

/**
 * `GET /loose` across the whole organisation: also the items that belong to
 * no catalog entity the caller can read (a repository that tagged itself
 * into a system, an ApplicationSet error). A basic permission: without it
 * the caller sees only items of entities the catalog lets them read.
 */
export const stackLooseReadAllPermission = createPermission({
  name: 'stack.loose.read.all',
  attributes: { action: 'read' },
});

export const stackPermissions = [
  stackApplicationSyncPermission,
  stackApplicationApprovedSyncPermission,
  stackApplicationRefreshPermission,
  stackPromotePermission,
  stackPromoteApprovedPermission,
  stackChangeProposePermission,
  stackLooseReadAllPermission,
];

/**
 * Environments whose sync needs approval unless `stack.actions.approvalEnvironments`
 * says otherwise: the stack's `manualApproval` default (policiesFor).
 */
export const DEFAULT_APPROVAL_ENVIRONMENTS: readonly string[] = ['prod'];

/** The permission an action on one environment needs. */
export function stackActionPermission(
  action: 'sync' | 'refresh',
  manualApproval: boolean,
) {
  if (action === 'refresh') return stackApplicationRefreshPermission;
  return manualApproval
    ? stackApplicationApprovedSyncPermission
    : stackApplicationSyncPermission;
}
