// The portal's backend as production runs it (NODE_ENV=production,
// app-config.production.yaml, a real PostgreSQL), with a real local OIDC
// server (oidc-provider) as the IdP and the benchmark's loopback fake Argo CD:
// people in examples/org.yaml sign in, others and guest are refused, and the
// signed-in users' tokens can sync their own team's service only.
import { ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { startFakeUpstreams } from './__testUtils__/fakeUpstreams';
import { freePort, spawnJson } from './__testUtils__/processes';
import { signInWithOidc } from './__testUtils__/oidcSignIn';
import { startPostgres, TestPostgres } from './testing/postgres';
import { startRedis, TestRedis } from './testing/redis';
import {
  ProductionBackend,
  startProductionBackend,
} from './__testUtils__/productionBackend';

describe('sign-in on the production backend', () => {
  jest.setTimeout(300_000);
  let pg: TestPostgres | undefined;
  let redis: TestRedis | undefined;
  let backend: ProductionBackend | undefined;
  const children: ChildProcess[] = [];
  let fakes: Awaited<ReturnType<typeof startFakeUpstreams>> | undefined;
  const tokens: Record<string, string> = {};

  beforeAll(async () => {
    pg = await startPostgres();
    // app-config.production.yaml keeps backend.cache in Redis (two replicas).
    redis = await startRedis();
    const port = await freePort();
    const backendUrl = `http://localhost:${port}`;
    const oidc = await spawnJson([
      resolve(__dirname, '__testUtils__/oidcServer.mjs'),
      `${backendUrl}/api/auth/oidc/handler/frame`,
    ]);
    fakes = await startFakeUpstreams();
    children.push(oidc.child);
    backend = await startProductionBackend(
      {
        POSTGRES_HOST: pg.connection.host,
        POSTGRES_PORT: String(pg.connection.port),
        POSTGRES_USER: pg.connection.user,
        POSTGRES_PASSWORD: pg.connection.password,
        REDIS_URL: redis.url,
        GITHUB_TOKEN: 'e2e-github-token',
        AUTH_SESSION_SECRET: 'sign-in-test-session-secret',
        AUTH_OIDC_METADATA_URL: oidc.info.metadataUrl,
        AUTH_OIDC_CLIENT_ID: oidc.info.clientId,
        AUTH_OIDC_CLIENT_SECRET: oidc.info.clientSecret,
        // The GitHub provider is configured too; these only let it start.
        AUTH_GITHUB_CLIENT_ID: 'github-client-id',
        AUTH_GITHUB_CLIENT_SECRET: 'github-client-secret',
        ...fakes.env,
      },
      { port },
    );
    // The catalog reads examples/org.yaml after start: retry until Ada resolves.
    const deadline = Date.now() + 90_000;
    for (;;) {
      const ada = await signInWithOidc(backend.baseUrl, 'ada@example.com');
      if (ada.token) {
        tokens.ada = ada.token;
        break;
      }
      if (Date.now() > deadline)
        throw new Error(`ada never signed in: ${ada.error}`);
      await new Promise(r => setTimeout(r, 1000));
    }
  });

  afterAll(async () => {
    await backend?.stop();
    for (const c of children) c.kill('SIGTERM');
    fakes?.stop();
    await redis?.stop();
    pg?.stop();
  });

  it('signs catalog users in through OIDC with their catalog identity', async () => {
    const linus = await signInWithOidc(backend!.baseUrl, 'linus@example.com');
    expect(linus.userEntityRef).toBe('user:default/linus');
    tokens.linus = linus.token!;
    const ada = await signInWithOidc(backend!.baseUrl, 'ada@example.com');
    expect(ada.userEntityRef).toBe('user:default/ada');
  });

  it('refuses a person who is not in the catalog, saying so', async () => {
    const mallory = await signInWithOidc(
      backend!.baseUrl,
      'mallory@example.com',
    );
    expect(mallory.token).toBeUndefined();
    expect(mallory.error).toMatch(/unable to resolve user identity/);
  });

  it('refuses guest under NODE_ENV=production', async () => {
    const res = await fetch(
      `${backend!.baseUrl}/api/auth/guest/refresh?env=development`,
      {
        headers: { 'x-requested-with': 'XMLHttpRequest' },
      },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error.message).toMatch(
      /guest provider cannot be used outside of a development environment/,
    );
  });

  it("lets each user sync their own team's service and answers 403 for the other's", async () => {
    const sync = (who: string, name: string) =>
      fetch(`${backend!.baseUrl}/api/stack/actions/sync`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${tokens[who]}`,
          'content-type': 'application/json',
        },
        body: JSON.stringify({
          entityRef: `component:default/${name}`,
          environment: 'dev',
        }),
      });
    const own = await sync('ada', 'payments-api');
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({
      application: 'payments-dev',
      accepted: true,
    });
    expect((await sync('ada', 'receipts-worker')).status).toBe(403);
    expect((await sync('linus', 'payments-api')).status).toBe(403);
    expect((await sync('linus', 'receipts-worker')).status).toBe(200);
  });
});
