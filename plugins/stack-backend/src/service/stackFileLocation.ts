import { ANNOTATIONS, STACK_FILE } from '@internal/plugin-stack-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { NotFoundError } from '@backstage/errors';
import { projectSlugOf } from './projectSlugOf';

/** A NotFoundError whose body says why (`reason`), read by `stackUnavailableOf`. */
export function stackNotFound(
  reason: 'no-annotation' | 'no-file',
  message: string,
): NotFoundError {
  return Object.assign(new NotFoundError(message), { reason });
}

/**
 * URL of the stack.yaml of the repository an entity comes from: the
 * `idp.platform/stack-file` path (default `stack.yaml`) resolved against
 * `backstage.io/source-location`, else against the default branch of the
 * GitHub repo in `github.com/project-slug`.
 */
export function stackFileLocation(entity: Entity): string {
  const a = entity.metadata.annotations ?? {};
  const file = (a[ANNOTATIONS.stackFile] || STACK_FILE).replace(/^\/+/, '');
  const source = a[ANNOTATIONS.sourceLocation];
  if (source) {
    const base = source.replace(/^url:/, '');
    try {
      return new URL(file, base.endsWith('/') ? base : `${base}/`).toString();
    } catch {
      throw stackNotFound(
        'no-annotation',
        `entity ${stringifyEntityRef(entity)} has annotation ${ANNOTATIONS.sourceLocation} "${source}", which is not a url:<URL>`,
      );
    }
  }
  const slug = projectSlugOf(entity);
  if (slug) {
    return `https://github.com/${slug}/blob/HEAD/${file}`;
  }
  throw stackNotFound(
    'no-annotation',
    `entity ${stringifyEntityRef(entity)} has neither ${ANNOTATIONS.sourceLocation} nor ${ANNOTATIONS.projectSlug}, so its repository and stack.yaml are unknown`,
  );
}
