import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { StoredApplication } from './ApplicationStore';

export const APP_NAME_ANNOTATION = 'argocd/app-name';
export const APP_SELECTOR_ANNOTATION = 'argocd/app-selector';
export const INSTANCE_NAME_ANNOTATION = 'argocd/instance-name';
export const PROJECT_SLUG_ANNOTATION = 'github.com/project-slug';
export const REPO_LABEL = 'idp.platform/repo';

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
          `annotation ${APP_SELECTOR_ANNOTATION}: "${term}" is not key=value or key!=value`,
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
  if (a[APP_SELECTOR_ANNOTATION]) {
    requirements = parseSelector(a[APP_SELECTOR_ANNOTATION]);
  } else if (a[PROJECT_SLUG_ANNOTATION]?.includes('/')) {
    const repo = a[PROJECT_SLUG_ANNOTATION].split('/')[1];
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
