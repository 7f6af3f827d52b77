import { ANNOTATIONS } from '@idp-stack/plugin-stack-common';
import {
  ANNOTATION_LOCATION,
  Entity,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { projectSlugOf } from './projectSlugOf';

/** The GitHub repository an entity was ingested from. */
export interface TrustedRepository {
  host: string;
  org: string;
  repo: string;
  /** The branch or tag of a `.../blob/<ref>/...` location; the default branch otherwise. */
  ref?: string;
}

/**
 * The repository an entity comes from, as the catalog recorded it, never as
 * the entity describes itself:
 * - `url:` locations (the only type the catalog API accepts, see
 *   DefaultLocationService's `allowedLocationTypes: ['url']`): the owner and
 *   repository of the location URL (`backstage.io/managed-by-location`, set
 *   by the catalog, not by the file's author);
 * - `file:` locations exist only through `catalog.locations` in app-config,
 *   i.e. files the platform itself ships: their `github.com/project-slug` is
 *   the platform's word and is used.
 * Only repositories of `stack.github.organizations` are trusted: anything
 * else throws a NotAllowedError that names the repository and the key.
 */
export function trustedRepository(
  entity: Entity,
  organizations: readonly string[],
): TrustedRepository {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION] ?? '';
  let found: TrustedRepository | undefined;
  if (location.startsWith('url:')) {
    try {
      const url = new URL(location.slice(4));
      const [org, repo, kind, ref] = url.pathname.split('/').filter(Boolean);
      if (org && repo) {
        found = {
          host: url.host,
          org,
          repo: repo.replace(/\.git$/, ''),
          ref: (kind === 'blob' || kind === 'tree') && ref ? ref : undefined,
        };
      }
    } catch {
      // Not a URL: no repository.
    }
  } else if (location.startsWith('file:')) {
    const slug = projectSlugOf(entity);
    if (slug) {
      const [org, repo] = slug.split('/');
      found = { host: 'github.com', org, repo };
    }
  }
  const ref = stringifyEntityRef(entity);
  if (!found) {
    throw new NotAllowedError(
      `entity ${ref} was not ingested from a repository (${ANNOTATION_LOCATION} is "${location}"), so none of its repository's data is read`,
    );
  }
  // GitHub owner names are case-insensitive.
  const org = found.org.toLowerCase();
  if (!organizations.some(o => o.toLowerCase() === org)) {
    throw new NotAllowedError(
      `repository ${found.org}/${
        found.repo
      } of entity ${ref} is not in an organisation of stack.github.organizations (${
        organizations.join(', ') || 'none set'
      })`,
    );
  }
  return found;
}

/** The path of the stack file inside the trusted repository (`idp.platform/stack-file`, no `..`). */
export function stackFilePath(entity: Entity, fallback: string): string {
  const path = (
    entity.metadata.annotations?.[ANNOTATIONS.stackFile] || fallback
  ).replace(/^\/+/, '');
  if (path.split('/').some(part => part === '..' || part === '')) {
    throw new NotAllowedError(
      `annotation ${ANNOTATIONS.stackFile} "${path}" must be a path inside the repository`,
    );
  }
  return path;
}
