import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  BackendFeature,
  BackstageCredentials,
  ServiceFactory,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { JsonObject } from '@backstage/types';
import { setupServer } from 'msw/node';
import { schedulerServiceFactory } from '@backstage/backend-defaults/scheduler';
import { Server } from 'node:http';
import { AddressInfo } from 'node:net';
import { REFRESH_TASK_ID } from '../service/ApplicationStore';
import { stackPlugin } from '../plugin';
import { application, AUTOMATED, BY_ALICE, ENVS } from './argoFixtures';
import { workflowRun } from './githubFixtures';
import { FakeMode, fakeArgoCd, fakeGithub } from './mswFakes';
import { sha } from './argoFixtures';

export const MAIN_URL = 'https://argocd-main.example.test';
export const EDGE_URL = 'https://argocd-edge.example.test';
export const GITHUB_TOKEN = 'ghp_plugin_token_for_tests';
export const ALICE = 'user:default/alice';
/** Bob may not read `component:default/vault`. */
export const BOB = 'user:default/bob';

/** Where the catalog says an entity came from (`backstage.io/managed-by-location`). */
export const locationOf = (slug: string) =>
  `url:https://github.com/${slug}/blob/main/catalog-info.yaml`;

export function component(
  name: string,
  annotations: Record<string, string>,
  repo?: string,
): Entity {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name,
      namespace: 'default',
      annotations: {
        ...(repo
          ? { 'backstage.io/managed-by-location': locationOf(repo) }
          : {}),
        ...annotations,
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
  };
}

export const entities: Entity[] = [
  component(
    'payments-api',
    {
      'github.com/project-slug': 'acme/payments-api',
      'backstage.io/source-location':
        'url:https://github.com/acme/payments-api/tree/main/',
      'argocd/app-selector': 'idp.platform/repo=payments-api',
      'idp.platform/component': 'payments-api',
      'idp.platform/stack-file': 'stack.yaml',
    },
    'acme/payments-api',
  ),
  // A second component of the same stack repo (monorepo workflows).
  component(
    'payments-worker',
    {
      'github.com/project-slug': 'acme/payments-api',
      'argocd/app-selector': 'idp.platform/repo=payments-api',
      'idp.platform/component': 'worker',
    },
    'acme/payments-api',
  ),
  // Only the slug: Applications found by the idp.platform/repo label.
  component(
    'ledger',
    { 'github.com/project-slug': 'acme/ledger' },
    'acme/ledger',
  ),
  // Community-plugin style.
  component('billing', { 'argocd/app-name': 'billing-legacy' }, 'acme/billing'),
  component('vault', { 'github.com/project-slug': 'acme/vault' }, 'acme/vault'),
];

/** Revision each environment of payments-api runs (main instance). */
export const DEPLOYED = {
  dev: sha('payments-api-dev'),
  stage: sha('payments-api-stage'),
  prod: sha('payments-api-prod'),
};

export function mainApps() {
  return [
    ...ENVS.map(env =>
      application({
        repo: 'payments-api',
        env,
        health: env === 'stage' ? 'Degraded' : 'Healthy',
        sync: env === 'stage' ? 'OutOfSync' : 'Synced',
        operationPhase: env === 'prod' ? 'Running' : 'Succeeded',
        // dev synced by hand, stage and prod by the automated policy.
        initiatedBy: env === 'dev' ? BY_ALICE : AUTOMATED,
      }),
    ),
    // An older Argo CD: history entries without initiatedBy.
    ...ENVS.map(env =>
      application({
        repo: 'ledger',
        env,
        system: 'ledger',
        historyWithoutInitiator: true,
      }),
    ),
    ...ENVS.map(env => application({ repo: 'vault', env, system: 'vault' })),
    application({
      repo: 'billing',
      env: 'prod',
      name: 'billing-legacy',
      labels: { 'idp.platform/repo': 'billing' },
    }),
  ];
}

