/**
 * Argo CD API payloads shaped like the real `v1alpha1.Application` /
 * `ApplicationList` JSON of `GET /api/v1/applications` and the session
 * answer of `POST /api/v1/session`. Used by the msw fakes and the benchmark.
 */

export const ENVS = ['dev', 'stage', 'prod'] as const;

/** A 40-hex commit SHA derived from a seed, so tests can predict revisions. */
export function sha(seed: string): string {
  let h = 0;
  let out = '';
  while (out.length < 40) {
    for (const c of `${seed}:${out.length}`) {
      h = (h * 31 + c.charCodeAt(0)) >>> 0;
    }
    out += h.toString(16).padStart(8, '0');
  }
  return out.slice(0, 40);
}

export interface AppSpec {
  repo: string;
  env: string;
  system?: string;
  revision?: string;
  sync?: 'Synced' | 'OutOfSync' | 'Unknown';
  health?: 'Healthy' | 'Progressing' | 'Degraded' | 'Suspended' | 'Missing';
  operationPhase?: 'Running' | 'Succeeded' | 'Failed';
  labels?: Record<string, string>;
  name?: string;
  /**
   * `initiatedBy` of the last sync (its operation and newest history entry):
   * `{ username }` for a user, `{ automated: true }` (the default) for the
   * controller. Older entries alternate: id 2 by `alice`, id 1 automated.
   */
  initiatedBy?: { username?: string; automated?: boolean };
  /** Argo CD that did not record `initiatedBy` in history entries yet. */
  historyWithoutInitiator?: boolean;
  /** `status.conditions`, e.g. `repoNotPermitted(...)`. */
  conditions?: Array<{
    type: string;
    message: string;
    lastTransitionTime: string;
  }>;
}

/** `initiatedBy` of a sync a user started, as Argo CD records it. */
export const BY_ALICE = { username: 'alice' };
/** `initiatedBy` of a sync the automated sync policy started. */
export const AUTOMATED = { automated: true };

export function application(spec: AppSpec) {
  const system = spec.system ?? 'payments';
  const revision = spec.revision ?? sha(`${spec.repo}-${spec.env}`);
  const name = spec.name ?? `${spec.repo}-${spec.env}`;
  const namespace = `${system}-${spec.env}`;
  const degraded = spec.health === 'Degraded';
  const phase = spec.operationPhase ?? 'Succeeded';
  const initiatedBy = spec.initiatedBy ?? AUTOMATED;
  const historyInitiator = (id: number) => {
    if (spec.historyWithoutInitiator) return {};
    const byId: Record<number, typeof initiatedBy> = {
      1: AUTOMATED,
      2: BY_ALICE,
      3: initiatedBy,
    };
    return { initiatedBy: byId[id] };
  };
  return {
    metadata: {
      name,
      namespace: 'argocd',
      uid: `3f1c1a52-${name.length}-4c1e-9d55-${revision.slice(0, 12)}`,
      resourceVersion: '480213',
      generation: 7,
      creationTimestamp: '2026-11-01T09:00:00Z',
      labels: spec.labels ?? {
        'idp.platform/repo': spec.repo,
        'idp.platform/environment': spec.env,
        'idp.platform/system': system,
      },
    },
    spec: {
      project: 'workloads',
      source: {
        repoURL: `https://github.com/acme/${spec.repo}.git`,
        path: `deploy/overlays/${spec.env}`,
        targetRevision: 'main',
      },
      destination: { server: 'https://kubernetes.default.svc', namespace },
      syncPolicy: { automated: { prune: true, selfHeal: true } },
    },
    status: {
      resources: [
        {
          version: 'v1',
          kind: 'Service',
          namespace,
          name: 'api',
          status: 'Synced',
          health: { status: 'Healthy' },
        },
        {
          group: 'apps',
          version: 'v1',
          kind: 'Deployment',
          namespace,
          name: 'api',
          status: spec.sync === 'OutOfSync' ? 'OutOfSync' : 'Synced',
          health: degraded
            ? {
                status: 'Degraded',
                message: 'Deployment "api" exceeded its progress deadline',
              }
            : { status: 'Healthy' },
        },
      ],
      sync: {
        status: spec.sync ?? 'Synced',
        comparedTo: {
          source: {
            repoURL: `https://github.com/acme/${spec.repo}.git`,
            path: `deploy/overlays/${spec.env}`,
            targetRevision: 'main',
          },
          destination: { server: 'https://kubernetes.default.svc', namespace },
        },
        revision,
      },
      health: { status: spec.health ?? 'Healthy' },
      history: [1, 2, 3].map(id => ({
        revision: id === 3 ? revision : sha(`${spec.repo}-${spec.env}-${id}`),
        deployedAt: `2026-11-2${id}T10:00:30Z`,
        id,
        source: {
          repoURL: `https://github.com/acme/${spec.repo}.git`,
          path: `deploy/overlays/${spec.env}`,
          targetRevision: 'main',
        },
        deployStartedAt: `2026-11-2${id}T10:00:00Z`,
        ...historyInitiator(id),
      })),
      reconciledAt: '2026-11-23T10:59:00Z',
      operationState: {
        operation: {
          sync: { revision },
          initiatedBy,
          retry: { limit: 5 },
        },
        phase,
        message:
          phase === 'Running'
            ? 'waiting for healthy state of apps/Deployment/api'
            : 'successfully synced (all tasks run)',
        syncResult:
          phase === 'Running'
            ? undefined
            : {
                resources: [],
                revision,
                source: {
                  repoURL: `https://github.com/acme/${spec.repo}.git`,
                  path: `deploy/overlays/${spec.env}`,
                  targetRevision: 'main',
                },
              },
        startedAt: '2026-11-23T10:00:00Z',
        finishedAt: phase === 'Running' ? undefined : '2026-11-23T10:00:30Z',
      },
      sourceType: 'Kustomize',
      summary: { images: ['ghcr.io/acme/api:1.4.2'] },
      ...(spec.conditions ? { conditions: spec.conditions } : {}),
    },
  };
}

