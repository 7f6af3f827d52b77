import { BackstageCredentials } from '@backstage/backend-plugin-api';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/**
 * Form validation runs only in the browser, so the owner is checked again
 * here: it must be a Group or User that exists in the catalog.
 */
export async function checkOwner(
  catalog: CatalogService,
  owner: string,
  credentials: BackstageCredentials,
): Promise<string> {
  let ref: string;
  try {
    ref = stringifyEntityRef(parseEntityRef(owner, { defaultKind: 'group' }));
  } catch (error) {
    throw new InputError(
      `owner: "${owner}" is not an entity reference (${
        (error as Error).message
      })`,
    );
  }
  const kind = ref.split(':')[0];
  if (kind !== 'group' && kind !== 'user') {
    throw new InputError(
      `owner: "${owner}" must be a Group or a User, not a ${kind}`,
    );
  }
  const entity = await catalog.getEntityByRef(ref, { credentials });
  if (!entity) {
    throw new InputError(`owner: ${ref} does not exist in the catalog`);
  }
  return ref;
}
