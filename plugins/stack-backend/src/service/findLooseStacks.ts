import {
  IDP_TOPIC,
  LooseStack,
  REPO_LABEL,
  SYSTEM_TOPIC_PREFIX,
} from '@idp-stack/plugin-stack-common';
import type { OrgRepository } from './OrgRepositories';

/** An Application as the loose-stacks view sees it. */
export interface LooseApplication {
  instance: string;
  name: string;
  url?: string;
  labels: Record<string, string>;
  /** Error conditions Argo CD reported (`InvalidSpecError`, ...). */
  errors?: Array<{ type: string; message: string }>;
}

/** An ApplicationSet's error conditions. */
export interface LooseApplicationSet {
  instance: string;
  name: string;
  uiUrl: string;
  conditions: Array<{
    type: string;
    status: string;
    reason?: string;
    message?: string;
  }>;
}

/** A catalog entity with stack annotations, and the repository the platform trusts it to come from. */
export interface LooseEntity {
  ref: string;
  /** Lower-case repository name (the `idp.platform/repo` label holds the name only). */
  repository?: string;
  system?: string;
  /** Has stack annotations: an Application is expected. Others only receive repository items. */
  stack: boolean;
}

/** A system registry entry: which repositories may deploy it. */
export interface RegisteredSystem {
  name: string;
  repositories: string[];
}

export interface LooseInputs {
  applications: LooseApplication[];
  applicationSets: LooseApplicationSet[];
  /** Undefined when GitHub could not be read: the repository causes are skipped. */
  repositories?: OrgRepository[];
  /** `owner/name` → whether `deploy/overlays/dev` exists; asked only for tagged repositories without Applications. */
  devOverlay: Map<string, boolean>;
  /** Undefined when the registry is not configured or unreadable. */
  registry?: RegisteredSystem[];
  entities: LooseEntity[];
  /** Where the register-system template runs in this portal. */
  registerSystemUrl: string;
}

/**
 * The ApplicationSet's `repositoryMatch` (argocd/applicationsets/workloads.yaml):
 * only already-normalised names get Applications.
 */
export const NORMALISED_REPOSITORY = /^[a-z0-9]([-a-z0-9]{0,55}[a-z0-9])?$/;
/** The ApplicationSet's `values.system`: the topic `idp-system-<system>` (anchored at a topic boundary). */
const SYSTEM_TOPIC = new RegExp(`^${SYSTEM_TOPIC_PREFIX}([a-z0-9-]+)$`);
/** `ValidatePermissions` in Argo CD's util/argo/argo.go. */
const NOT_PERMITTED = /is not permitted in project/;

