/**
 * Peer benchmark of deployment health: this plugin, the Roadie Argo CD
 * backend (@roadiehq/backstage-plugin-argo-cd-backend) and the community one
 * (@backstage-community/plugin-argocd-backend) installed in the SAME backend,
 * pointed at the same fake Argo CD (two instances, in a worker thread) and
 * driven by the same catalog, each with the requests its own frontend makes
 * per entity view (see loadWorker.ts). Once with token and once with
 * username/password authentication; each auth mode starts a fresh backend
 * and measures this plugin first, from its first second (cold start).
 *
 *   pnpm bench [--duration 30] [--clients 50] [--entities 500] [--rate 4]
 *              [--auth token|password|both] [--only stack|roadie|community]
 *
 * Prints a Markdown table: p50/p95 per view, views/min, Argo CD calls and
 * bytes per minute, and the ratios of each peer to this plugin.
 */
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import type { Entity } from '@backstage/catalog-model';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  createPermission,
} from '@backstage/plugin-permission-common';
import communityArgoCdPlugin from '@backstage-community/plugin-argocd-backend';
import roadieArgoCdPlugin from '@roadiehq/backstage-plugin-argo-cd-backend';
import os from 'node:os';
import { AddressInfo } from 'node:net';
import { Worker } from 'node:worker_threads';
import { stackPlugin } from '../src/plugin';
import { benchEntities } from './benchCatalog';
import type { Calls } from './fakeUpstreams';
import type { FakeArgoJob } from './fakeArgoWorker';
import type { Kind, LoadJob, LoadResult, Plugin } from './loadWorker';
// The bench scripts' one argument helper (dev-only, not part of any package's API).
// eslint-disable-next-line @backstage/no-relative-monorepo-imports
import {
  benchArg as arg,
  benchNumber,
} from '../../stack-common/bench/benchArgs';

const DURATION_S = benchNumber('duration', 30);
const CLIENTS = benchNumber('clients', 50);
const ENTITIES = benchNumber('entities', 500);
// Views per second per client; 0 = closed loop (saturation).
const RATE = benchNumber('rate', 4);
const AUTHS = (
  arg('auth', 'both') === 'both' ? ['token', 'password'] : [arg('auth', '')]
) as Array<'token' | 'password'>;
const PLUGINS = (
  arg('only', '') ? [arg('only', '')] : ['stack', 'roadie', 'community']
) as Plugin[];
const BATCH = 100;
// Share of this plugin's views that are a catalog page of 100 entities.
const BATCH_SHARE = 0.1;
const ARGO_REFRESH_S = 10;
const INSTANCES = ['a', 'b'];

// The catalog's own read check, asked per entity with the caller's credentials.
const catalogEntityRead = createPermission({
  name: 'catalog.entity.read',
  attributes: { action: 'read' },
  resourceType: 'catalog-entity',
});

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)];
}

/** The fake Argo CD instances, in a worker thread. */
async function startFakeArgo(job: FakeArgoJob) {
  const worker = new Worker(
    new URL('./fakeArgoWorker.ts', `file://${__filename}`),
    { workerData: job },
  );
  let failed: unknown;
  worker.once('error', e => {
    failed = e;
  });
  const next = <T>(key: string) =>
    new Promise<T>((resolve, reject) => {
      if (failed) reject(failed);
      const onMessage = (m: any) => {
        if (key in m) {
          worker.off('message', onMessage);
          resolve(m[key]);
        }
      };
      worker.on('message', onMessage);
    });
  const urls = await next<string[]>('urls');
  return {
    urls,
    async stats(): Promise<Calls> {
      const reply = next<Calls[]>('stats');
      worker.postMessage('stats');
      const all = await reply;
      return all.reduce((sum, c) => ({
        total: sum.total + c.total,
        notModified: sum.notModified + c.notModified,
        sessions: sum.sessions + c.sessions,
        bytes: sum.bytes + c.bytes,
      }));
    },
    async close() {
      const closed = next('closed');
      worker.postMessage('close');
      await closed;
      await worker.terminate();
    },
  };
}

