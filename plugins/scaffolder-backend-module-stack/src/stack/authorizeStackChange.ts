import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { stackChangeProposePermission } from '@idp-stack/plugin-stack-common';
import { readFromRepository } from '../catalog/checkRepositoryOwner';

/**
 * May the person running the task propose a change to this entity's stack
 * in this repository? Decided by the permission framework
 * (`stack.change.propose` for the entity's ref; the portal's policy answers
 * with the catalog's `isEntityOwner`, or ALLOW for the platform group), with
 * the initiator's credentials, never by what the form or the entity says.
 * The entity must also have been read by the catalog from that repository
 * (`backstage.io/managed-by-location`, which the catalog sets), so owning one
 * entity does not open another team's repository. Returns the entity's
 * normalised ref; refuses with the entity named and nothing changed.
 */
export async function authorizeStackChange(options: {
  catalog: CatalogService;
  permissions: PermissionsService;
  credentials: BackstageCredentials;
  who: string | undefined;
  entityRef: string;
  where: { host: string; owner: string; repo: string };
}): Promise<string> {
  const { catalog, permissions, credentials, where } = options;
  let ref: string;
  try {
    ref = stringifyEntityRef(
      parseEntityRef(options.entityRef, {
        defaultKind: 'component',
        defaultNamespace: 'default',
      }),
    );
  } catch {
    throw new InputError(
      `entityRef: "${options.entityRef}" is not an entity ref such as component:default/payments-api`,
    );
  }
  const slug = `${where.owner}/${where.repo}`;
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new NotAllowedError(
      `entityRef: ${ref} is not in the catalog (or not visible to ${
        options.who ?? 'the caller'
      }); nothing was changed`,
    );
  }
  if (!readFromRepository(entity, where)) {
    throw new NotAllowedError(
      `entityRef: ${ref} was not read by the catalog from ${slug}, so it cannot authorize a change there; nothing was changed`,
    );
  }
  const [decision] = await permissions.authorize(
    [{ permission: stackChangeProposePermission, resourceRef: ref }],
    { credentials },
  );
  if (decision.result !== AuthorizeResult.ALLOW) {
    throw new NotAllowedError(
      `${
        options.who ?? 'the caller'
      } may not propose a stack change for ${ref} (permission ${
        stackChangeProposePermission.name
      }: the entity's owners or the platform group); nothing was changed in ${slug}`,
    );
  }
  return ref;
}
