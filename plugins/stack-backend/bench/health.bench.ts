/**
 * Load benchmark of the stack backend against loopback fake Argo CD and
 * GitHub servers that count calls. Runs the plugin and a naive per-entity
 * pass-through baseline in the same backend, one after the other.
 *
 *   pnpm bench [--duration 60] [--clients 50] [--entities 500] [--workers 1]
 *              [--rate <requests/s per client, 0 = closed loop>] [--warmup <s>]
 *              [--only stack|naive]
 *
 * Prints p50/p95 latency per request kind and upstream calls per minute.
 */
import { createServiceFactory } from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import type { Kind, LoadJob } from './loadWorker';
import { stackPlugin } from '../src/plugin';
import { appsFor, fakeArgoServer, fakeGithubServer } from './fakeUpstreams';
import { createNaivePlugin } from './naivePlugin';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const DURATION_S = arg('duration', 60);
const CLIENTS = arg('clients', 50);
const ENTITIES = arg('entities', 500);
const BATCH = 100;
const ARGO_REFRESH_S = 10;
const GITHUB_REFRESH_S = 30;

// Client threads; the backend and the fake upstreams share the main thread.
const WORKERS = arg('workers', 1);
// Requests per second per client; 0 = closed loop (saturation).
const RATE = arg('rate', 0);
// Seconds of unmeasured load before each run (fills caches; 0 = measure the cold start too).
const WARMUP_S = arg('warmup', 0);

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