function catalogOf(entities: Map<string, Entity>) {
  // In memory, but it answers only what the caller may read, like the catalog.
  return createServiceFactory({
    service: catalogServiceRef,
    deps: { permissions: coreServices.permissions },
    factory: ({ permissions }) => {
      const readable = async (refs: string[], credentials: any) =>
        (
          await permissions.authorize(
            refs.map(resourceRef => ({
              permission: catalogEntityRead,
              resourceRef,
            })),
            { credentials },
          )
        ).map(d => d.result === AuthorizeResult.ALLOW);
      return {
        getEntityByRef: async (ref: string, { credentials }: any) =>
          (await readable([ref], credentials))[0]
            ? entities.get(ref)
            : undefined,
        getEntitiesByRefs: async (
          { entityRefs }: { entityRefs: string[] },
          { credentials }: any,
        ) => {
          const allowed = await readable(entityRefs, credentials);
          return {
            items: entityRefs.map((r, i) =>
              allowed[i] ? entities.get(r) : undefined,
            ),
          };
        },
      } as any;
    },
  });
}

interface Row {
  auth: string;
  plugin: Plugin;
  kind: Kind;
  views: number;
  p50: number;
  p95: number;
  viewsPerMin: number;
  errors: number;
  empty: number;
  callsPerMin: number;
  sessionsPerMin: number;
  megabytesPerMin: number;
}

