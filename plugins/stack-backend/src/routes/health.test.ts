import { mockCredentials } from '@backstage/backend-test-utils';
import request from 'supertest';
import type { EntityHealth } from '@idp-stack/plugin-stack-common';
import {
  BOB,
  DEPLOYED,
  eventually,
  startStackBackend,
  wait,
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
    expect(t.argoMain.listCalls).toBe(0);
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

  it('coalesces 50 concurrent requests into one list call per instance and one login', async () => {
    t = await startStackBackend();
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

  it('serves within the refresh interval from memory and lists again after it, reusing the session token', async () => {
    t = await startStackBackend();
    const get = () =>
      request(t.server)
        .get('/api/stack/health/component/default/ledger')
        .set('Authorization', t.auth());
    await get();
    await get();
    expect(t.argoMain.listCalls).toBe(1);
    await wait(350);
    // Answered from the last list at once; the due list runs in the background.
    const res = await get();
    expect(res.body.environments).toHaveLength(3);
    await eventually(() => {
      expect(t.argoMain.listCalls).toBe(2);
      expect(t.argoEdge.listCalls).toBe(2);
    });
    expect(t.argoEdge.sessionCalls).toBe(1);
  });

  it('returns partial results while one instance is down, marks its data stale, and recovers', async () => {
    t = await startStackBackend();
    const get = async () =>
      (
        await request(t.server)
          .get('/api/stack/health/component/default/payments-api')
          .set('Authorization', t.auth())
      ).body as EntityHealth;
    await get();
    t.argoEdge.mode = 'down';
    await wait(350);
    await get();
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
    // A failed instance is not retried before the interval is over.
    const callsAfterFailure = t.argoEdge.listCalls;
    await get();
    expect(t.argoEdge.listCalls).toBe(callsAfterFailure);

    t.argoEdge.mode = 'up';
    await wait(350);
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
    t = await startStackBackend();
    t.argoMain.mode = 'unauthorized';
    const res = await request(t.server)
      .get('/api/stack/health/component/default/ledger')
      .set('Authorization', t.auth());
    expect(res.status).toBe(200);
    const main = res.body.instances.find((i: any) => i.instance === 'main');
    expect(main).toMatchObject({
      stale: false,
      error: { kind: 'unauthorized' },
    });
    expect(main.error.message).toMatch(/check the configured token/);
    expect(JSON.stringify(res.body)).not.toContain('argo-main-token');
    expect(res.body.environments).toEqual([]);
  });

  it('does not hold requests for a slow instance once it has data', async () => {
    t = await startStackBackend();
    const get = () =>
      request(t.server)
        .get('/api/stack/health/component/default/payments-api')
        .set('Authorization', t.auth());
    await get();
    t.argoEdge.mode = 'slow';
    await wait(350);
    const started = Date.now();
    const res = await get();
    expect(Date.now() - started).toBeLessThan(200);
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

  it('bounds a slow instance by the timeout on the first request and answers with the other one', async () => {
    t = await startStackBackend();
    t.argoEdge.mode = 'slow';
    const started = Date.now();
    const res = await request(t.server)
      .get('/api/stack/health/component/default/payments-api')
      .set('Authorization', t.auth());
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(
      res.body.instances.find((i: any) => i.instance === 'edge'),
    ).toMatchObject({
      stale: false,
      error: { kind: 'timeout' },
    });
    expect(res.body.environments.map((e: any) => e.environment)).toEqual([
      'dev',
      'stage',
      'prod',
    ]);
  });
});

describe('POST /api/stack/health/batch', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  afterEach(() => t?.stop());

  it('answers a page of entities in request order with one list call per instance', async () => {
    t = await startStackBackend();
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
    expect(t.argoMain.listCalls).toBe(0);
  });
});
