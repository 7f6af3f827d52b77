import {
  ANNOTATION_LOCATION,
  type Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { ANNOTATIONS } from '@idp-stack/plugin-stack-common';

/** The template the Topology tab's "Edit stack" opens (templates/edit-stack). */
export const EDIT_STACK_TEMPLATE = { namespace: 'default', name: 'edit-stack' };

/**
 * The repository the catalog read the entity from, as RepoUrlPicker writes
 * it (`github.com?owner=<org>&repo=<name>`), from the catalog's own
 * `backstage.io/managed-by-location`; undefined for anything else. Only a
 * prefill: idp:stack:edit checks the pair again on the server.
 */
export function repoUrlOf(entity: Entity): string | undefined {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  if (!location.startsWith('url:')) return undefined;
  try {
    const url = new URL(location.slice(4));
    const [owner, repo] = url.pathname.split('/').filter(Boolean);
    if (!owner || !repo) return undefined;
    return `${url.host}?owner=${encodeURIComponent(
      owner,
    )}&repo=${encodeURIComponent(repo.replace(/\.git$/, ''))}`;
  } catch {
    return undefined;
  }
}

/**
 * Where "Edit stack" goes: the scaffolder's template page with the entity
 * prefilled through `?formData=` (JSON), which the scaffolder's form reads
 * (`useFormDataFromQuery` in @backstage/plugin-scaffolder-react). `base` is
 * the scaffolder's selected-template route; undefined for an entity that has
 * no stack file or repository.
 */
export function editStackLink(
  base: string,
  entity: Entity,
): string | undefined {
  const repoUrl = repoUrlOf(entity);
  if (
    entity.kind.toLocaleLowerCase('en-US') !== 'component' ||
    !entity.metadata.annotations?.[ANNOTATIONS.stackFile] ||
    !repoUrl
  ) {
    return undefined;
  }
  const formData = { entityRef: stringifyEntityRef(entity), repoUrl };
  return `${base}?${new URLSearchParams({
    formData: JSON.stringify(formData),
  })}`;
}
