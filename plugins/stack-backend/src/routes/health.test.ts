import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import type { EntityHealth } from '@idp-stack/plugin-stack-common';
import { AddressInfo } from 'node:net';
import { REFRESH_TASK_ID } from '../service/ApplicationStore';
import {
  BOB,
  DEPLOYED,
  eventually,
  startStackBackend,
} from '../__testUtils__/startStackBackend';

jest.setTimeout(20_000);

describe('GET /api/stack/health/:kind/:namespace/:name', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  afterEach(() => t?.stop());

  it('returns the environment matrix from both instances', async () => {
    t = await startStackBackend();
    const res = await request(t.server)
      .get('/api/stack/health/component/default/payments-api')
      .set('Authorization', t.auth());
    expect(res.status).toBe(200);
    const body = res.body as EntityHealth;
    expect(body.entityRef).toBe('component:default/payments-api');
    expect(body.partial).toBe(false);
    expect(body.environments.map(e => e.environment)).toEqual([
      'dev',
      'stage',
      'prod',
    ]);
    const [dev, stage, prod] = body.environments;
    expect(dev).toMatchObject({
      syncStatus: 'Synced',
      healthStatus: 'Healthy',
    });
    expect(dev.applications[0]).toMatchObject({
      instance: 'main',
      name: 'payments-api-dev',
      revision: DEPLOYED.dev,
      url: 'https://argocd-main.example.test/applications/argocd/payments-api-dev',
      lastSync: { phase: 'Succeeded', finishedAt: '2026-11-23T10:00:30Z' },
      resourceIssues: [],
    });
    expect(dev.applications[0].history.map(h => h.id)).toEqual([3, 2, 1]);
    // Degraded and out of sync, with the resource that is the reason.
    expect(stage).toMatchObject({
      syncStatus: 'OutOfSync',
      healthStatus: 'Degraded',
    });
    expect(stage.applications[0].resourceIssues).toEqual([
      expect.objectContaining({
        kind: 'Deployment',
        name: 'api',
        syncStatus: 'OutOfSync',
        healthStatus: 'Degraded',
        message: expect.stringContaining('progress deadline'),
      }),
    ]);
    // prod: one Application per instance, a sync running on main.
    expect(prod.applications.map(a => a.instance).sort()).toEqual([
      'edge',
      'main',
    ]);
    expect(
      prod.applications.find(a => a.instance === 'main')?.operationInProgress,
    ).toMatchObject({ phase: 'Running' });
    expect(body.instances.map(i => [i.instance, i.stale, i.error])).toEqual([
      ['main', false, undefined],
      ['edge', false, undefined],
    ]);
    // One projected list call per instance with the portal's label selector.
    expect(t.argoMain.lastQuery?.get('selector')).toBe('idp.platform/repo');
    expect(t.argoMain.lastQuery?.get('fields')).toContain('items.status.sync');
  });

  it('says who started each sync: a user, the automated policy, or nobody recorded', async () => {
    t = await startStackBackend();
    const [pay, ledger] = await Promise.all(
      ['payments-api', 'ledger'].map(name =>
        request(t.server)
          .get(`/api/stack/health/component/default/${name}`)
          .set('Authorization', t.auth()),
      ),
    );
    const app = (env: string, body: EntityHealth) =>
      body.environments.find(e => e.environment === env)!.applications[0];
    expect(app('dev', pay.body).lastSync?.initiatedBy).toEqual({
      username: 'alice',
      automated: false,
    });
    expect(app('dev', pay.body).history.map(h => h.initiatedBy)).toEqual([
      { username: 'alice', automated: false },
      { username: 'alice', automated: false },
      { automated: true },
    ]);
    expect(app('stage', pay.body).lastSync?.initiatedBy).toEqual({
      automated: true,
    });
    const prodMain = (pay.body as EntityHealth).environments
      .find(e => e.environment === 'prod')!
      .applications.find(a => a.instance === 'main')!;
    expect(prodMain.operationInProgress?.initiatedBy).toEqual({
      automated: true,
    });
    // Older Argo CD: the history says nothing, the operation still does.
    expect(app('dev', ledger.body).history[0]).not.toHaveProperty(
      'initiatedBy',
    );
    expect(app('dev', ledger.body).lastSync?.initiatedBy).toEqual({
      automated: true,
    });
    // The projection asked of Argo CD keeps both places initiatedBy lives.
    const fields = t.argoMain.lastQuery?.get('fields')?.split(',') ?? [];
    for (const path of [
      'items.status.operationState.operation.initiatedBy',
      'items.status.history.initiatedBy',
    ]) {
      expect(fields.some(f => path === f || path.startsWith(`${f}.`))).toBe(
        true,
      );
    }
  });

  it('finds Applications by the repo label from the project slug and by argocd/app-name', async () => {
    t = await startStackBackend();
    const ledger = await request(t.server)
      .get('/api/stack/health/component/default/ledger')
      .set('Authorization', t.auth());
    expect(
      ledger.body.environments.map((e: any) => e.applications[0].name),
    ).toEqual(['ledger-dev', 'ledger-stage', 'ledger-prod']);
    const billing = await request(t.server)
      .get('/api/stack/health/component/default/billing')
      .set('Authorization', t.auth());
    expect(billing.body.environments).toHaveLength(1);
    expect(billing.body.environments[0].applications[0].name).toBe(
      'billing-legacy',
    );
  });

  it('requires Backstage credentials', async () => {
    t = await startStackBackend();
    const res = await request(t.server)
      .get('/api/stack/health/component/default/payments-api')
      .set('Authorization', mockCredentials.none.header());
    expect(res.status).toBe(401);
    expect(t.catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('answers 404 for an entity the caller may not read, as for one that does not exist', async () => {
    t = await startStackBackend();
    const denied = await request(t.server)
      .get('/api/stack/health/component/default/vault')
      .set('Authorization', t.auth(BOB));
    const missing = await request(t.server)
      .get('/api/stack/health/component/default/nope')
      .set('Authorization', t.auth(BOB));
    expect(denied.status).toBe(404);
    expect(missing.status).toBe(404);
    expect(JSON.stringify(denied.body)).not.toContain('vault-dev');
    // The catalog was asked with Bob's credentials, not the plugin's.
    expect(t.catalog.getEntityByRef).toHaveBeenCalledWith(
      'component:default/vault',
      {
        credentials: expect.objectContaining({
          principal: expect.objectContaining({ userEntityRef: BOB }),
        }),
      },
    );
    const allowed = await request(t.server)
      .get('/api/stack/health/component/default/vault')
      .set('Authorization', t.auth());
    expect(allowed.status).toBe(200);
  });

  it('answers 50 concurrent requests from the scheduled refresh without calling Argo CD', async () => {
    t = await startStackBackend({
      scheduler: 'real',
      argoRefreshInterval: { minutes: 10 },
    });
    // The refresh is a global task of the plugin's scheduler: one runner across replicas.
    const { port } = t.server.address() as AddressInfo;
    const tasks = await (
      await fetch(
        `http://127.0.0.1:${port}/api/stack/.backstage/scheduler/v1/tasks`,
        { headers: { Authorization: mockCredentials.service.header() } },
      )
    ).json();
    expect(tasks.tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ taskId: REFRESH_TASK_ID, scope: 'global' }),
      ]),
    );
    expect(t.argoMain.listCalls).toBe(1);
    const responses = await Promise.all(
      Array.from({ length: 50 }, () =>
        request(t.server)
          .get('/api/stack/health/component/default/payments-api')
          .set('Authorization', t.auth()),
      ),
    );
    expect(responses.every(r => r.status === 200)).toBe(true);
    expect(responses.every(r => r.body.environments.length === 3)).toBe(true);
    expect(t.argoMain.listCalls).toBe(1);
    expect(t.argoEdge.listCalls).toBe(1);
    expect(t.argoEdge.sessionCalls).toBe(1);
  });

  it('lists again on every run of the scheduled task, reusing the session token, with no request made', async () => {
    t = await startStackBackend({ scheduler: 'real' });
    await eventually(() => {
      expect(t.argoMain.listCalls).toBeGreaterThanOrEqual(3);
      expect(t.argoEdge.listCalls).toBeGreaterThanOrEqual(3);
    }, 8_000);
    expect(t.argoEdge.sessionCalls).toBe(1);
    expect(t.catalog.getEntityByRef).not.toHaveBeenCalled();
  });

  it('answers a cold start at once with the instance loading, then with its data', async () => {
    // Edge answers only after its timeout; main answers at once.
    t = await startStackBackend({
      scheduler: 'real',
      cold: true,
      edgeMode: 'slow',
    });
    const get = () =>
      request(t.server)
        .get('/api/stack/health/component/default/payments-api')
        .set('Authorization', t.auth());
    const started = Date.now();
    const first = await get();
    // Below the instance's 400 ms timeout: the request did not wait on it.
    expect(Date.now() - started).toBeLessThan(400);
    expect(first.status).toBe(200);
    expect(first.body.partial).toBe(true);
    expect(
      first.body.instances.find((i: any) => i.instance === 'edge'),
    ).toMatchObject({ loading: true, stale: false });
    expect(first.body.instances[0].error).toBeUndefined();
    await eventually(async () => {
      const body = (await get()).body;
      expect(body.environments.map((e: any) => e.environment)).toEqual([
        'dev',
        'stage',
        'prod',
      ]);
      const edge = body.instances.find((i: any) => i.instance === 'edge');
      expect(edge).toMatchObject({ stale: false, error: { kind: 'timeout' } });
      expect(edge.loading).toBeUndefined();
    });
  });

  it('returns partial results while one instance is down, marks its data stale, and recovers', async () => {
    t = await startStackBackend({ scheduler: 'real' });
    const get = async () =>
      (
        await request(t.server)
          .get('/api/stack/health/component/default/payments-api')
          .set('Authorization', t.auth())
      ).body as EntityHealth;
    await get();
    t.argoEdge.mode = 'down';
    const down = await eventually(async () => {
      const body = await get();
      expect(body.partial).toBe(true);
      return body;
    });
    const edge = down.instances.find(i => i.instance === 'edge')!;
    expect(edge).toMatchObject({ stale: true, error: { kind: 'unreachable' } });
    expect(edge.error!.message).toContain(
      'Argo CD instance "edge" is unreachable',
    );
    expect(edge.ageSeconds).toBeGreaterThanOrEqual(0);
    expect(down.instances.find(i => i.instance === 'main')).toMatchObject({
      stale: false,
    });
    const prod = down.environments.find(e => e.environment === 'prod')!;
    // The main instance's data is fresh; edge's last known Application is marked stale with its age.
    expect(
      prod.applications.find(a => a.instance === 'main')?.stale,
    ).toBeUndefined();
    expect(prod.applications.find(a => a.instance === 'edge')?.stale).toEqual({
      fetchedAt: edge.fetchedAt,
      ageSeconds: expect.any(Number),
    });
    t.argoEdge.mode = 'up';
    const recovered = await eventually(async () => {
      const body = await get();
      expect(body.partial).toBe(false);
      return body;
    });
    expect(recovered.instances.find(i => i.instance === 'edge')).toMatchObject({
      stale: false,
    });
    expect(
      recovered.environments
        .find(e => e.environment === 'prod')!
        .applications.every(a => a.stale === undefined),
    ).toBe(true);
  });

  it('explains a 401 from Argo CD without leaking the token', async () => {
    t = await startStackBackend({ scheduler: 'real' });
    t.argoMain.mode = 'unauthorized';
    const res = await eventually(async () => {
      const r = await request(t.server)
        .get('/api/stack/health/component/default/ledger')
        .set('Authorization', t.auth());
      expect(r.status).toBe(200);
      expect(
        r.body.instances.find((i: any) => i.instance === 'main').error,
      ).toBeDefined();
      return r;
    });
    const main = res.body.instances.find((i: any) => i.instance === 'main');
    // The last good list stays, marked stale; the error says what to fix.
    expect(main).toMatchObject({
      stale: true,
      error: { kind: 'unauthorized' },
    });
    expect(main.error.message).toMatch(/check the configured token/);
    expect(JSON.stringify(res.body)).not.toContain('argo-main-token');
  });

  it('does not hold requests for a slow instance once it has data', async () => {
    t = await startStackBackend({ scheduler: 'real' });
    const get = () =>
      request(t.server)
        .get('/api/stack/health/component/default/payments-api')
        .set('Authorization', t.auth());
    await get();
    t.argoEdge.mode = 'slow';
    // While the scheduled task waits on edge, requests are answered from memory.
    await eventually(() => expect(t.argoEdge.listCalls).toBeGreaterThan(1));
    const started = Date.now();
    const res = await get();
    // Below the instance's 400 ms timeout: the request did not wait on it.
    expect(Date.now() - started).toBeLessThan(400);
    expect(
      res.body.environments.find((e: any) => e.environment === 'prod')
        .applications,
    ).toHaveLength(2);
    await eventually(async () => {
      const body = (await get()).body;
      expect(
        body.instances.find((i: any) => i.instance === 'edge'),
      ).toMatchObject({
        stale: true,
        error: {
          kind: 'timeout',
          message: 'Argo CD instance "edge" did not answer in time',
        },
      });
    });
  });
});

