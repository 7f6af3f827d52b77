import request from 'supertest';
import { mockCredentials } from '@backstage/backend-test-utils';
import type { EntityStack } from '@idp-stack/plugin-stack-common';
import { http, HttpResponse } from 'msw';
import { fakeGithubContents } from '../__testUtils__/githubContents';
import { Entity } from '@backstage/catalog-model';
import {
  BOB,
  component,
  startStackBackend,
  wait,
} from '../__testUtils__/startStackBackend';

jest.setTimeout(20_000);

const STACK_YAML = `apiVersion: idp.platform/v1alpha1
kind: Stack
metadata:
  name: payments-api
  system: payments
  owner: group:payments-team
spec:
  components:
    - name: payments-api
      type: nodejs
    - name: db
      type: postgres
      databases:
        - name: payments
    - name: bus
      type: rabbitmq
      queues:
        - name: settle
          deadLetter: true
  links:
    - from: payments-api
      to: db/payments
      access: read
    - from: payments-api
      to: bus/settle
`;

const INVALID_YAML = `apiVersion: idp.platform/v1alpha1
kind: Stack
metadata:
  name: ledger
  system: ledger
  owner: group:ledger
spec:
  components:
    - name: ledger
      type: nodejs
      port: 70000
`;

describe('GET /api/stack/stack/:kind/:namespace/:name', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  let contents: ReturnType<typeof fakeGithubContents>;
  afterEach(() => t?.stop());

  async function start(
    files: Record<string, string>,
    extraEntities?: Entity[],
  ) {
    t = await startStackBackend({ extraEntities });
    contents = fakeGithubContents('https://api.github.com', files);
    t.msw.use(...contents.handlers);
  }

  const get = (name: string, user?: string) =>
    request(t.server)
      .get(`/api/stack/stack/component/default/${name}`)
      .set('Authorization', t.auth(user));

  it("reads the stack.yaml at the entity's source location and returns it parsed", async () => {
    await start({ 'acme/payments-api/main/stack.yaml': STACK_YAML });
    const res = await get('payments-api');
    expect(res.status).toBe(200);
    const body = res.body as EntityStack;
    expect(body.entityRef).toBe('component:default/payments-api');
    expect(body.location).toBe(
      'https://github.com/acme/payments-api/blob/main/stack.yaml',
    );
    expect(body.stack.spec.components.map(c => c.name)).toEqual([
      'payments-api',
      'db',
      'bus',
    ]);
    expect(body.stack.spec.links?.[0]).toEqual({
      from: 'payments-api',
      to: 'db/payments',
      access: 'read',
    });
    expect(contents.state.paths).toEqual(['acme/payments-api/main/stack.yaml']);
  });

  it('?at=head reads the file at the commit main points at now and returns that commit', async () => {
    const sha = 'a'.repeat(40);
    await start({ [`acme/payments-api/${sha}/stack.yaml`]: STACK_YAML });
    const asked: string[] = [];
    // https://docs.github.com/en/rest/commits/commits#get-a-commit with the sha media type
    t.msw.use(
      http.get(
        'https://api.github.com/repos/:owner/:repo/commits/:ref',
        ({ request: r, params }) => {
          asked.push(`${params.owner}/${params.repo}@${params.ref}`);
          return r.headers.get('accept') === 'application/vnd.github.sha'
            ? new HttpResponse(sha)
            : HttpResponse.json(
                { message: 'wrong media type' },
                { status: 415 },
              );
        },
      ),
    );
    const res = await request(t.server)
      .get('/api/stack/stack/component/default/payments-api?at=head')
      .set('Authorization', t.auth());
    expect(res.status).toBe(200);
    expect(asked).toEqual(['acme/payments-api@main']);
    expect(res.body).toMatchObject({
      commitSha: sha,
      location: `https://github.com/acme/payments-api/blob/${sha}/stack.yaml`,
      stack: { metadata: { name: 'payments-api' } },
    });
    expect(contents.state.paths).toEqual([
      `acme/payments-api/${sha}/stack.yaml`,
    ]);
  });

  it('reads once per interval for concurrent requests, then revalidates with the ETag', async () => {
    await start({ 'acme/payments-api/main/stack.yaml': STACK_YAML });
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => get('payments-api')),
    );
    expect(answers.every(a => a.status === 200)).toBe(true);
    expect(contents.state.calls).toBe(1);
    await wait(350);
    await get('payments-api');
    await wait(50);
    expect(contents.state.calls).toBe(2);
    expect(contents.state.notModified).toBe(1);
    expect((await get('payments-api')).body.stack.metadata.name).toBe(
      'payments-api',
    );
  });

  it('reads the branch of the catalog location and reports an invalid file with its issues', async () => {
    await start({ 'acme/ledger/main/stack.yaml': INVALID_YAML });
    const res = await get('ledger');
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      name: 'InputError',
      reason: 'invalid',
      message: expect.stringContaining(
        'stack.yaml at https://github.com/acme/ledger/blob/main/stack.yaml is invalid: spec.components[0].port: 70000 is outside 1–65535',
      ),
    });
    expect(res.body.error.issues).toEqual([
      expect.objectContaining({
        path: 'spec.components[0].port',
        rule: 'port',
      }),
    ]);
  });

  it('is a 404 naming the missing file', async () => {
    await start({});
    const res = await get('payments-api');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      name: 'NotFoundError',
      reason: 'no-file',
      message:
        'no stack.yaml at https://github.com/acme/payments-api/blob/main/stack.yaml (entity component:default/payments-api)',
    });
  });

  it('is a 404 for an entity not ingested from a repository, without asking GitHub', async () => {
    await start({}, [
      component('orphan', { 'github.com/project-slug': 'acme/orphan' }),
    ]);
    const res = await get('orphan');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({
      reason: 'no-annotation',
      message: expect.stringMatching(
        /component:default\/orphan was not ingested from a repository/,
      ),
    });
    expect(contents.state.calls).toBe(0);
  });

  it('reads nothing for an entity the caller may not see, and requires credentials', async () => {
    await start({ 'acme/vault/main/stack.yaml': STACK_YAML });
    const res = await get('vault', BOB);
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'entity component:default/vault not found',
    );
    expect(res.body.error.reason).toBeUndefined();
    expect(contents.state.calls).toBe(0);
    const anonymous = await request(t.server)
      .get('/api/stack/stack/component/default/payments-api')
      .set('Authorization', mockCredentials.none.header());
    expect(anonymous.status).toBe(401);
  });
});
