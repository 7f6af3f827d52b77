import type { Entity } from '@backstage/catalog-model';

/** One catalog annotation (names: `ANNOTATIONS` of the shared package). */
export function annotation(entity: Entity, key: string): string | undefined {
  return entity.metadata.annotations?.[key];
}