export type ArgoApplicationJson = ReturnType<typeof application>;

/** `v1alpha1.ApplicationList` filtered by an equality/existence label selector, as Argo CD does. */
export function applicationList(
  apps: ArgoApplicationJson[],
  selector: string | null,
) {
  const terms = (selector ?? '').split(',').filter(Boolean);
  const items = apps.filter(app =>
    terms.every(term => {
      const labels = app.metadata.labels as Record<string, string>;
      const [key, value] = term.split('=');
      return value === undefined ? key in labels : labels[key] === value;
    }),
  );
  return { metadata: { resourceVersion: '480213' }, items };
}

/** An unsigned JWT with `exp`, like the session token Argo CD issues. */
export function sessionJwt(expSeconds: number): string {
  const b64 = (o: object) =>
    Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64({
    iss: 'argocd',
    sub: 'admin',
    nbf: expSeconds - 86400,
    iat: expSeconds - 86400,
    exp: expSeconds,
    jti: 'a3f5c0de',
  })}.c2lnbmF0dXJl`;
}

/**
 * `v1alpha1.ApplicationSetList` of `GET /api/v1/applicationsets`; a
 * condition like the ApplicationSet controller sets after a validation
 * error (applicationset_controller.go: `ErrorOccurred`, status "True",
 * reason `ApplicationValidationError`).
 */
export function applicationSetList(
  sets: Array<{
    name: string;
    conditions?: Array<{
      type: string;
      status: string;
      reason: string;
      message: string;
    }>;
  }>,
) {
  return {
    metadata: { resourceVersion: '480300' },
    // Go encodes an empty slice field left nil as null.
    items: sets.length
      ? sets.map(s => ({
          metadata: {
            name: s.name,
            namespace: 'argocd',
            uid: `7a0b-${s.name}`,
            resourceVersion: '480300',
            generation: 3,
            creationTimestamp: '2026-11-01T09:00:00Z',
          },
          spec: { goTemplate: true, generators: [], template: {} },
          status: {
            conditions: (s.conditions ?? []).map(c => ({
              ...c,
              lastTransitionTime: '2026-11-23T10:00:00Z',
            })),
          },
        }))
      : null,
  };
}

/** `status.conditions` entry Argo CD sets when the AppProject refuses the source repo (util/argo/argo.go ValidatePermissions). */
export function repoNotPermitted(repo: string, project: string) {
  return {
    type: 'InvalidSpecError',
    message: `application repo https://github.com/acme/${repo}.git is not permitted in project '${project}'`,
    lastTransitionTime: '2026-11-23T10:00:00Z',
  };
}