describe('POST /api/stack/health/batch', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  afterEach(() => t?.stop());

  it('answers a page of entities in request order from the scheduled list', async () => {
    t = await startStackBackend({ argoRefreshInterval: { minutes: 10 } });
    const res = await request(t.server)
      .post('/api/stack/health/batch')
      .set('Authorization', t.auth(BOB))
      .send({
        entityRefs: [
          'component:default/ledger',
          'component:default/vault',
          'component:payments-api',
        ],
      });
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.entityRef)).toEqual([
      'component:default/ledger',
      'component:default/vault',
      'component:default/payments-api',
    ]);
    expect(res.body.items[0].health.environments).toHaveLength(3);
    expect(res.body.items[1]).toEqual({
      entityRef: 'component:default/vault',
      error: {
        name: 'NotFoundError',
        message: 'entity component:default/vault not found',
      },
    });
    expect(res.body.items[2].health.environments).toHaveLength(3);
    expect(res.body.instances).toHaveLength(2);
    expect(t.argoMain.listCalls).toBe(1);
    expect(t.catalog.getEntitiesByRefs).toHaveBeenCalledTimes(1);
  });

  it.each([
    [{}, /entityRefs must be an array/],
    [{ entityRefs: [] }, /1 to 100 refs, got 0/],
    [
      { entityRefs: Array.from({ length: 101 }, (_, i) => `component:c${i}`) },
      /1 to 100 refs, got 101/,
    ],
    [
      { entityRefs: ['component:a', 'component:'] },
      /entityRefs\[1\] "component:" is not an entity ref/,
    ],
  ])('rejects %j with a 400 naming the rule', async (body, message) => {
    t = await startStackBackend();
    const res = await request(t.server)
      .post('/api/stack/health/batch')
      .set('Authorization', t.auth())
      .send(body);
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(message);
    expect(t.catalog.getEntitiesByRefs).not.toHaveBeenCalled();
  });
});
