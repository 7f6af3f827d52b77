import request from 'supertest';
import type { EntityBuilds } from '@idp-stack/plugin-stack-common';
import {
  BOB,
  DEPLOYED,
  eventually,
  GITHUB_TOKEN,
  component,
  startStackBackend,
  wait,
} from '../__testUtils__/startStackBackend';

jest.setTimeout(20_000);

describe('GET /api/stack/builds/:kind/:namespace/:name', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  afterEach(() => t?.stop());

  const get = (name: string, user?: string) =>
    request(t.server)
      .get(`/api/stack/builds/component/default/${name}`)
      .set('Authorization', t.auth(user));

  it('lists the latest runs and which environment runs each commit', async () => {
    t = await startStackBackend();
    const res = await get('payments-api');
    expect(res.status).toBe(200);
    const body = res.body as EntityBuilds;
    expect(body.repository).toBe('acme/payments-api');
    expect(body.component).toBeUndefined();
    // maxRuns: 3, newest first.
    expect(body.runs.map(r => r.id)).toEqual([9008, 9007, 9006]);
    expect(body.runs[0]).toMatchObject({
      status: 'in_progress',
      conclusion: null,
      deployedIn: [],
    });
    expect(body.runs[1]).toMatchObject({
      workflowName: 'payments-api',
      workflowPath: '.github/workflows/payments-api.yaml',
      status: 'completed',
      conclusion: 'success',
      branch: 'main',
      commit: DEPLOYED.dev,
      durationSeconds: 240,
      url: 'https://github.com/acme/payments-api/actions/runs/9007',
      deployedIn: ['dev'],
    });
    expect(body.runs[2]).toMatchObject({
      conclusion: 'failure',
      deployedIn: ['stage'],
    });
    expect(body.environments).toEqual(
      expect.arrayContaining([
        { environment: 'prod', instance: 'edge', revision: DEPLOYED.prod },
        { environment: 'dev', instance: 'main', revision: DEPLOYED.dev },
      ]),
    );
    // The plugin's own token, never the user's.
    expect(t.github.authHeaders).toEqual([`Bearer ${GITHUB_TOKEN}`]);
  });

  it('shows a monorepo component only its own workflows, following Link pages', async () => {
    t = await startStackBackend();
    const res = await get('payments-worker');
    const body = res.body as EntityBuilds;
    expect(body.component).toBe('worker');
    // Page 1 (3 runs) has none of the worker's runs; pages 2 and 3 do.
    expect(body.runs.map(r => r.workflowName)).toEqual([
      'worker',
      'worker-release',
    ]);
    expect(t.github.calls).toBe(3);
  });

  it('lets the components of a monorepo share the pages they both read', async () => {
    t = await startStackBackend();
    await get('payments-worker'); // pages 1–3
    const api = await get('payments-api'); // page 1 again, within the interval
    expect(api.body.runs.map((r: any) => r.id)).toEqual([9008, 9007, 9006]);
    expect(t.github.calls).toBe(3);
  });

  it('revalidates with the ETag after the interval; an unchanged page is a 304', async () => {
    t = await startStackBackend();
    await get('payments-api');
    await get('payments-api');
    expect(t.github.calls).toBe(1);
    await wait(350);
    await get('payments-api');
    await eventually(() => {
      expect(t.github.calls).toBe(2);
      expect(t.github.notModified).toBe(1);
    });
    const again = await get('payments-api');
    expect(again.body.error).toBeUndefined();
    expect(again.body.runs.map((r: any) => r.id)).toEqual([9008, 9007, 9006]);
  });

  it('coalesces 50 concurrent requests into one GitHub call', async () => {
    // An interval longer than the burst, however loaded the machine.
    t = await startStackBackend({
      stack: {
        github: {
          refreshInterval: { seconds: 60 },
          maxRuns: 3,
          organizations: ['acme'],
        },
      },
    });
    const responses = await Promise.all(
      Array.from({ length: 50 }, () => get('payments-api')),
    );
    expect(responses.every(r => r.body.runs.length === 3)).toBe(true);
    expect(t.github.calls).toBe(1);
  });

  it('keeps the last known runs marked stale when GitHub fails, with an actionable 401 message', async () => {
    t = await startStackBackend();
    await get('payments-api');
    t.github.mode = 'unauthorized';
    await wait(350);
    await get('payments-api');
    const res = await eventually(async () => {
      const r = await get('payments-api');
      expect(r.body.error).toBeDefined();
      return r;
    });
    expect(res.status).toBe(200);
    expect(res.body.runs).toHaveLength(3);
    expect(res.body.stale).toEqual({
      fetchedAt: expect.any(String),
      ageSeconds: expect.any(Number),
    });
    expect(res.body.error).toEqual({
      kind: 'unauthorized',
      message: expect.stringMatching(
        /GitHub \(github.com\) rejected the plugin's credentials \(401\)/,
      ),
    });
    expect(JSON.stringify(res.body)).not.toContain(GITHUB_TOKEN);
  });

  it('answers 403 for an entity not ingested from a repository, whatever its slug says', async () => {
    t = await startStackBackend({
      extraEntities: [
        component('orphan', { 'github.com/project-slug': 'acme/payments-api' }),
      ],
    });
    const res = await get('orphan');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /was not ingested from a repository/,
    );
    expect(t.github.calls).toBe(0);
  });

  it('names the config keys that would fill the tab when GitHub has no credentials, without calling it', async () => {
    // A first run: app-config.yaml's integration with GITHUB_TOKEN unset.
    t = await startStackBackend({ githubIntegration: { host: 'github.com' } });
    const res = await eventually(async () => {
      const r = await get('payments-api');
      expect(r.body.error).toBeDefined();
      return r;
    });
    expect(res.status).toBe(200);
    expect(res.body.runs).toEqual([]);
    expect(res.body.error).toEqual({
      kind: 'unauthorized',
      message:
        'GitHub Actions is not configured for github.com: set integrations.github[].token (the GITHUB_TOKEN environment variable in app-config.yaml) or integrations.github[].apps (a GitHub App) for host github.com',
    });
    expect(t.github.calls).toBe(0);
  });

  it('answers 404 for an entity the caller may not read', async () => {
    t = await startStackBackend();
    expect((await get('vault', BOB)).status).toBe(404);
    expect(t.github.calls).toBe(0);
  });
});
