import { ANNOTATIONS } from '@idp-stack/plugin-stack-common';
import { Entity } from '@backstage/catalog-model';

/** `github.com/project-slug` when it is a well-formed `<owner>/<repo>`, else undefined. */
export function projectSlugOf(entity: Entity): string | undefined {
  const slug = entity.metadata.annotations?.[ANNOTATIONS.projectSlug];
  return slug && /^[^/\s]+\/[^/\s]+$/.test(slug) ? slug : undefined;
}
