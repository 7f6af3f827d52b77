import { AuthorizeResult } from '@backstage/plugin-permission-common';
import request from 'supertest';
import {
  BOB,
  eventually,
  startStackBackend,
} from '../__testUtils__/startStackBackend';

jest.setTimeout(20_000);

describe('POST /api/stack/actions/sync|refresh', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  afterEach(() => t?.stop());

  const post = (action: string, body: object, user?: string) =>
    request(t.server)
      .post(`/api/stack/actions/${action}`)
      .set('Authorization', t.auth(user))
      .send(body);

  it('syncs the Application of one environment and triggers the scheduled refresh', async () => {
    // Without the trigger the next list would be 10 minutes away.
    t = await startStackBackend({
      scheduler: 'real',
      argoRefreshInterval: { minutes: 10 },
    });
    const res = await post('sync', {
      entityRef: 'component:default/ledger',
      environment: 'prod',
    });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      instance: 'main',
      application: 'ledger-prod',
      action: 'sync',
      accepted: true,
    });
    expect(t.argoMain.syncCalls).toEqual(['ledger-prod']);
    expect(t.argoMain.listCalls).toBe(1);
    // The scheduler's worker looks for due runs every 5 s at most.
    await eventually(() => expect(t.argoMain.listCalls).toBe(2), 8_000);
  });

  it('refreshes with refresh=normal', async () => {
    t = await startStackBackend();
    const res = await post('refresh', {
      entityRef: 'component:default/ledger',
      environment: 'dev',
    });
    expect(res.status).toBe(200);
    expect(t.argoMain.refreshCalls).toEqual(['ledger-dev?normal']);
  });

  it('asks for the instance when two instances deploy the environment', async () => {
    t = await startStackBackend();
    const ambiguous = await post('sync', {
      entityRef: 'component:default/payments-api',
      environment: 'prod',
    });
    expect(ambiguous.status).toBe(400);
    expect(ambiguous.body.error.message).toMatch(
      /deployed by main, edge: pass instance/,
    );
    const chosen = await post('sync', {
      entityRef: 'component:default/payments-api',
      environment: 'prod',
      instance: 'edge',
    });
    expect(chosen.status).toBe(200);
    expect(t.argoEdge.syncCalls).toEqual(['payments-api-prod-edge']);
    expect(t.argoMain.syncCalls).toEqual([]);
  });

  it('is refused when stack.actions.enabled is not set', async () => {
    t = await startStackBackend({ stack: { actions: { enabled: false } } });
    const res = await post('sync', {
      entityRef: 'component:default/ledger',
      environment: 'prod',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(/stack.actions.enabled/);
    expect(t.argoMain.syncCalls).toEqual([]);
  });

  it('is refused without the stack.application.sync permission', async () => {
    t = await startStackBackend({ permission: AuthorizeResult.DENY });
    const res = await post('sync', {
      entityRef: 'component:default/ledger',
      environment: 'prod',
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /permission stack.application.sync.approved on component:default\/ledger denied/,
    );
    expect(t.argoMain.syncCalls).toEqual([]);
  });

  it('answers 404 for an entity the caller may not read', async () => {
    t = await startStackBackend();
    const res = await post(
      'sync',
      { entityRef: 'component:default/vault', environment: 'prod' },
      BOB,
    );
    expect(res.status).toBe(404);
    expect(t.argoMain.syncCalls).toEqual([]);
  });

  it('answers 503 with the upstream reason when Argo CD rejects the sync', async () => {
    t = await startStackBackend();
    await post('refresh', {
      entityRef: 'component:default/ledger',
      environment: 'dev',
    });
    t.argoMain.mode = 'unauthorized';
    const res = await post('sync', {
      entityRef: 'component:default/ledger',
      environment: 'dev',
    });
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /Argo CD instance "main" rejected the plugin's credentials \(401\)/,
    );
  });

  it('rejects a body without environment, naming the field', async () => {
    t = await startStackBackend();
    const res = await post('sync', { entityRef: 'component:default/ledger' });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toBe(
      'environment must be a non-empty string',
    );
  });
});
