import { UserInfoService } from '@backstage/backend-plugin-api';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  catalogLocationCreatePermission,
  catalogLocationDeletePermission,
  catalogEntityRefreshPermission,
  RESOURCE_TYPE_CATALOG_ENTITY,
} from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  isPermission,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { RESOURCE_TYPE_SCAFFOLDER_TASK } from '@backstage/plugin-scaffolder-common/alpha';
import {
  stackApplicationApprovedSyncPermission,
  stackApplicationRefreshPermission,
  stackApplicationSyncPermission,
  stackPromoteApprovedPermission,
  stackPromotePermission,
  stackChangeProposePermission,
  stackLooseReadAllPermission,
} from '@idp-stack/plugin-stack-common';
import { StackPolicyConfig } from './config';

const ALLOW: PolicyDecision = { result: AuthorizeResult.ALLOW };
const DENY: PolicyDecision = { result: AuthorizeResult.DENY };

/**
 * The IDP's permission policy (https://backstage.io/docs/permissions/writing-a-policy):
 *
 * - every signed-in user reads the catalog and runs templates (the
 *   scaffolder's template, action and task-create permissions);
 * - scaffolder tasks are read and cancelled by whoever started them
 *   (`isTaskOwner`, https://backstage.io/docs/features/software-templates/authorizing-scaffolder-template-details/);
 * - catalog locations are created, refreshed and deleted by the platform
 *   group only (`catalog.location.*`, and the refresh of an entity, which
 *   re-reads its location); so is the organisation-wide loose-stacks list
 *   (`stack.loose.read.all`), everyone else sees the items of entities
 *   they can read;
 * - stack sync and refresh are allowed on entities the user or one of their
 *   groups owns: a conditional decision with the catalog's `isEntityOwner`
 *   rule, which the catalog evaluates for the ref the stack route passes (and
 *   could turn into a filter for a list);
 * - a stack change proposed as a pull request (`stack.change.propose`,
 *   the `idp:stack:edit` action) by the entity's owners, or by anyone in the
 *   platform group;
 * - a sync to an environment that needs manual approval
 *   (`stack.application.sync.approved`) additionally needs membership in the
 *   approvers group.
 *
 * Service-to-service calls never reach a policy (the permissions service
 * allows service principals itself), so no `user` means no decision: deny.
 */
export class StackPermissionPolicy implements PermissionPolicy {
  constructor(
    private readonly config: StackPolicyConfig,
    private readonly userInfo: UserInfoService,
  ) {}

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    if (this.config.allowAll) {
      return ALLOW;
    }
    if (!user) {
      return DENY;
    }
    const { permission } = request;
    // User and group refs the sign-in resolver put in the token (`ent`).
    const { userEntityRef, ownershipEntityRefs } =
      await this.userInfo.getUserInfo(user.credentials);
    const memberOf = (group: string) => ownershipEntityRefs.includes(group);

    if (
      isPermission(permission, catalogLocationCreatePermission) ||
      isPermission(permission, catalogLocationDeletePermission) ||
      isPermission(permission, catalogEntityRefreshPermission) ||
      // Loose stacks of repositories no readable entity claims.
      isPermission(permission, stackLooseReadAllPermission)
    ) {
      return memberOf(this.config.platformGroup) ? ALLOW : DENY;
    }

    if (
      isPermission(permission, stackApplicationSyncPermission) ||
      isPermission(permission, stackApplicationRefreshPermission) ||
      isPermission(permission, stackApplicationApprovedSyncPermission) ||
      isPermission(permission, stackPromotePermission) ||
      isPermission(permission, stackPromoteApprovedPermission)
    ) {
      if (
        (isPermission(permission, stackApplicationApprovedSyncPermission) ||
          isPermission(permission, stackPromoteApprovedPermission)) &&
        !memberOf(this.config.approversGroup)
      ) {
        return DENY;
      }
      if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
        return createCatalogConditionalDecision(
          permission,
          catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
        );
      }
      return DENY;
    }

    if (isPermission(permission, stackChangeProposePermission)) {
      if (memberOf(this.config.platformGroup)) return ALLOW;
      if (isResourcePermission(permission, RESOURCE_TYPE_CATALOG_ENTITY)) {
        return createCatalogConditionalDecision(
          permission,
          catalogConditions.isEntityOwner({ claims: ownershipEntityRefs }),
        );
      }
      return DENY;
    }

    if (isResourcePermission(permission, RESOURCE_TYPE_SCAFFOLDER_TASK)) {
      // scaffolder.task.read and scaffolder.task.cancel: own tasks only.
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [userEntityRef],
        }),
      );
    }

    // Everything else a signed-in user may do: catalog reads (entities,
    // locations), scaffolder.task.create, template parameter/step reads,
    // action execution, search.
    return ALLOW;
  }
}
