import { createPermission } from '@backstage/plugin-permission-common';
import { entityUpdatePermission } from './entityUpdatePermission';
import { stackChangeProposePermission } from './stackChangePropose';

/*
 * The stack plugin's permissions. All but `stack.loose.read.all` are
 * resource permissions on `catalog-entity` (`entityUpdatePermission`).
 */

/** `POST /actions/sync` to an environment without manual approval (dev, stage by default). */
export const stackApplicationSyncPermission = entityUpdatePermission(
  'stack.application.sync',
);

/**
 * `POST /actions/sync` to an environment whose stack policy asks for manual
 * approval (`policies.manualApproval`, prod by default): the same as a sync
 * plus, in our policy, membership in the approvers group.
 */
export const stackApplicationApprovedSyncPermission = entityUpdatePermission(
  'stack.application.sync.approved',
);

/** `POST /actions/refresh`: Argo CD re-reads git; changes nothing in a cluster. */
export const stackApplicationRefreshPermission = entityUpdatePermission(
  'stack.application.refresh',
);

/** `POST /promotions` to an environment without manual approval (stage): a pull request changing its image pins. */
export const stackPromotePermission = entityUpdatePermission('stack.promote');

/** `POST /promotions` to an approval environment (prod): as `stack.promote`, plus the approvers group in our policy. */
export const stackPromoteApprovedPermission = entityUpdatePermission(
  'stack.promote.approved',
);
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