async function main() {
  const lifetimeMs = ((DURATION_S + WARMUP_S) * 2 + 60) * 1000;
  const repos = Array.from(
    { length: ENTITIES },
    (_, i) => `svc-${String(i).padStart(4, '0')}`,
  );
  const half = Math.ceil(repos.length / 2);
  const argoA = await fakeArgoServer(
    appsFor(repos.slice(0, half)),
    'bench-a',
    lifetimeMs,
  );
  const argoB = await fakeArgoServer(
    appsFor(repos.slice(half)),
    'bench-b',
    lifetimeMs,
  );
  const github = await fakeGithubServer('acme', repos, lifetimeMs);

  const entities = new Map<string, Entity>(
    repos.map(repo => {
      const e: Entity = {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: repo,
          namespace: 'default',
          annotations: {
            'github.com/project-slug': `acme/${repo}`,
            'argocd/app-selector': `idp.platform/repo=${repo}`,
          },
        },
        spec: { type: 'service', lifecycle: 'production', owner: 'team-a' },
      };
      return [stringifyEntityRef(e), e];
    }),
  );
  // In-memory catalog: the benchmark measures the plugin, not the catalog.
  const catalog = createServiceFactory({
    service: catalogServiceRef,
    deps: {},
    factory: () =>
      ({
        getEntityByRef: async (ref: string) => entities.get(ref),
        getEntitiesByRefs: async ({
          entityRefs,
        }: {
          entityRefs: string[];
        }) => ({
          items: entityRefs.map(r => entities.get(r)),
        }),
      } as any),
  });

  const backend = await startTestBackend({
    features: [
      stackPlugin,
      createNaivePlugin({
        instances: [
          { url: argoA.url, token: 'bench-a' },
          { url: argoB.url, token: 'bench-b' },
        ],
        githubApi: github.url,
      }),
      catalog,
      mockServices.rootConfig.factory({
        data: {
          integrations: {
            github: [
              {
                host: 'github.com',
                token: 'bench-token',
                apiBaseUrl: github.url,
              },
            ],
          },
          stack: {
            argocd: {
              instances: [
                { name: 'a', url: argoA.url, token: 'bench-a' },
                { name: 'b', url: argoB.url, token: 'bench-b' },
              ],
              refreshInterval: { seconds: ARGO_REFRESH_S },
            },
            github: { refreshInterval: { seconds: GITHUB_REFRESH_S } },
          },
        },
      }),
    ],
  });
  const { port } = backend.server.address() as AddressInfo;
  const base = `http://127.0.0.1:${port}/api`;
  const auth = mockCredentials.user.header();
  const refs = [...entities.keys()];

  async function phase(plugin: 'stack' | 'naive', seconds: number) {
    const argoBefore = argoA.calls.total + argoB.calls.total;
    const ghBefore = github.calls.total;
    const ghNotModifiedBefore = github.calls.notModified;
    const started = Date.now();
    const perWorker = Math.ceil(CLIENTS / WORKERS);
    const outcomes = await Promise.all(
      Array.from({ length: WORKERS }, (_, w) => {
        const job: LoadJob = {
          base,
          plugin,
          auth,
          refs,
          clients: Math.min(perWorker, CLIENTS - w * perWorker),
          deadline: started + seconds * 1000,
          batchSize: BATCH,
          rate: RATE,
        };
        return new Promise<{
          latencies: Record<Kind, number[]>;
          errors: number;
        }>((resolve, reject) => {
          const worker = new Worker(
            new URL('./loadWorker.ts', `file://${__filename}`),
            {
              workerData: job,
            },
          );
          worker.once('message', m => {
            resolve(m);
            worker.terminate();
          });
          worker.once('error', reject);
        });
      }),
    );
    const latencies: Record<Kind, number[]> = {
      single: [],
      builds: [],
      batch: [],
    };
    let errors = 0;
    for (const o of outcomes) {
      errors += o.errors;
      for (const k of ['single', 'builds', 'batch'] as Kind[]) {
        latencies[k].push(...o.latencies[k]);
      }
    }
    const minutes = (Date.now() - started) / 60_000;
    const row = (kind: Kind) => {
      const s = latencies[kind].sort((a, b) => a - b);
      return {
        requests: s.length,
        p50: percentile(s, 0.5),
        p95: percentile(s, 0.95),
      };
    };
    return {
      plugin,
      single: row('single'),
      builds: row('builds'),
      batch: row('batch'),
      errors,
      argoCallsPerMin:
        (argoA.calls.total + argoB.calls.total - argoBefore) / minutes,
      githubCallsPerMin: (github.calls.total - ghBefore) / minutes,
      github304PerMin:
        (github.calls.notModified - ghNotModifiedBefore) / minutes,
      requestsPerMin:
        (latencies.single.length +
          latencies.builds.length +
          latencies.batch.length) /
        minutes,
    };
  }

  async function quiesce() {
    const total = () =>
      argoA.calls.total + argoB.calls.total + github.calls.total;
    let last = -1;
    for (let i = 0; i < 60 && total() !== last; i++) {
      last = total();
      await new Promise(r => setTimeout(r, 2_000));
    }
  }

  const results = [];
  const only = process.argv.indexOf('--only');
  const plugins = (
    only > 0 ? [process.argv[only + 1]] : ['stack', 'naive']
  ) as Array<'naive' | 'stack'>;
  for (const plugin of plugins) {
    process.stderr.write(
      `running ${plugin} for ${DURATION_S}s with ${CLIENTS} clients...\n`,
    );
    // A client that gave up leaves server-side work running; let it finish
    // so one run's upstream calls are not counted in the next.
    await quiesce();
    if (WARMUP_S > 0) {
      await phase(plugin, WARMUP_S);
    }
    results.push(await phase(plugin, DURATION_S));
  }
  await backend.stop();
  await Promise.all([argoA.close(), argoB.close(), github.close()]);

  const f = (n: number) => (Number.isNaN(n) ? '-' : n.toFixed(1));
  const lines = [
    `${ENTITIES} entities x 3 envs, 2 Argo CD instances, ${CLIENTS} clients (${
      RATE > 0 ? `${RATE} req/s each` : 'closed loop'
    }), ${DURATION_S} s per run after ${WARMUP_S} s warm-up; ` +
      `stack refresh: Argo CD ${ARGO_REFRESH_S} s, GitHub ${GITHUB_REFRESH_S} s; mix 70% single health, 20% builds, 10% batch of ${BATCH}`,
    '',
    '| run | single p50 / p95 ms | builds p50 / p95 ms | batch p50 / p95 ms | requests/min | errors | Argo CD calls/min | GitHub calls/min (304s) |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
    ...results.map(
      r =>
        `| ${r.plugin} | ${f(r.single.p50)} / ${f(r.single.p95)} | ${f(
          r.builds.p50,
        )} / ${f(r.builds.p95)} | ${f(r.batch.p50)} / ${f(r.batch.p95)} | ${f(
          r.requestsPerMin,
        )} | ${r.errors} | ${f(r.argoCallsPerMin)} | ${f(
          r.githubCallsPerMin,
        )} (${f(r.github304PerMin)}) |`,
    ),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exit(0);
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
