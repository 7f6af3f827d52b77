import { STACK_FILE } from '@idp-stack/plugin-stack-common';
import { Entity } from '@backstage/catalog-model';
import { StackFileNotFoundError } from './stackFileErrors';
import { stackFilePath, trustedRepository } from './trustedRepository';

/**
 * URL of the stack.yaml of the repository the entity was ingested from
 * (`trustedRepository`, never `backstage.io/source-location` or the slug
 * alone): the `idp.platform/stack-file` path, default `stack.yaml`, on the
 * branch the catalog file was read from, else the default branch.
 */
export function stackFileLocation(
  entity: Entity,
  organizations: readonly string[],
): string {
  let repository;
  try {
    repository = trustedRepository(entity, organizations);
  } catch (e) {
    throw new StackFileNotFoundError('no-annotation', (e as Error).message);
  }
  const { host, org, repo, ref = 'HEAD' } = repository;
  return `https://${host}/${org}/${repo}/blob/${ref}/${stackFilePath(
    entity,
    STACK_FILE,
  )}`;
}
