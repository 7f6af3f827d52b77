// Regression tests for the attacks of issue 11: each one worked before the
// plugin stopped trusting what an entity says about itself.
import request from 'supertest';
import { http, HttpResponse, delay } from 'msw';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { fakeGithubContents } from '../__testUtils__/githubContents';
import {
  component,
  startStackBackend,
  wait,
} from '../__testUtils__/startStackBackend';

jest.setTimeout(20_000);

// A team registers a repository of its own (acme/attacker) whose
// catalog-info.yaml names the vault team's Applications and repository.
const impostor = component(
  'impostor',
  {
    'argocd/app-name': 'vault-dev,vault-prod',
    'github.com/project-slug': 'acme/vault',
    'backstage.io/source-location':
      'url:https://github.com/other-org/secret/tree/main/',
  },
  'acme/attacker',
);
const selectorImpostor = component(
  'selector-impostor',
  { 'argocd/app-selector': 'idp.platform/repo=vault' },
  'acme/attacker',
);
// Ingested from a repository outside stack.github.organizations.
const foreign = component(
  'foreign',
  { 'github.com/project-slug': 'other-org/secret' },
  'other-org/secret',
);
const malformed = component(
  'malformed',
  { 'argocd/app-selector': 'env in (dev,prod)' },
  'acme/ledger',
);

