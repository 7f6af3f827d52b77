import type { Entity } from '@backstage/catalog-model';
import type {
  ApplicationHealth,
  EntityHealth,
  HealthBatchResponse,
  HealthStatusCode,
  SyncInitiator,
  SyncStatusCode,
} from '@idp-stack/plugin-stack-common';
import type { StackApi } from '../api/stackApiRef';

/** `initiatedBy` as the backend maps Argo CD's: a sync `alice` started by hand. */
export const BY_ALICE: SyncInitiator = { username: 'alice', automated: false };
/** `initiatedBy` of a sync the automated sync policy started. */
export const AUTOMATED: SyncInitiator = { automated: true };

type EnvSpec = [HealthStatusCode, SyncStatusCode, Partial<ApplicationHealth>?];

/** An `EntityHealth` shaped like the stack backend's answer. */
export function entityHealth(
  entityRef: string,
  envs: Record<string, EnvSpec>,
): EntityHealth {
  const repo = entityRef.split('/').pop()!;
  return {
    entityRef,
    environments: Object.entries(envs).map(([environment, [h, s, extra]]) => ({
      environment,
      healthStatus: h,
      syncStatus: s,
      applications: [
        {
          instance: 'main',
          name: `${repo}-${environment}`,
          environment,
          syncStatus: s,
          healthStatus: h,
          revision: 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0',
          resourceIssues: [],
          history: [],
          ...extra,
        },
      ],
    })),
    instances: [{ instance: 'main', stale: false, ageSeconds: 4 }],
    partial: false,
    generatedAt: '2026-01-01T00:00:00Z',
  };
}

export function batchOf(healths: Record<string, EntityHealth | string>) {
  return (refs: string[]): Promise<HealthBatchResponse> =>
    Promise.resolve({
      items: refs.map(ref => {
        const h = healths[ref];
        if (h === undefined) {
          return {
            entityRef: ref,
            error: {
              name: 'NotFoundError',
              message: `${ref} has no argocd/app-selector annotation`,
            },
          };
        }
        if (typeof h === 'string')
          return { entityRef: ref, error: { name: 'InputError', message: h } };
        return { entityRef: ref, health: h };
      }),
      instances: [{ instance: 'main', stale: false, ageSeconds: 4 }],
    });
}

/** A stack API whose methods are jest mocks; tests set what they need. */
export function fakeStackApi(
  overrides: Partial<StackApi> = {},
): jest.Mocked<StackApi> {
  return {
    getHealth: jest.fn().mockRejectedValue(new Error('getHealth not faked')),
    getHealthBatch: jest
      .fn()
      .mockRejectedValue(new Error('getHealthBatch not faked')),
    getBuilds: jest.fn().mockRejectedValue(new Error('getBuilds not faked')),
    getStack: jest.fn().mockRejectedValue(new Error('getStack not faked')),
    getCapabilities: jest
      .fn()
      .mockRejectedValue(new Error('getCapabilities not faked')),
    sync: jest.fn().mockRejectedValue(new Error('sync not faked')),
    refresh: jest.fn().mockRejectedValue(new Error('refresh not faked')),
    getLooseStacks: jest
      .fn()
      .mockRejectedValue(new Error('getLooseStacks not faked')),
    getEntityLooseStacks: jest
      .fn()
      .mockRejectedValue(new Error('getEntityLooseStacks not faked')),
    ...overrides,
  } as jest.Mocked<StackApi>;
}

export function catalogEntity(
  kind: string,
  name: string,
  options: {
    type?: string;
    relations?: Array<[string, string]>;
    annotations?: Record<string, string>;
  } = {},
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind,
    metadata: { name, namespace: 'default', annotations: options.annotations },
    spec: options.type ? { type: options.type } : {},
    relations: (options.relations ?? []).map(([type, targetRef]) => ({
      type,
      targetRef,
    })),
  };
}
