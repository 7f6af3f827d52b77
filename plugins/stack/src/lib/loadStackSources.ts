import {
  ANNOTATIONS,
  stackUnavailableOf,
  type StackUnavailable,
} from '@idp-stack/plugin-stack-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import type { StackApi } from '../api/stackApiRef';
import { annotation } from './annotations';
import type { StackSource } from './mergeStackTopology';

/** Repos read at most per topology (one request each, in parallel). */
export const MAX_STACK_REPOS = 20;

export interface StackSources {
  sources: StackSource[];
  /** Why a repo's stack.yaml is not drawn (one entry per repo asked). */
  unavailable: StackUnavailable[];
}

/** The repo an entity comes from, or undefined when it names none. */
function repoOf(entity: Entity): string | undefined {
  return (
    annotation(entity, ANNOTATIONS.sourceLocation) ??
    annotation(entity, ANNOTATIONS.projectSlug)
  );
}

/**
 * The stack.yaml of every repo the topology's entities come from: one
 * entity per repo is asked for (the page entity first), so a system built
 * from one repo costs one request. When no entity carries
 * `idp.platform/stack-file`, the page entity is asked anyway so the backend
 * says which annotation is missing. Failures never throw: they come back
 * as `unavailable` with their reason.
 */
export async function loadStackSources(
  api: Pick<StackApi, 'getStack'>,
  entity: Entity,
  members: Entity[],
): Promise<StackSources> {
  const perRepo = new Map<string, Entity>();
  for (const e of [entity, ...members]) {
    const repo = repoOf(e);
    if (!repo || !annotation(e, ANNOTATIONS.stackFile)) continue;
    if (!perRepo.has(repo)) perRepo.set(repo, e);
  }
  const asked = perRepo.size
    ? [...perRepo.values()].slice(0, MAX_STACK_REPOS)
    : [entity];
  const results = await Promise.allSettled(
    asked.map(e => api.getStack(stringifyEntityRef(e))),
  );
  const out: StackSources = { sources: [], unavailable: [] };
  for (const r of results) {
    if (r.status === 'fulfilled') {
      out.sources.push({ stack: r.value.stack, entityRef: r.value.entityRef });
    } else {
      out.unavailable.push(stackUnavailableOf(r.reason));
    }
  }
  return out;
}
