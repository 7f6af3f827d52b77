import type { Entity } from '@backstage/catalog-model';

/** Catalog annotations written by `stack:catalog-info` (docs/conventions.md). */
export const ANNOTATION_APP_SELECTOR = 'argocd/app-selector';
export const ANNOTATION_PROJECT_SLUG = 'github.com/project-slug';

export function annotation(entity: Entity, key: string): string | undefined {
  return entity.metadata.annotations?.[key];
}
