import {
  REPO_LABEL,
  type ApplicationHealth,
  type EntityHealth,
  type EnvironmentHealth,
  type HealthStatusCode,
  type InstanceStatus,
  type SyncStatusCode,
} from '@idp-stack/plugin-stack-common';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InstanceView, Snapshot, StoredApplication } from './ApplicationStore';
import { matcherFor } from './applicationMatcher';
import { trustedRepository } from './trustedRepository';

// Applications by repo label, built once per snapshot (a catalog page asks for 100 entities).
const byRepo = new WeakMap<Snapshot, Map<string, StoredApplication[]>>();
function repoIndex(snapshot: Snapshot): Map<string, StoredApplication[]> {
  let index = byRepo.get(snapshot);
  if (!index) {
    index = new Map();
    for (const app of snapshot.apps) {
      const repo = app.labels[REPO_LABEL];
      if (repo !== undefined) {
        const list = index.get(repo) ?? [];
        list.push(app);
        index.set(repo, list);
      }
    }
    byRepo.set(snapshot, index);
  }
  return index;
}

const ENV_ORDER = ['dev', 'stage', 'prod'];
const HEALTH_RANK: HealthStatusCode[] = [
  'Healthy',
  'Suspended',
  'Progressing',
  'Unknown',
  'Missing',
  'Degraded',
];
const SYNC_RANK: SyncStatusCode[] = ['Synced', 'Unknown', 'OutOfSync'];

function envOrder(a: string, b: string): number {
  const ia = ENV_ORDER.indexOf(a);
  const ib = ENV_ORDER.indexOf(b);
  if (ia >= 0 || ib >= 0) {
    return (ia < 0 ? 99 : ia) - (ib < 0 ? 99 : ib);
  }
  return a.localeCompare(b);
}

function worst<T>(rank: T[], values: T[]): T {
  return values.reduce((w, v) => (rank.indexOf(v) > rank.indexOf(w) ? v : w));
}

/** Freshness and errors of every instance, as of `now`. */
export function instanceStatuses(
  views: InstanceView[],
  now: number,
): InstanceStatus[] {
  return views.map(v => ({
    instance: v.instance,
    fetchedAt: v.snapshot
      ? new Date(v.snapshot.fetchedAt).toISOString()
      : undefined,
    ageSeconds: v.snapshot
      ? Math.round((now - v.snapshot.fetchedAt) / 1000)
      : undefined,
    stale: Boolean(v.error && v.snapshot),
    ...(v.loading ? { loading: true } : {}),
    error: v.error?.toJSON(),
  }));
}

/**
 * The entity's Applications across instances, marked stale where the
 * instance failed. None for an entity that was not ingested from a
 * repository of `organizations` (see trustedRepository).
 */
export function applicationsFor(
  entity: Entity,
  organizations: readonly string[],
  views: InstanceView[],
  now: number,
): ApplicationHealth[] {
  let repo: string;
  try {
    repo = trustedRepository(entity, organizations).repo;
  } catch {
    return [];
  }
  const matcher = matcherFor(entity, repo);
  const result: ApplicationHealth[] = [];
  for (const view of views) {
    if (
      !view.snapshot ||
      (matcher.instances && !matcher.instances.includes(view.instance))
    ) {
      continue;
    }
    const stale = view.error
      ? {
          fetchedAt: new Date(view.snapshot.fetchedAt).toISOString(),
          ageSeconds: Math.round((now - view.snapshot.fetchedAt) / 1000),
        }
      : undefined;
    for (const app of repoIndex(view.snapshot).get(matcher.repo) ?? []) {
      if (matcher.matches(app)) {
        result.push(stale ? { ...app.health, stale } : app.health);
      }
    }
  }
  return result;
}

/** The environment × status matrix of one entity. */
export function buildEntityHealth(
  entity: Entity,
  organizations: readonly string[],
  views: InstanceView[],
  instances: InstanceStatus[],
  now: number,
): EntityHealth {
  const byEnv = new Map<string, ApplicationHealth[]>();
  for (const app of applicationsFor(entity, organizations, views, now)) {
    const list = byEnv.get(app.environment) ?? [];
    list.push(app);
    byEnv.set(app.environment, list);
  }
  const environments: EnvironmentHealth[] = [...byEnv.keys()]
    .sort(envOrder)
    .map(environment => {
      const applications = byEnv.get(environment)!;
      return {
        environment,
        syncStatus: worst(
          SYNC_RANK,
          applications.map(a => a.syncStatus),
        ),
        healthStatus: worst(
          HEALTH_RANK,
          applications.map(a => a.healthStatus),
        ),
        applications,
      };
    });
  return {
    entityRef: stringifyEntityRef(entity),
    environments,
    instances,
    partial: instances.some(i => i.error !== undefined || i.loading),
    generatedAt: new Date(now).toISOString(),
  };
}
