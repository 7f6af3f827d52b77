import type { Entity } from '@backstage/catalog-model';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { LinkButton } from '@backstage/core-components';
import { usePermission } from '@backstage/plugin-permission-react';
import { stackChangeProposePermission } from '@idp-stack/plugin-stack-common';
import { EDIT_STACK_TEMPLATE, editStackLink } from '../../lib/editStackLink';

/**
 * Opens the edit-stack template on this entity's stack. Shown only to people
 * the policy lets propose a change to it (`stack.change.propose` for the
 * entity's ref, the permission idp:stack:edit checks again on the server).
 * The scaffolder is where Backstage mounts it by default, `/create`.
 */
export function EditStackButton({
  entity,
  scaffolderPath = '/create',
}: {
  entity: Entity;
  scaffolderPath?: string;
}) {
  const allowed = usePermission({
    permission: stackChangeProposePermission,
    resourceRef: stringifyEntityRef(entity),
  });
  const to = editStackLink(
    `${scaffolderPath}/templates/${EDIT_STACK_TEMPLATE.namespace}/${EDIT_STACK_TEMPLATE.name}`,
    entity,
  );
  if (!to || allowed.loading || !allowed.allowed) return null;
  return (
    <LinkButton to={to} variant="outlined" color="primary">
      Edit stack
    </LinkButton>
  );
}