async function main() {
  const lifetimeMs = (DURATION_S * 8 + 600) * 1000;
  const repos = Array.from(
    { length: ENTITIES },
    (_, i) => `svc-${String(i).padStart(4, '0')}`,
  );
  const half = Math.ceil(repos.length / 2);
  const login = { username: 'backstage', password: 'bench-password' };
  const fake = await startFakeArgo({
    instances: [
      { repos: repos.slice(0, half), token: 'bench-a', ...login },
      { repos: repos.slice(half), token: 'bench-b', ...login },
    ],
    lifetimeMs,
  });
  const entities = benchEntities(repos, repo => ({
    'github.com/project-slug': `acme/${repo}`,
    'argocd/app-selector': `idp.platform/repo=${repo}`,
  }));
  const refs = [...entities.keys()];
  const rows: Row[] = [];
  const loads: string[] = [];

  for (const auth of AUTHS) {
    const instances = INSTANCES.map((name, i) => ({
      name,
      url: fake.urls[i],
      ...(auth === 'token' ? { token: `bench-${name}` } : login),
    }));
    // This plugin's first refresh runs at start-up: count from here.
    let before = await fake.stats();
    let beforeAt = Date.now();
    const backend = await startTestBackend({
      features: [
        stackPlugin,
        roadieArgoCdPlugin,
        communityArgoCdPlugin,
        catalogOf(entities),
        mockServices.rootConfig.factory({
          data: {
            stack: {
              argocd: {
                instances,
                refreshInterval: { seconds: ARGO_REFRESH_S },
              },
              github: { organizations: ['acme'] },
            },
            // Roadie's and the community plugin's shared config block.
            argocd: {
              appLocatorMethods: [{ type: 'config', instances }],
            },
          },
        }),
      ],
    });
    const { port } = backend.server.address() as AddressInfo;
    const base = `http://127.0.0.1:${port}/api`;
    const load0 = os.loadavg()[0];
    if (auth === AUTHS[0]) {
      // Warm the process (JIT of Node's HTTP stack and Express), not any
      // plugin's data: 2 s of a route that calls no Argo CD.
      const until = Date.now() + 2_000;
      while (Date.now() < until) {
        await Promise.all(
          Array.from({ length: 10 }, () =>
            fetch(`${base}/backstage-community-argocd/check`).then(r =>
              r.arrayBuffer(),
            ),
          ),
        );
      }
    }

    for (const plugin of PLUGINS) {
      process.stderr.write(
        `${auth}: ${plugin} for ${DURATION_S}s, ${CLIENTS} clients\n`,
      );
      const started = Date.now();
      const job: LoadJob = {
        base,
        plugin,
        auth: mockCredentials.user.header(),
        refs,
        instances: INSTANCES,
        clients: CLIENTS,
        deadline: started + DURATION_S * 1000,
        batchSize: BATCH,
        batchShare: BATCH_SHARE,
        rate: RATE,
      };
      const result = await new Promise<LoadResult>((resolve, reject) => {
        const worker = new Worker(
          new URL('./loadWorker.ts', `file://${__filename}`),
          { workerData: job },
        );
        worker.once('message', m => {
          resolve(m);
          worker.terminate();
        });
        worker.once('error', reject);
      });
      const minutes = (Date.now() - started) / 60_000;
      for (const sample of result.errorSamples) {
        process.stderr.write(`  ${plugin} error: ${sample}\n`);
      }
      // Upstream calls counted from the previous plugin's end (this plugin's
      // start-up for the first), per minute of that whole span.
      const after = await fake.stats();
      const span = (Date.now() - beforeAt) / 60_000;
      const kinds: Kind[] =
        plugin === 'stack' ? ['single', 'batch'] : ['single'];
      for (const kind of kinds) {
        const sorted = result.latencies[kind].sort((a, b) => a - b);
        rows.push({
          auth,
          plugin,
          kind,
          views: sorted.length,
          p50: percentile(sorted, 0.5),
          p95: percentile(sorted, 0.95),
          viewsPerMin: sorted.length / minutes,
          errors: result.errors,
          empty: result.empty,
          callsPerMin: (after.total - before.total) / span,
          sessionsPerMin: (after.sessions - before.sessions) / span,
          megabytesPerMin: (after.bytes - before.bytes) / 1e6 / span,
        });
      }
      before = after;
      beforeAt = Date.now();
      // Let abandoned server-side work finish before the next plugin's minute.
      await new Promise(r => setTimeout(r, 3_000));
    }
    loads.push(`${auth}: ${load0.toFixed(1)}→${os.loadavg()[0].toFixed(1)}`);
    await backend.stop();
  }
  await fake.close();

  const f = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '-');
  const ratio = (a: number, b: number) =>
    b > 0 && Number.isFinite(a) ? `${(a / b).toFixed(1)}×` : '-';
  const lines = [
    `${ENTITIES} entities x dev/stage/prod on 2 Argo CD instances (fake, worker thread), ${CLIENTS} clients at ${
      RATE > 0 ? `${RATE} views/s each` : 'closed loop'
    }, ${DURATION_S} s per plugin, this plugin first from a cold start (refresh every ${ARGO_REFRESH_S} s); load average ${loads.join(
      ', ',
    )} on ${os.cpus().length} cores`,
    '',
    '| auth | plugin | view | p50 / p95 ms | views/min | errors | empty | Argo CD calls/min (logins) | Argo CD MB/min | p95 vs ours | calls vs ours |',
    '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(r => {
      const ours = rows.find(
        o => o.auth === r.auth && o.plugin === 'stack' && o.kind === 'single',
      );
      return `| ${r.auth} | ${r.plugin} | ${
        r.kind === 'batch' ? `batch of ${BATCH}` : 'entity'
      } | ${f(r.p50)} / ${f(r.p95)} | ${f(r.viewsPerMin)} | ${r.errors} | ${
        r.empty
      } | ${f(r.callsPerMin)} (${f(r.sessionsPerMin)}) | ${f(
        r.megabytesPerMin,
      )} | ${r.plugin === 'stack' ? '' : ratio(r.p95, ours!.p95)} | ${
        r.plugin === 'stack' ? '' : ratio(r.callsPerMin, ours!.callsPerMin)
      } |`;
    }),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exit(0);
}

main().catch(e => {
  process.stderr.write(`${e?.stack ?? e}\n`);
  process.exit(1);
});