describe('attacks on the stack backend', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  afterEach(() => t?.stop());

  const start = (options: Parameters<typeof startStackBackend>[0] = {}) =>
    startStackBackend({
      extraEntities: [impostor, selectorImpostor, foreign, malformed],
      ...options,
    });

  it("an entity naming another team's Applications gets none of them: no health, no sync", async () => {
    t = await start();
    for (const name of ['impostor', 'selector-impostor']) {
      const health = await request(t.server)
        .get(`/api/stack/health/component/default/${name}`)
        .set('Authorization', t.auth());
      expect(health.status).toBe(200);
      expect(health.body.environments).toEqual([]);
      const sync = await request(t.server)
        .post('/api/stack/actions/sync')
        .set('Authorization', t.auth())
        .send({ entityRef: `component:default/${name}`, environment: 'dev' });
      expect(sync.status).toBe(404);
    }
    expect(t.argoMain.syncCalls).toEqual([]);
    // The owner's own entity still maps to them.
    const vault = await request(t.server)
      .get('/api/stack/health/component/default/vault')
      .set('Authorization', t.auth());
    expect(vault.body.environments.map((e: any) => e.environment)).toEqual([
      'dev',
      'stage',
      'prod',
    ]);
  });

  it("annotations pointing at another organisation's repository read nothing there", async () => {
    t = await start();
    const contents = fakeGithubContents('https://api.github.com', {
      'other-org/secret/main/stack.yaml': 'secret: true\n',
      'acme/vault/main/stack.yaml': 'secret: true\n',
    });
    t.msw.use(...contents.handlers);
    // The impostor's stack.yaml is looked up in its own repository only.
    const own = await request(t.server)
      .get('/api/stack/stack/component/default/impostor')
      .set('Authorization', t.auth());
    expect(own.status).toBe(404);
    expect(contents.state.paths).toEqual(['acme/attacker/main/stack.yaml']);
    // An entity ingested from other-org is refused before any read.
    for (const route of ['stack', 'builds']) {
      const res = await request(t.server)
        .get(`/api/stack/${route}/component/default/foreign`)
        .set('Authorization', t.auth());
      expect([403, 404]).toContain(res.status);
      expect(res.body.error.message).toMatch(
        /other-org\/secret .* is not in an organisation of stack.github.organizations \(acme\)/,
      );
    }
    const builds = await request(t.server)
      .get('/api/stack/builds/component/default/impostor')
      .set('Authorization', t.auth());
    expect(builds.body.repository).toBe('acme/attacker');
    expect(t.github.requests.some((r: string) => r.includes('other-org'))).toBe(
      false,
    );
    expect(
      t.github.requests.some((r: string) => r.includes('acme/vault')),
    ).toBe(false);
    expect(contents.state.paths).toEqual(['acme/attacker/main/stack.yaml']);
  });

  it('one malformed argocd/app-selector fails only its own item of a batch', async () => {
    t = await start();
    const res = await request(t.server)
      .post('/api/stack/health/batch')
      .set('Authorization', t.auth())
      .send({
        entityRefs: [
          'component:default/ledger',
          'component:default/malformed',
          'component:default/vault',
        ],
      });
    expect(res.status).toBe(200);
    const [ledger, bad, vault] = res.body.items;
    expect(ledger.health.environments).toHaveLength(3);
    expect(bad).toEqual({
      entityRef: 'component:default/malformed',
      error: {
        name: 'InputError',
        message: expect.stringMatching(
          /argocd\/app-selector: "env in \(dev" is not key=value/,
        ),
      },
    });
    expect(vault.health.environments).toHaveLength(3);
  });

  it('a stalled stack.yaml read times out, and the next request reads again', async () => {
    t = await start({
      stack: {
        github: {
          timeout: { milliseconds: 300 },
          refreshInterval: { minutes: 10 },
          organizations: ['acme'],
        },
      },
    });
    let calls = 0;
    let stall = true;
    t.msw.use(
      http.get(
        'https://api.github.com/repos/acme/ledger/contents/*',
        async () => {
          calls += 1;
          if (stall) await delay('infinite');
          return HttpResponse.text('not: a stack\n', {
            headers: { ETag: '"e1"' },
          });
        },
      ),
    );
    const started = Date.now();
    const first = await request(t.server)
      .get('/api/stack/stack/component/default/ledger')
      .set('Authorization', t.auth());
    expect(first.status).toBe(503);
    expect(first.body.error.message).toMatch(/did not answer in time/);
    expect(Date.now() - started).toBeLessThan(3_000);
    stall = false;
    // Within the 10-minute interval: the failed read was forgotten, not cached.
    const second = await request(t.server)
      .get('/api/stack/stack/component/default/ledger')
      .set('Authorization', t.auth());
    expect(calls).toBe(2);
    // Answered: an invalid stack.yaml is a 400 with its issues.
    expect(second.status).toBe(400);
    expect(second.body.error.issues.length).toBeGreaterThan(0);
  });

  it('a stack.yaml larger than stack.github.maxFileBytes is refused, not buffered', async () => {
    t = await start({
      stack: { github: { maxFileBytes: 1024, organizations: ['acme'] } },
    });
    const contents = fakeGithubContents('https://api.github.com', {
      'acme/ledger/main/stack.yaml': `# ${'x'.repeat(4096)}\n`,
    });
    t.msw.use(...contents.handlers);
    const res = await request(t.server)
      .get('/api/stack/stack/component/default/ledger')
      .set('Authorization', t.auth());
    expect(res.status).toBe(503);
    expect(res.body.error.message).toMatch(
      /larger than stack.github.maxFileBytes \(1024 bytes\)/,
    );
  });

  it("sync and refresh are authorized for the entity's ref, with the approved-sync permission for prod", async () => {
    const asked: { name: string; resourceRef?: string }[] = [];
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => {
          const resourceRef = (r as { resourceRef?: string }).resourceRef;
          asked.push({ name: r.permission.name, resourceRef });
          // Owners only: the policy would say so through isEntityOwner.
          return {
            result:
              resourceRef === 'component:default/ledger'
                ? AuthorizeResult.ALLOW
                : AuthorizeResult.DENY,
          };
        }),
    });
    t = await start({ permissions: permissions.factory });
    const post = (action: string, entityRef: string, environment: string) =>
      request(t.server)
        .post(`/api/stack/actions/${action}`)
        .set('Authorization', t.auth())
        .send({ entityRef, environment });
    expect((await post('sync', 'component:default/ledger', 'dev')).status).toBe(
      200,
    );
    expect((await post('sync', 'component:default/vault', 'dev')).status).toBe(
      403,
    );
    expect((await post('refresh', 'component:ledger', 'prod')).status).toBe(
      200,
    );
    expect(
      (await post('sync', 'component:default/ledger', 'prod')).status,
    ).toBe(200);
    expect(asked).toEqual([
      {
        name: 'stack.application.sync',
        resourceRef: 'component:default/ledger',
      },
      {
        name: 'stack.application.sync',
        resourceRef: 'component:default/vault',
      },
      {
        name: 'stack.application.refresh',
        resourceRef: 'component:default/ledger',
      },
      {
        name: 'stack.application.sync.approved',
        resourceRef: 'component:default/ledger',
      },
    ]);
    expect(t.argoMain.syncCalls).toEqual(['ledger-dev', 'ledger-prod']);
    await wait(10);
  });
});
