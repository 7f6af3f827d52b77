// The portal image and two replicas of it, as production runs them.
//
// 1. Performs the Dockerfile's steps on the host (scripts/portal-image.sh:
//    build, stage, assemble) into a temporary directory: Docker itself is not
//    needed to check what the image contains and that it starts.
// 2. Starts that directory twice, as two replicas: NODE_ENV=production,
//    app-config.yaml + app-config.production.yaml as the Deployment passes
//    them, one real PostgreSQL and one real Redis (packages/backend/src/__testUtils__/serveProductionDeps.ts),
//    and fakes of Argo CD and of the Kubernetes API over HTTP. A third config
//    file holds only what a cluster would provide differently: ports, the
//    fakes' addresses and tokens, the test catalog plus examples/org.yaml.
//    People sign in through the production OIDC provider, pointed at a local
//    oidc-provider (packages/backend/src/__testUtils__/oidcServer.mjs).
//
// Set IDP_REUSE_IMAGE_BUILD=1 to skip step `build` when
// packages/backend/dist/bundle.tar.gz exists (local iterations only).
import assert from 'node:assert/strict';
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, test } from 'node:test';
import { signInWithOidc } from '../packages/backend/src/__testUtils__/oidcSignIn.ts';
import { freePort } from '../packages/backend/src/__testUtils__/processes.ts';

const ROOT = resolve(import.meta.dirname, '..');
const ARTIFACTS = resolve(ROOT, 'artifacts/e2e');
const script = resolve(ROOT, 'scripts/portal-image.sh');
const timings: Record<string, number> = {};

function timed<T>(name: string, fn: () => T): T {
  const started = Date.now();
  try {
    return fn();
  } finally {
    timings[name] = Math.round((Date.now() - started) / 1000);
  }
}

interface Deps {
  postgres: { host: string; port: number; user: string; password: string };
  redis: string;
  argocd: { url: string; token: string };
  kubernetes: { url: string; token: string };
  oidc: { metadataUrl: string; clientId: string; clientSecret: string };
  catalogDir: string;
  counts: string;
}

let image: string;
let deps: Deps;
let depsProcess: ChildProcess | undefined;
const replicas: Array<{ url: string; child: ChildProcess }> = [];
/** Every replica process started, ready or not, so that `after` ends them all. */
const children: ChildProcess[] = [];

