import type { Entity } from '@backstage/catalog-model';
import { annotation } from './annotations';
import { ANNOTATIONS } from '@idp-stack/plugin-stack-common';

/** Topology and health tabs belong on Systems and Components. */
export function isSystemOrComponent(entity: Entity): boolean {
  return ['system', 'component'].includes(
    entity.kind.toLocaleLowerCase('en-US'),
  );
}

/** Builds need the repository: Components with `github.com/project-slug`. */
export function hasRepository(entity: Entity): boolean {
  return (
    entity.kind.toLocaleLowerCase('en-US') === 'component' &&
    Boolean(annotation(entity, ANNOTATIONS.projectSlug))
  );
}
