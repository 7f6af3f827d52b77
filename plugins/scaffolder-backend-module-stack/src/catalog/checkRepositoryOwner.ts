import { BackstageCredentials } from '@backstage/backend-plugin-api';
import {
  ANNOTATION_LOCATION,
  Entity,
  parseEntityRef,
  parseLocationRef,
  RELATION_MEMBER_OF,
  RELATION_OWNED_BY,
  stringifyEntityRef,
  UserEntity,
} from '@backstage/catalog-model';
import { NotAllowedError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';

/** `ctx.user` of a scaffolder action (ActionContext in @backstage/plugin-scaffolder-node). */
export type TaskUser = { ref?: string; entity?: UserEntity } | undefined;

const SLUG = 'github.com/project-slug';

function refOf(text: string, namespace: string, defaultKind: string) {
  return stringifyEntityRef(
    parseEntityRef(text, { defaultKind, defaultNamespace: namespace }),
  );
}

/**
 * The person running the template and their groups. The scaffolder fills
 * `ctx.user.ref` from the caller's token and `ctx.user.entity` from the
 * catalog when the task is created (plugins/scaffolder-backend/src/service/router.ts),
 * so neither comes from the form.
 */
export function ownershipRefsOf(user: TaskUser): Set<string> {
  const refs = new Set<string>();
  if (user?.ref) refs.add(user.ref.toLocaleLowerCase('en-US'));
  const entity = user?.entity;
  if (entity) {
    const ns = entity.metadata.namespace ?? 'default';
    const groups = entity.relations
      ? entity.relations
          .filter(r => r.type === RELATION_MEMBER_OF)
          .map(r => r.targetRef)
      : (entity.spec?.memberOf ?? []).map(g => refOf(g, ns, 'group'));
    for (const g of groups) refs.add(g.toLocaleLowerCase('en-US'));
  }
  return refs;
}

/** True when the catalog read `entity` from a file inside host/owner/repo. */
export function readFromRepository(
  entity: Entity,
  where: { host: string; owner: string; repo: string },
): boolean {
  const location = entity.metadata.annotations?.[ANNOTATION_LOCATION];
  if (!location) return false;
  try {
    const { type, target } = parseLocationRef(location);
    if (type !== 'url') return false;
    const url = new URL(target);
    const [, owner, repo] = url.pathname.split('/');
    const same = (a: string | undefined, b: string) =>
      a?.toLowerCase() === b.toLowerCase();
    return (
      same(url.host, where.host) &&
      same(owner, where.owner) &&
      same(repo, where.repo)
    );
  } catch {
    return false;
  }
}

function ownerOf(entity: Entity): string | undefined {
  const owned = entity.relations?.find(r => r.type === RELATION_OWNED_BY);
  if (owned) return owned.targetRef.toLocaleLowerCase('en-US');
  const owner = (entity.spec as { owner?: unknown } | undefined)?.owner;
  return typeof owner === 'string'
    ? refOf(owner, entity.metadata.namespace ?? 'default', 'group')
    : undefined;
}

/**
 * Lets a run adopt an existing repository only when the catalog says it is
 * owned by the person running the template or one of their groups.
 *
 * The owner is not read from the repository's file but from the entities the
 * catalog ingested from it: `backstage.io/managed-by-location` is overwritten
 * by the catalog with the location it actually read the entity from
 * (plugins/catalog-backend/src/processing/ProcessorOutputCollector.ts), and an
 * entity name belongs to one location (conflicts are rejected), so another
 * team cannot claim the repository by registering a catalog-info.yaml of its
 * own; only someone who can already write to the repository can change it.
 */
export async function checkRepositoryOwner(options: {
  catalog: CatalogService;
  credentials: BackstageCredentials;
  user: TaskUser;
  host: string;
  owner: string;
  repo: string;
}): Promise<void> {
  const { catalog, credentials, user, host, owner, repo } = options;
  const slug = `${owner}/${repo}`;
  const { items } = await catalog.getEntities(
    { filter: { [`metadata.annotations.${SLUG}`]: slug } },
    { credentials },
  );
  const fromRepo = items.filter(e =>
    readFromRepository(e, { host, owner, repo }),
  );
  if (!fromRepo.length) {
    throw new NotAllowedError(
      `repoUrl: ${slug} already exists and the catalog has no entity read from it, so its owner cannot be verified; nothing was changed. Register its catalog-info.yaml, or choose another name`,
    );
  }
  const mine = ownershipRefsOf(user);
  const owners = [...new Set(fromRepo.map(ownerOf))];
  const foreign = owners.filter(o => !o || !mine.has(o));
  if (foreign.length) {
    const who = user?.ref ?? 'an anonymous caller';
    throw new NotAllowedError(
      `repoUrl: ${slug} belongs to ${owners
        .map(o => o ?? 'no owner')
        .join(
          ', ',
        )} (its catalog owner), not to ${who} or their groups; nothing was changed, choose another name`,
    );
  }
}