async function startDeps(redirectUris: string[]): Promise<Deps> {
  depsProcess = spawn(
    process.execPath,
    [
      '--require',
      resolve(
        ROOT,
        'node_modules/@backstage/cli-node/config/nodeTransform.cjs',
      ),
      resolve(
        ROOT,
        'packages/backend/src/__testUtils__/serveProductionDeps.ts',
      ),
      ...redirectUris,
    ],
    { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const first = await createInterface({ input: depsProcess.stdout! })
    [Symbol.asyncIterator]()
    .next();
  if (first.done)
    throw new Error(
      'packages/backend/src/__testUtils__/serveProductionDeps.ts exited before it was ready',
    );
  return JSON.parse(first.value);
}

/** Starts one replica from the assembled image directory, as the Deployment's container would. */
async function startReplica(
  name: string,
  port: number,
): Promise<{ url: string; child: ChildProcess }> {
  const url = `http://127.0.0.1:${port}`;
  const configFile = join(image, `test-${name}.yaml`);
  const config = {
    app: { baseUrl: url },
    backend: {
      baseUrl: url,
      // The form app-config.production.yaml uses (a string; an object would not merge with it).
      listen: `:${port}`,
    },
    catalog: {
      locations: [
        {
          type: 'file',
          target: join(ROOT, 'examples/org.yaml'),
          rules: [{ allow: ['User', 'Group'] }],
        },
        {
          type: 'file',
          target: join(deps.catalogDir, 'catalog-info.yaml'),
          rules: [{ allow: ['Component', 'System', 'API', 'Resource'] }],
        },
        {
          type: 'file',
          target: join(deps.catalogDir, 'template.yaml'),
          rules: [{ allow: ['Template'] }],
        },
      ],
    },
    stack: {
      argocd: {
        refreshInterval: { seconds: 120 },
        instances: [
          { name: 'main', url: deps.argocd.url, token: deps.argocd.token },
        ],
      },
    },
    idp: {
      argocd: {
        // The fake serves plain HTTP, which @kubernetes/client-node refuses
        // unless TLS verification is off; in the cluster it is inCluster.
        cluster: {
          inCluster: false,
          url: deps.kubernetes.url,
          token: deps.kubernetes.token,
          skipTLSVerify: true,
        },
      },
    },
    kubernetes: {
      clusterLocatorMethods: [
        {
          type: 'config',
          clusters: [
            {
              name: 'workloads',
              url: deps.kubernetes.url,
              authProvider: 'serviceAccount',
              serviceAccountToken: deps.kubernetes.token,
              skipMetricsLookup: true,
            },
          ],
        },
      ],
    },
  };
  writeFileSync(configFile, JSON.stringify(config, null, 2));
  mkdirSync(ARTIFACTS, { recursive: true });
  const log = openSync(resolve(ARTIFACTS, `production-${name}.log`), 'w');
  const child = spawn(
    process.execPath,
    [
      'packages/backend',
      '--config',
      'app-config.yaml',
      '--config',
      'app-config.production.yaml',
      '--config',
      configFile,
    ],
    {
      cwd: image,
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        NODE_ENV: 'production',
        // As the image sets it (packages/backend/Dockerfile): the scaffolder's isolated-vm needs it on Node 20+.
        NODE_OPTIONS: '--no-node-snapshot',
        POSTGRES_HOST: deps.postgres.host,
        POSTGRES_PORT: String(deps.postgres.port),
        POSTGRES_USER: deps.postgres.user,
        POSTGRES_PASSWORD: deps.postgres.password,
        REDIS_URL: deps.redis,
        GITHUB_TOKEN: 'production-test-github-token',
        // Sign-in as production configures it (local oidc-provider); the
        // test's own config adds guest only to mint tokens without a browser.
        AUTH_SESSION_SECRET: 'production-test-session-secret',
        AUTH_OIDC_METADATA_URL: deps.oidc.metadataUrl,
        AUTH_OIDC_CLIENT_ID: deps.oidc.clientId,
        AUTH_OIDC_CLIENT_SECRET: deps.oidc.clientSecret,
        AUTH_GITHUB_CLIENT_ID: 'production-test-github-client',
        AUTH_GITHUB_CLIENT_SECRET: 'production-test-github-secret',
      },
      stdio: ['ignore', log, log],
    },
  );
  children.push(child);
  const deadline = Date.now() + 240_000;
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(
        `replica ${name} exited with ${child.exitCode}; see artifacts/e2e/production-${name}.log`,
      );
    }
    try {
      const res = await fetch(`${url}/.backstage/health/v1/readiness`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline)
      throw new Error(`replica ${name} not ready within 240 s`);
    await new Promise(r => setTimeout(r, 500));
  }
  return { url, child };
}

before(async () => {
  image = mkdtempSync(join(tmpdir(), 'idp-portal-image-'));
  const run = (...args: string[]) =>
    execFileSync('bash', [script, ...args], {
      cwd: image,
      stdio: ['ignore', 'inherit', 'inherit'],
      // The assemble step resolves the importers the bundle rewrote: it must
      // not run with CI's frozen lockfile.
      env: { ...process.env, CI: '' },
    });
  const reuse =
    process.env.IDP_REUSE_IMAGE_BUILD === '1' &&
    existsSync(resolve(ROOT, 'packages/backend/dist/bundle.tar.gz'));
  if (!reuse) timed('build', () => run('build'));
  timed('stage', () => run('stage', image));
  timed('assemble', () => run('assemble'));
  const ports = [await freePort(), await freePort()];
  deps = await startDeps(
    ports.map(p => `http://127.0.0.1:${p}/api/auth/oidc/handler/frame`),
  );
  const started = Date.now();
  // One after the other, as a rolling update brings them up: two backends
  // migrating an empty database at the same instant collide on Knex's
  // migration lock, and the loser exits (Kubernetes would restart it).
  replicas.push(await startReplica('a', ports[0]));
  replicas.push(await startReplica('b', ports[1]));
  timings['two replicas ready'] = Math.round((Date.now() - started) / 1000);
});

