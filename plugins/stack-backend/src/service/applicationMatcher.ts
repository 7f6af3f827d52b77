import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { ANNOTATIONS, REPO_LABEL } from '@idp-stack/plugin-stack-common';
import { StoredApplication } from './ApplicationStore';

export const APP_NAME_ANNOTATION = 'argocd/app-name';
export const INSTANCE_NAME_ANNOTATION = 'argocd/instance-name';

type Requirement = { key: string; value: string; equal: boolean };

/** Decides which Applications (and instances) belong to one entity. */
export interface ApplicationMatcher {
  instances?: string[];
  /** The `idp.platform/repo` label every match carries: lets callers use the index. */
  repo: string;
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
 * The entity's Applications: those whose `idp.platform/repo` label (written
 * by our ApplicationSet, argocd/applicationsets/workloads.yaml) names the
 * repository the entity was ingested from (`trustedRepository`). The
 * entity's own `argocd/app-name` (comma-separated names) or
 * `argocd/app-selector` may only narrow that set (a monorepo's components),
 * never widen it to another repository's Applications.
 */
export function matcherFor(entity: Entity, repo: string): ApplicationMatcher {
  const a = entity.metadata.annotations ?? {};
  const instances = a[INSTANCE_NAME_ANNOTATION]?.split(',')
    .map(s => s.trim())
    .filter(Boolean);
  const ofRepo = (app: StoredApplication) => app.labels[REPO_LABEL] === repo;
  if (a[APP_NAME_ANNOTATION]) {
    const names = new Set(a[APP_NAME_ANNOTATION].split(',').map(s => s.trim()));
    return {
      instances,
      repo,
      matches: app => ofRepo(app) && names.has(app.health.name),
    };
  }
  const reqs = a[ANNOTATIONS.argocdAppSelector]
    ? parseSelector(a[ANNOTATIONS.argocdAppSelector])
    : [];
  return {
    instances,
    repo,
    matches: app =>
      ofRepo(app) &&
      reqs.every(r => (app.labels[r.key] === r.value) === r.equal),
  };
}
