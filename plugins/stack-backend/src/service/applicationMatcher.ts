import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ANNOTATIONS, REPO_LABEL } from '@internal/plugin-stack-common';
import { StoredApplication } from './ApplicationStore';

export const APP_NAME_ANNOTATION = 'argocd/app-name';
export const INSTANCE_NAME_ANNOTATION = 'argocd/instance-name';

type Requirement = { key: string; value: string; equal: boolean };

/** Decides which Applications (and instances) belong to one entity. */
export interface ApplicationMatcher {
  instances?: string[];
  /** Set when the match is exactly `idp.platform/repo=<repo>`: lets callers use the index. */
  repo?: string;
  matches(app: StoredApplication): boolean;
}

/** Parses an equality-based label selector (`a=b,c==d,e!=f`), the form Argo CD accepts. */
export function parseSelector(selector: string): Requirement[] {
  return selector
    .split(',')
    .map(s => s.trim())
    .filter(Boolean)
    .map(term => {
      const m = /^([^=!\s]+)\s*(==|=|!=)\s*([^=!\s]*)$/.exec(term);
      if (!m) {
        throw new InputError(
          `annotation ${ANNOTATIONS.argocdAppSelector}: "${term}" is not key=value or key!=value`,
        );
      }
      return { key: m[1], value: m[3], equal: m[2] !== '!=' };
    });
}

/**
 * The entity's Applications: by `argocd/app-name` (comma-separated names),
 * else `argocd/app-selector`, else the `idp.platform/repo` label of the repo
 * in `github.com/project-slug`. Undefined when the entity names none.
 */
export function matcherFor(entity: Entity): ApplicationMatcher | undefined {
  const a = entity.metadata.annotations ?? {};
  const instances = a[INSTANCE_NAME_ANNOTATION]?.split(',')
    .map(s => s.trim())
    .filter(Boolean);
  if (a[APP_NAME_ANNOTATION]) {
    const names = new Set(a[APP_NAME_ANNOTATION].split(',').map(s => s.trim()));
    return { instances, matches: app => names.has(app.health.name) };
  }
  let requirements: Requirement[] | undefined;
  if (a[ANNOTATIONS.argocdAppSelector]) {
    requirements = parseSelector(a[ANNOTATIONS.argocdAppSelector]);
  } else if (a[ANNOTATIONS.projectSlug]?.includes('/')) {
    const repo = a[ANNOTATIONS.projectSlug].split('/')[1];
    requirements = [{ key: REPO_LABEL, value: repo, equal: true }];
  }
  if (!requirements?.length) {
    return undefined;
  }
  const reqs = requirements;
  const onlyRepo =
    reqs.length === 1 && reqs[0].key === REPO_LABEL && reqs[0].equal;
  return {
    instances,
    repo: onlyRepo ? reqs[0].value : undefined,
    matches: app =>
      reqs.every(r => (app.labels[r.key] === r.value) === r.equal),
  };
}