after(async () => {
  for (const child of children) {
    if (child.exitCode === null) {
      const exited = new Promise(ok => child.once('exit', ok));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise(ok => setTimeout(ok, 10_000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }
  if (depsProcess && depsProcess.exitCode === null) {
    const exited = new Promise(ok => depsProcess!.once('exit', ok));
    depsProcess.kill('SIGTERM');
    await exited;
  }
  if (image) rmSync(image, { recursive: true, force: true });
  process.stderr.write(
    `[production] seconds per step: ${JSON.stringify(timings)}\n`,
  );
});

async function counts(): Promise<{
  argocd: number;
  applicationSetPatches: number;
  kubernetes: string[];
}> {
  return (await fetch(deps.counts)).json();
}

/**
 * Ada's token from one replica, through the production OIDC sign-in (auth
 * backend, signing keys in the shared database). Retries while the catalog
 * has not read examples/org.yaml yet.
 */
async function signIn(url: string): Promise<string> {
  return eventually('ada signs in through OIDC', async () => {
    const ada = await signInWithOidc(url, 'ada@example.com');
    if (ada.token) assert.equal(ada.userEntityRef, 'user:default/ada');
    return ada.token;
  });
}

async function eventually<T>(
  what: string,
  fn: () => Promise<T | undefined>,
  timeoutMs = 90_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await fn();
    if (value !== undefined) return value;
    if (Date.now() > deadline)
      throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise(r => setTimeout(r, 500));
  }
}

test('the image holds the bundle with production dependencies only, and serves the app', async () => {
  const pkg = (p: string) =>
    existsSync(join(image, 'node_modules', p, 'package.json'));
  assert.ok(
    pkg('@backstage/plugin-catalog-backend'),
    'a production dependency of the backend',
  );
  assert.ok(
    pkg('@keyv/redis'),
    'the cache store backend.cache.store=redis loads',
  );
  assert.ok(pkg('pg'));
  for (const dev of [
    'jest',
    'playwright-core',
    'supertest',
    'react-dom',
    '@testing-library/react',
  ]) {
    assert.ok(
      !pkg(dev),
      `${dev} is a development or frontend dependency and must not be in the image`,
    );
  }
  for (const plugin of [
    'stack-backend',
    'scaffolder-backend-module-stack',
    'stack-common',
  ]) {
    const manifest = JSON.parse(
      readFileSync(join(image, 'plugins', plugin, 'package.json'), 'utf8'),
    );
    assert.match(
      manifest.main,
      /^(\.\/)?dist\//,
      `${plugin} runs from its build output`,
    );
    assert.ok(
      !existsSync(join(image, 'plugins', plugin, 'src')),
      `${plugin} ships no sources`,
    );
  }
  assert.ok(
    !existsSync(join(image, 'skeleton.tar.gz')) &&
      !existsSync(join(image, 'bundle.tar.gz')),
  );
  for (const r of replicas) {
    const res = await fetch(`${r.url}/`);
    assert.equal(res.status, 200);
    assert.match(
      await res.text(),
      /<div id="root">/,
      'the built frontend, served by app-backend',
    );
    assert.equal(
      (await fetch(`${r.url}/.backstage/health/v1/liveness`)).status,
      200,
    );
  }
});

test('the built backend signs people in with OIDC only: guest is refused', async () => {
  const [a] = replicas;
  const guest = await fetch(`${a.url}/api/auth/guest/refresh`, {
    headers: { 'x-requested-with': 'XMLHttpRequest' },
  });
  assert.notEqual(guest.status, 200);
  const stranger = await signInWithOidc(a.url, 'nobody@example.com');
  assert.equal(stranger.token, undefined);
  assert.match(stranger.error ?? '', /unable to resolve user identity/);
});

test('a sign-in token issued by one replica works on the other', async () => {
  const [a, b] = replicas;
  const token = await signIn(a.url);
  const read = (url: string, t: string) =>
    fetch(`${url}/api/catalog/entities?limit=1`, {
      headers: { Authorization: `Bearer ${t}` },
    });
  assert.equal((await read(b.url, token)).status, 200);
  assert.equal((await read(a.url, token)).status, 200);
  // And the check is real: a token signed by no replica is refused.
  const [h, p] = token.split('.');
  assert.equal((await read(b.url, `${h}.${p}.${'A'.repeat(86)}`)).status, 401);
});

test('two replicas call Argo CD once per refresh interval, as one replica does', async () => {
  const [a, b] = replicas;
  const token = await signIn(a.url);
  const health = (url: string) =>
    fetch(`${url}/api/stack/health/component/default/shop`, {
      headers: { Authorization: `Bearer ${token}` },
    });
  const before = (await counts()).argocd;
  // Replica a lists (it has nothing yet); replica b then finds a's list in
  // Redis, younger than the interval, and adopts it.
  const first = await eventually('health from replica a', async () => {
    const res = await health(a.url);
    const body = res.ok ? await res.json() : undefined;
    return body?.environments?.length ? body : undefined;
  });
  const second = await eventually('health from replica b', async () => {
    const res = await health(b.url);
    const body = res.ok ? await res.json() : undefined;
    return body?.environments?.length ? body : undefined;
  });
  assert.deepEqual(
    second.environments.map((e: any) => e.environment ?? e.name),
    first.environments.map((e: any) => e.environment ?? e.name),
  );
  for (let i = 0; i < 5; i++) {
    assert.equal((await health(i % 2 ? a.url : b.url)).status, 200);
  }
  // The list is a scheduled task with one runner across replicas (it may
  // already have run at start-up): requests themselves never call Argo CD.
  assert.ok(
    (await counts()).argocd - before <= 1,
    'at most one list call for both replicas within the interval',
  );
});

test('a scaffolder task runs exactly once across both replicas', async () => {
  const [a, b] = replicas;
  const token = await signIn(a.url);
  const auth = {
    Authorization: `Bearer ${token}`,
    'Content-Type': 'application/json',
  };
  await eventually('the test template in the catalog', async () => {
    const res = await fetch(
      `${b.url}/api/catalog/entities/by-name/template/default/refresh-once`,
      { headers: auth },
    );
    return res.ok ? true : undefined;
  });
  const before = (await counts()).applicationSetPatches;
  const ids: string[] = [];
  for (let i = 0; i < 3; i++) {
    const res = await fetch(`${a.url}/api/scaffolder/v2/tasks`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({
        templateRef: 'template:default/refresh-once',
        values: {},
      }),
    });
    assert.equal(res.status, 201, await res.clone().text());
    ids.push((await res.json()).id);
  }
  for (const id of ids) {
    const status = await eventually(`task ${id}`, async () => {
      const res = await fetch(`${b.url}/api/scaffolder/v2/tasks/${id}`, {
        headers: auth,
      });
      const task = res.ok ? await res.json() : undefined;
      return task && ['completed', 'failed', 'cancelled'].includes(task.status)
        ? task.status
        : undefined;
    });
    assert.equal(status, 'completed');
  }
  // Both replicas run task workers; each task was claimed by one of them.
  assert.equal((await counts()).applicationSetPatches - before, ids.length);
});

test("the Kubernetes tab's query returns the component's pods in every environment", async () => {
  const [, b] = replicas;
  const token = await signIn(b.url);
  const body = await eventually('pods of component:default/shop', async () => {
    const res = await fetch(
      `${b.url}/api/kubernetes/resources/workloads/query`,
      {
        method: 'POST',
        headers: {
          Authorization: `Bearer ${token}`,
          'Content-Type': 'application/json',
        },
        body: JSON.stringify({ entityRef: 'component:default/shop', auth: {} }),
      },
    );
    return res.ok ? res.json() : undefined;
  });
  const [cluster] = body.items;
  assert.equal(cluster.cluster.name, 'workloads');
  assert.deepEqual(cluster.errors, []);
  const pods = cluster.resources.find((r: any) => r.type === 'pods').resources;
  assert.deepEqual(
    pods.map((p: any) => `${p.metadata.namespace}/${p.metadata.name}`).sort(),
    [
      'commerce-dev/orders-7d9c6b5f4-dev1',
      'commerce-prod/orders-7d9c6b5f4-prod1',
      'commerce-stage/orders-7d9c6b5f4-stage1',
    ],
  );
  assert.equal(
    pods.find((p: any) => p.metadata.namespace === 'commerce-stage').status
      .containerStatuses[0].restartCount,
    3,
  );
  // The entity's label selector is what reached the API server.
  assert.ok(
    (await counts()).kubernetes.includes(
      `GET /api/v1/pods?labelSelector=${encodeURIComponent(
        'app.kubernetes.io/name=orders,app.kubernetes.io/part-of=shop',
      )}`,
    ),
  );
});
