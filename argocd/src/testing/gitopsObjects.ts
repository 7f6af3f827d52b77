import { join } from 'path';
import { GITOPS_ROOT, kustomizeBuild } from '../manifestFiles';

let cache: any[] | undefined;

/** Everything the root app syncs, as kustomize renders argocd/. */
export function gitopsObjects(): any[] {
  cache ??= kustomizeBuild(GITOPS_ROOT);
  return cache;
}

export function gitopsObject(kind: string, name: string): any {
  const found = gitopsObjects().find(
    o => o.kind === kind && o.metadata?.name === name,
  );
  if (!found) throw new Error(`argocd/ has no ${kind} ${name}`);
  return found;
}

export const platformDir = (name: string) =>
  join(GITOPS_ROOT, 'platform', name);
