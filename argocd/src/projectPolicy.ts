import { globMatch } from './glob';
import { groupOf, isNamespaced } from './resourceScope';

export interface GroupKind {
  group: string;
  kind: string;
}
export interface AppProjectLike {
  metadata: { name: string };
  spec: {
    sourceRepos?: string[];
    destinations?: { server?: string; name?: string; namespace?: string }[];
    clusterResourceWhitelist?: GroupKind[];
    clusterResourceBlacklist?: GroupKind[];
    namespaceResourceWhitelist?: GroupKind[];
    namespaceResourceBlacklist?: GroupKind[];
  };
}
export interface ObjectLike {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}
export interface ApplicationLike {
  metadata: { name: string };
  spec: {
    project?: string;
    source?: { repoURL: string };
    sources?: { repoURL: string }[];
    destination: { server?: string; namespace?: string };
  };
}

const IN_CLUSTER = 'https://kubernetes.default.svc';

const inList = (list: GroupKind[], group: string, kind: string) =>
  list.some(i => globMatch(i.group, group) && globMatch(i.kind, kind));

// Argo CD util/git NormalizeGitURL, for the https URLs we use: case and `.git` do not matter.
const normalizeRepoURL = (url: string) =>
  url
    .toLowerCase()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');

/** AppProject.IsDestinationPermitted for an in-cluster namespace. */
export function isDestinationPermitted(
  project: AppProjectLike,
  namespace: string,
  server = IN_CLUSTER,
): boolean {
  return (project.spec.destinations ?? []).some(
    d =>
      d.server !== undefined &&
      globMatch(d.server, server) &&
      globMatch(d.namespace ?? '', namespace),
  );
}

/** AppProject.IsSourcePermitted: `*` does not cross `/` in sourceRepos. */
export function isSourcePermitted(
  project: AppProjectLike,
  repoURL: string,
): boolean {
  return (project.spec.sourceRepos ?? []).some(p =>
    globMatch(normalizeRepoURL(p), normalizeRepoURL(repoURL), '/'),
  );
}

/** AppProject.IsGroupKindPermitted: no namespaced whitelist = all; no cluster whitelist = none. */
export function isGroupKindPermitted(
  project: AppProjectLike,
  group: string,
  kind: string,
  namespaced: boolean,
): boolean {
  const s = project.spec;
  if (namespaced) {
    const white = s.namespaceResourceWhitelist;
    const allowed =
      white === undefined || (white.length > 0 && inList(white, group, kind));
    return allowed && !inList(s.namespaceResourceBlacklist ?? [], group, kind);
  }
  const allowed = inList(s.clusterResourceWhitelist ?? [], group, kind);
  return allowed && !inList(s.clusterResourceBlacklist ?? [], group, kind);
}

/**
 * Why the project refuses this Application (empty when it is allowed): project
 * name, every source repository and the destination.
 */
export function applicationViolations(
  project: AppProjectLike,
  app: ApplicationLike,
): string[] {
  const out: string[] = [];
  const where = `Application ${app.metadata.name}`;
  if (app.spec.project !== project.metadata.name) {
    out.push(
      `${where}: project is ${app.spec.project}, not ${project.metadata.name}`,
    );
  }
  const sources =
    app.spec.sources ?? (app.spec.source ? [app.spec.source] : []);
  if (sources.length === 0) out.push(`${where}: has no source`);
  for (const s of sources) {
    if (!isSourcePermitted(project, s.repoURL)) {
      out.push(
        `${where}: source ${s.repoURL} is not in the sourceRepos of project ${project.metadata.name}`,
      );
    }
  }
  const ns = app.spec.destination.namespace ?? '';
  if (!isDestinationPermitted(project, ns, app.spec.destination.server)) {
    out.push(
      `${where}: destination namespace "${ns}" is not permitted in project ${project.metadata.name}`,
    );
  }
  return out;
}

/**
 * Why the project refuses this object when an Application with destination
 * namespace `defaultNamespace` syncs it (empty when allowed). Argo CD checks the
 * kind against the allow-lists and the namespace of namespaced objects; we also
 * require a Namespace object's own name to be a permitted destination, so a
 * workload cannot create a namespace outside the `<system>-<env>` pattern.
 */
export function resourceViolations(
  project: AppProjectLike,
  obj: ObjectLike,
  defaultNamespace: string,
): string[] {
  const group = groupOf(obj.apiVersion);
  const what = `${obj.kind}${group ? `.${group}` : ''} ${obj.metadata.name}`;
  let namespaced: boolean;
  try {
    namespaced = isNamespaced(group, obj.kind);
  } catch (e) {
    return [`${what}: ${(e as Error).message}`];
  }
  const out: string[] = [];
  if (!isGroupKindPermitted(project, group, obj.kind, namespaced)) {
    out.push(
      `${what}: ${
        namespaced ? 'namespaced' : 'cluster-scoped'
      } kind not permitted in project ${project.metadata.name}`,
    );
  }
  if (namespaced) {
    const ns = obj.metadata.namespace ?? defaultNamespace;
    if (!isDestinationPermitted(project, ns)) {
      out.push(
        `${what}: namespace "${ns}" is not permitted in project ${project.metadata.name}`,
      );
    }
  } else if (
    obj.kind === 'Namespace' &&
    group === '' &&
    !isDestinationPermitted(project, obj.metadata.name)
  ) {
    out.push(
      `${what}: namespace name is not a permitted destination of project ${project.metadata.name}`,
    );
  }
  return out;
}