/** The edge instance deploys payments-api to a second prod cluster. */
export function edgeApps() {
  return [
    application({
      repo: 'payments-api',
      env: 'prod',
      name: 'payments-api-prod-edge',
      revision: DEPLOYED.prod,
    }),
  ];
}

export function payRuns() {
  // Newest first, as GitHub lists them; api runs on the main workflow, the worker on its own.
  return [
    workflowRun({
      id: 9008,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'payments-api',
      headSha: sha('next'),
      status: 'in_progress',
    }),
    workflowRun({
      id: 9007,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'payments-api',
      headSha: DEPLOYED.dev,
    }),
    workflowRun({
      id: 9006,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'payments-api',
      headSha: DEPLOYED.stage,
      conclusion: 'failure',
    }),
    workflowRun({
      id: 9005,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'payments-api',
      headSha: DEPLOYED.prod,
    }),
    workflowRun({
      id: 9004,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'payments-api',
      headSha: sha('old'),
    }),
    workflowRun({
      id: 9003,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'worker',
      headSha: sha('w1'),
    }),
    workflowRun({
      id: 9002,
      owner: 'acme',
      repo: 'payments-api',
      workflow: 'worker-release',
      headSha: sha('w2'),
    }),
  ];
}

// The plugin must pass the caller's credentials; anything else reads nothing.
function credentialsOf(options: unknown): BackstageCredentials | undefined {
  return (options as { credentials?: BackstageCredentials } | undefined)
    ?.credentials;
}

function readable(ref: string, credentials: BackstageCredentials | undefined) {
  if (!credentials) return false;
  const principal = credentials.principal as { userEntityRef?: string };
  return !(
    principal.userEntityRef === BOB && ref === 'component:default/vault'
  );
}

/**
 * Starts the plugin in a test backend with msw fakes of two Argo CD
 * instances (token and username/password) and GitHub. The catalog applies
 * read permission like the real one: Bob cannot see `vault`.
 */