/** What a non-normalised name would become: lower case, other characters to `-`. */
export function normaliseRepositoryName(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

export function systemOfTopics(topics: string[]): string | undefined {
  for (const t of topics) {
    const m = SYSTEM_TOPIC.exec(t);
    if (m) return m[1];
  }
  return undefined;
}

/**
 * Every loose stack the inputs show. Pure: the service gathers the inputs
 * (Argo CD, GitHub, the registry, the catalog), this decides.
 */
export function findLooseStacks(input: LooseInputs): LooseStack[] {
  const items: LooseStack[] = [];
  const appsByRepo = new Map<string, LooseApplication[]>();
  for (const app of input.applications) {
    const repo = app.labels[REPO_LABEL]?.toLowerCase();
    if (!repo) continue;
    appsByRepo.set(repo, [...(appsByRepo.get(repo) ?? []), app]);
  }
  const entityRefsOf = (repo: string, system?: string) => {
    const refs = input.entities
      .filter(e => e.repository === repo)
      .map(e => e.ref);
    if (system) refs.push(`system:default/${system}`);
    return [...new Set(refs)];
  };
  const appRefs = (apps: LooseApplication[]) =>
    apps.map(a => ({ instance: a.instance, name: a.name, url: a.url }));
  const appNames = (apps: LooseApplication[]) =>
    apps.map(a => a.name).join(', ');
  const explained = new Set<string>();
  const registryOf = (system: string) =>
    input.registry?.find(s => s.name === system);

  // 1. Applications still running for a repository that left the platform.
  const repoByName = new Map(
    (input.repositories ?? []).map(r => [r.name.toLowerCase(), r]),
  );
  for (const [name, apps] of appsByRepo) {
    const repo = repoByName.get(name);
    const system = apps[0].labels['idp.platform/system'] || undefined;
    const base = {
      system,
      applications: appRefs(apps),
      entityRefs: entityRefsOf(name, system),
    };
    const keep =
      'it keeps running because the ApplicationSet never deletes an Application (applicationsSync: create-update, preserveResourcesOnDeletion)';
    if (input.repositories && !repo) {
      items.push({
        ...base,
        cause: 'repository-missing',
        repository: name,
        reason: `Applications ${appNames(
          apps,
        )} deploy repository ${name}, which is no longer in the organisation (deleted or renamed); ${keep}`,
        fix: {
          title: 'Delete the Applications in Argo CD',
          url: apps[0].url ?? '',
        },
      });
    } else if (repo?.archived) {
      items.push({
        ...base,
        cause: 'repository-archived',
        repository: `${repo.owner}/${repo.name}`,
        reason: `Repository ${repo.owner}/${
          repo.name
        } is archived, so the ApplicationSet (excludeArchivedRepos) no longer lists it; ${keep}: Applications ${appNames(
          apps,
        )}`,
        fix: {
          title: 'Unarchive the repository, or delete its Applications',
          url: `${repo.url}/settings`,
        },
      });
    } else if (repo && !repo.topics.includes(IDP_TOPIC)) {
      items.push({
        ...base,
        cause: 'topic-removed',
        repository: `${repo.owner}/${repo.name}`,
        reason: `Repository ${repo.owner}/${
          repo.name
        } no longer carries the ${IDP_TOPIC} topic; ${keep}: Applications ${appNames(
          apps,
        )}`,
        fix: {
          title: `Add the ${IDP_TOPIC} topic back (About, on the repository page), or delete the Applications`,
          url: repo.url,
        },
      });
    } else {
      continue;
    }
    explained.add(name);
  }

  // 2. Tagged repositories that deploy nothing (or are refused).
  const tagged = (input.repositories ?? []).filter(
    r => r.topics.includes(IDP_TOPIC) && !r.archived,
  );
  const names = new Set(
    (input.repositories ?? []).map(r => r.name.toLowerCase()),
  );
  for (const repo of tagged) {
    const slug = `${repo.owner}/${repo.name}`;
    const name = repo.name.toLowerCase();
    const system = systemOfTopics(repo.topics);
    const apps = appsByRepo.get(name) ?? [];
    const base = {
      repository: slug,
      system,
      applications: apps.length ? appRefs(apps) : undefined,
      entityRefs: entityRefsOf(name, system),
    };
    const push = (item: Omit<LooseStack, keyof typeof base>) => {
      items.push({ ...base, ...item });
      explained.add(name);
    };
    if (!NORMALISED_REPOSITORY.test(repo.name)) {
      const normalised = normaliseRepositoryName(repo.name);
      const other = [...names].find(
        n => n !== name && normaliseRepositoryName(n) === normalised,
      );
      push(
        other
          ? {
              cause: 'name-collision',
              reason: `Repository ${slug} would get the Applications ${normalised}-<env> of repository ${other}; the ApplicationSet lists only normalised names (lower-case DNS labels of at most 57 characters), so ${slug} deploys nothing`,
              fix: {
                title: `Rename the repository (not to ${normalised}: taken)`,
                url: `${repo.url}/settings`,
              },
            }
          : {
              cause: 'name-not-normalised',
              reason: `Repository ${slug} deploys nothing: the ApplicationSet lists only normalised names (lower-case DNS labels of at most 57 characters)`,
              fix: {
                title: `Rename the repository to ${normalised}`,
                url: `${repo.url}/settings`,
              },
            },
      );
      continue;
    }
    if (!system) {
      push({
        cause: 'no-system-topic',
        reason: `Repository ${slug} has the ${IDP_TOPIC} topic but no ${SYSTEM_TOPIC_PREFIX}<system> topic: its Applications fall into Argo CD's locked default project and deploy nothing`,
        fix: {
          title: `Add the ${SYSTEM_TOPIC_PREFIX}<system> topic of its registered system`,
          url: repo.url,
        },
      });
      continue;
    }
    const entry = registryOf(system);
    const refusal = apps
      .flatMap(a => a.errors ?? [])
      .find(e => NOT_PERMITTED.test(e.message));
    if ((input.registry && !entry?.repositories.includes(name)) || refusal) {
      let why = `Argo CD refused its Applications`;
      if (input.registry) {
        why = entry
          ? `the registry entry argocd/systems/${system}.yaml does not list it`
          : `system ${system} has no registry entry (argocd/systems/${system}.yaml)`;
      }
      push({
        cause: input.registry ? 'not-registered' : 'refused-by-project',
        reason: `Repository ${slug} tags itself into system ${system}, but ${why}, so its AppProject refuses it and it deploys nothing${
          refusal ? ` (Argo CD: ${refusal.message})` : ''
        }`,
        fix: {
          title: `Register ${repo.name} in system ${system} (pull request to the registry)`,
          url: input.registerSystemUrl,
        },
      });
      continue;
    }
    if (apps.length === 0 && input.devOverlay.get(slug) === false) {
      push({
        cause: 'missing-dev-overlay',
        reason: `Repository ${slug} has no deploy/overlays/dev on ${repo.defaultBranch}: the ApplicationSet (pathsExist) skips it`,
        fix: {
          title: 'Generate deploy/ (stack generate) and push it',
          url: `${repo.url}/tree/${repo.defaultBranch}`,
        },
      });
    }
  }

  // Refused Applications whose repository GitHub did not describe (GitHub
  // unreadable): Argo CD's own condition still says why.
  for (const [name, apps] of appsByRepo) {
    if (explained.has(name)) continue;
    const refusal = apps
      .flatMap(a => a.errors ?? [])
      .find(e => NOT_PERMITTED.test(e.message));
    if (!refusal) continue;
    const system = apps[0].labels['idp.platform/system'] || undefined;
    items.push({
      cause: 'refused-by-project',
      repository: name,
      system,
      applications: appRefs(apps),
      entityRefs: entityRefsOf(name, system),
      reason: `Argo CD refuses the Applications of repository ${name}: ${refusal.message}`,
      fix: {
        title: `Register ${name} in system ${
          system ?? '<system>'
        } (pull request to the registry)`,
        url: input.registerSystemUrl,
      },
    });
    explained.add(name);
  }

  // 3. ApplicationSet errors: Applications not generated at all.
  for (const set of input.applicationSets) {
    for (const c of set.conditions) {
      if (c.type !== 'ErrorOccurred' || c.status !== 'True') continue;
      const duplicate = /duplicate name: (\S+)/.exec(c.message ?? '');
      items.push({
        cause: duplicate ? 'name-collision' : 'applicationset-error',
        reason: `ApplicationSet ${set.name} (Argo CD instance ${
          set.instance
        }) reports ${c.reason ?? c.type}: ${c.message ?? ''}`,
        fix: {
          title: 'Open the Applications in Argo CD',
          url: `${set.uiUrl}/applications`,
        },
        entityRefs: [],
      });
    }
  }

  // 4. Catalog entities with stack annotations and no Application.
  for (const entity of input.entities) {
    const name = entity.repository;
    if (!entity.stack || !name || appsByRepo.has(name) || explained.has(name))
      continue;
    const repo = repoByName.get(name);
    const untagged = repo && !repo.topics.includes(IDP_TOPIC);
    items.push({
      cause: 'no-application',
      repository: repo ? `${repo.owner}/${repo.name}` : name,
      system: entity.system,
      reason: untagged
        ? `${entity.ref} has stack annotations, but repository ${repo.owner}/${repo.name} does not carry the ${IDP_TOPIC} topic, so Argo CD deploys nothing`
        : `${entity.ref} has stack annotations, but no Argo CD Application carries ${REPO_LABEL}=${name}`,
      fix: repo
        ? {
            title: untagged
              ? `Add the ${IDP_TOPIC} topic to the repository`
              : 'Open the repository',
            url: repo.url,
          }
        : {
            title: 'Open the entity',
            url: `/catalog/${entityPath(entity.ref)}`,
          },
      entityRefs: [entity.ref],
    });
  }
  return items;
}

function entityPath(ref: string): string {
  const [kind, rest] = ref.split(':');
  const [namespace, name] = rest.split('/');
  return `${namespace}/${kind}/${name}`;
}