export async function startStackBackend(
  options: {
    stack?: JsonObject;
    permission?: AuthorizeResult.ALLOW | AuthorizeResult.DENY;
    /** Entities beyond `entities`, e.g. an attacker's. */
    extraEntities?: Entity[];
    /** Applications the main instance lists beyond `mainApps()` (listed at start-up). */
    extraMainApps?: ReturnType<typeof mainApps>;
    /** Replaces the permissions service (takes precedence over `permission`). */
    permissions?: ServiceFactory;
    /** The integrations.github entry; default: github.com with GITHUB_TOKEN. */
    githubIntegration?: JsonObject;
    /**
     * `real`: Backstage's scheduler, tasks in the test database, run on their
     * cadence. Default: Backstage's mock scheduler, which runs every task
     * once at start-up (before this returns) and then only when triggered.
     */
    scheduler?: 'real' | 'mock';
    /** With the real scheduler: return before its Argo CD refresh has run once. */
    cold?: boolean;
    /** `stack.argocd.refreshInterval`; default 1 s (the test database's clock ticks in seconds). */
    argoRefreshInterval?: JsonObject;
    /** How the edge instance answers from the start. */
    edgeMode?: FakeMode;
    /** More backend features, e.g. the events backend and its GitHub module. */
    features?: BackendFeature[];
    /** Root config besides `integrations` and `stack`, e.g. `events`. */
    config?: JsonObject;
  } = {},
) {
  const argoMain = fakeArgoCd(
    MAIN_URL,
    [...mainApps(), ...(options.extraMainApps ?? [])],
    {
      token: 'argo-main-token',
    },
  );
  const argoEdge = fakeArgoCd(EDGE_URL, edgeApps(), {
    username: 'backstage',
    password: 'edge-password',
  });
  argoEdge.state.mode = options.edgeMode ?? 'up';
  // Mutable: a test can add a run "upstream" without telling the plugin.
  const githubRuns = { 'acme/payments-api': payRuns() };
  const github = fakeGithub('https://api.github.com', githubRuns, GITHUB_TOKEN);
  const msw = setupServer(
    ...argoMain.handlers,
    ...argoEdge.handlers,
    ...github.handlers,
  );
  msw.listen({ onUnhandledRequest: 'bypass' });

  const byRef = new Map(
    [...entities, ...(options.extraEntities ?? [])].map(e => [
      stringifyEntityRef(e),
      e,
    ]),
  );
  const catalog = catalogServiceMock.mock({
    getEntityByRef: async (ref, request) => {
      const key = typeof ref === 'string' ? ref : stringifyEntityRef(ref);
      return readable(key, credentialsOf(request)) ? byRef.get(key) : undefined;
    },
    getEntities: async (_query, request) => ({
      items: [...byRef.values()].filter(e =>
        readable(stringifyEntityRef(e), credentialsOf(request)),
      ),
    }),
    getEntitiesByRefs: async ({ entityRefs }, request) => ({
      items: entityRefs.map(ref =>
        readable(ref, credentialsOf(request)) ? byRef.get(ref) : undefined,
      ),
    }),
  });

  const backend = await startTestBackend({
    features: [
      stackPlugin,
      catalog.factory,
      ...(options.scheduler === 'real' ? [schedulerServiceFactory] : []),
      ...(options.features ?? []),
      mockServices.rootConfig.factory({
        data: {
          ...options.config,
          integrations: {
            github: [
              options.githubIntegration ?? {
                host: 'github.com',
                token: GITHUB_TOKEN,
              },
            ],
          },
          stack: {
            argocd: {
              instances: [
                { name: 'main', url: MAIN_URL, token: 'argo-main-token' },
                {
                  name: 'edge',
                  url: EDGE_URL,
                  username: 'backstage',
                  password: 'edge-password',
                },
              ],
              refreshInterval: options.argoRefreshInterval ?? { seconds: 1 },
              timeout: { milliseconds: 400 },
            },
            github: {
              refreshInterval: { milliseconds: 300 },
              maxRuns: 3,
              // Generous: GitHub is a loopback fake; the shared machine is loaded.
              timeout: { milliseconds: 2_000 },
              retryBaseDelay: { milliseconds: 1 },
              writeInterval: { milliseconds: 1 },
              organizations: ['acme'],
            },
            actions: { enabled: true },
            ...options.stack,
          },
        },
      }),
      ...(options.permissions ? [options.permissions] : []),
      ...(options.permission && !options.permissions
        ? [mockServices.permissions.factory({ result: options.permission })]
        : []),
    ],
  });

  if (options.scheduler === 'real' && !options.cold) {
    await untilRefreshed(backend.server);
  }

  return {
    server: backend.server,
    catalog,
    /** For tests that add handlers (`msw.use`). */
    msw,
    argoMain: argoMain.state,
    argoEdge: argoEdge.state,
    github: github.state,
    githubRuns,
    auth: (user = ALICE) => mockCredentials.user.header(user),
    async stop() {
      await backend.stop();
      msw.close();
    },
  };
}

/**
 * Waits until the scheduled Argo CD refresh has run once, asking the
 * scheduler's own task API (`/.backstage/scheduler/v1/tasks` of the plugin).
 */
export async function untilRefreshed(server: Server) {
  const { port } = server.address() as AddressInfo;
  await eventually(async () => {
    const res = await fetch(
      `http://127.0.0.1:${port}/api/stack/.backstage/scheduler/v1/tasks`,
      { headers: { Authorization: mockCredentials.service.header() } },
    );
    expect(res.status).toBe(200);
    const { tasks } = (await res.json()) as {
      tasks: Array<{ taskId: string; taskState?: { lastRunEndedAt?: string } }>;
    };
    const task = tasks.find(t => t.taskId === REFRESH_TASK_ID);
    expect(task?.taskState?.lastRunEndedAt).toBeDefined();
  }, 5_000);
}

export const wait = (ms: number) => new Promise(r => setTimeout(r, ms));

/** Retries an assertion until it passes (background refreshes finish a moment after the answer). */
export async function eventually<T>(
  check: () => Promise<T> | T,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await check();
    } catch (e) {
      if (Date.now() > deadline) throw e;
      await wait(25);
    }
  }
}
