import { AuthorizeResult } from '@backstage/plugin-permission-common';
import type { LooseStacksResponse } from '@idp-stack/plugin-stack-common';
import { http, HttpResponse } from 'msw';
import request from 'supertest';
import {
  application,
  applicationSetList,
  repoNotPermitted,
} from '../__testUtils__/argoFixtures';
import { orgRepository } from '../__testUtils__/githubFixtures';
import {
  BOB,
  component,
  EDGE_URL,
  MAIN_URL,
  startStackBackend,
} from '../__testUtils__/startStackBackend';

// Each test starts a backend: seconds on two busy shared cores.
jest.setTimeout(60_000);

const API = 'https://api.github.com';
const tagged = (system: string) => ['idp-managed', `idp-system-${system}`];

/**
 * The organisation as GitHub lists it (two pages): every loose cause once.
 * payments-api is healthy; billing is gone from the organisation.
 */
const REPOS = [
  orgRepository({ name: 'payments-api', topics: tagged('payments') }),
  orgRepository({ name: 'ledger', topics: ['python'] }),
  orgRepository({ name: 'vault', topics: tagged('vault'), archived: true }),
  orgRepository({ name: 'intruder', topics: tagged('payments') }),
  orgRepository({ name: 'fresh', topics: tagged('payments') }),
  orgRepository({ name: 'Payments_API', topics: tagged('payments') }),
  orgRepository({ name: 'loner', topics: ['idp-managed'] }),
  orgRepository({ name: 'checkout', topics: [] }),
];

const paymentsSystem = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'payments', namespace: 'default' },
  spec: { owner: 'team-a' },
};

async function start(permission: AuthorizeResult.ALLOW | AuthorizeResult.DENY) {
  const backend = await startStackBackend({
    permission,
    // The AppProject `payments` does not list intruder: Argo CD refuses it.
    extraMainApps: [
      application({
        repo: 'intruder',
        env: 'dev',
        conditions: [repoNotPermitted('intruder', 'payments')],
      }),
    ],
    extraEntities: [
      paymentsSystem,
      component(
        'intruder',
        { 'idp.platform/component': 'intruder' },
        'acme/intruder',
      ),
      component(
        'checkout',
        { 'idp.platform/component': 'checkout' },
        'acme/checkout',
      ),
    ],
  });
  const contents: string[] = [];
  backend.msw.use(
    http.get(`${MAIN_URL}/api/v1/applicationsets`, () =>
      HttpResponse.json(
        applicationSetList([
          {
            name: 'workloads',
            conditions: [
              {
                type: 'ErrorOccurred',
                status: 'True',
                reason: 'ApplicationValidationError',
                message:
                  'ApplicationSet workloads contains applications with duplicate name: shop-dev',
              },
              {
                type: 'ParametersGenerated',
                status: 'True',
                reason: 'ParametersGenerated',
                message:
                  'Successfully generated parameters for all Applications',
              },
            ],
          },
        ]),
      ),
    ),
    // An instance with no ApplicationSet answers `items: null`.
    http.get(`${EDGE_URL}/api/v1/applicationsets`, () =>
      HttpResponse.json(applicationSetList([])),
    ),
    http.get(`${API}/orgs/acme/repos`, ({ request: req }) => {
      const page = Number(new URL(req.url).searchParams.get('page') ?? 1);
      const headers: Record<string, string> = {};
      if (page === 1) {
        headers.Link = `<${API}/orgs/acme/repos?per_page=100&type=all&page=2>; rel="next", <${API}/orgs/acme/repos?per_page=100&type=all&page=2>; rel="last"`;
      }
      return HttpResponse.json(
        page === 1 ? REPOS.slice(0, 4) : REPOS.slice(4),
        {
          headers,
        },
      );
    }),
    http.get(`${API}/repos/acme/:repo/contents/*`, ({ params }) => {
      contents.push(String(params.repo));
      return params.repo === 'fresh'
        ? HttpResponse.json(
            {
              message: 'Not Found',
              documentation_url:
                'https://docs.github.com/rest/repos/contents#get-repository-content',
              status: '404',
            },
            { status: 404 },
          )
        : HttpResponse.json([{ type: 'file', name: 'kustomization.yaml' }]);
    }),
  );
  return { ...backend, contents };
}

const byRepo = (body: LooseStacksResponse) =>
  body.items.map(i => `${i.cause} ${i.repository ?? '-'}`).sort();

describe('GET /loose', () => {
  let backend: Awaited<ReturnType<typeof start>>;
  afterEach(() => backend?.stop());

  it('lists every cause with its reason and fix to whoever may list the whole organisation', async () => {
    backend = await start(AuthorizeResult.ALLOW);
    const res = await request(backend.server)
      .get('/api/stack/loose')
      .set('Authorization', backend.auth());
    expect(res.status).toBe(200);
    const body = res.body as LooseStacksResponse;
    expect(body.errors).toEqual([]);
    expect(byRepo(body)).toEqual([
      'missing-dev-overlay acme/fresh',
      'name-collision -',
      'name-collision acme/Payments_API',
      'no-application acme/checkout',
      'no-system-topic acme/loner',
      'refused-by-project acme/intruder',
      'repository-archived acme/vault',
      'repository-missing billing',
      'topic-removed acme/ledger',
    ]);
    const item = (cause: string) => body.items.find(i => i.cause === cause)!;
    expect(item('topic-removed')).toMatchObject({
      reason: expect.stringContaining(
        'Repository acme/ledger no longer carries the idp-managed topic; it keeps running because the ApplicationSet never deletes an Application',
      ),
      fix: { url: 'https://github.com/acme/ledger' },
      entityRefs: ['component:default/ledger', 'system:default/ledger'],
      applications: [
        expect.objectContaining({ instance: 'main', name: 'ledger-dev' }),
        expect.objectContaining({ name: 'ledger-stage' }),
        expect.objectContaining({ name: 'ledger-prod' }),
      ],
    });
    expect(item('refused-by-project').reason).toContain(
      "(Argo CD: application repo https://github.com/acme/intruder.git is not permitted in project 'payments')",
    );
    expect(item('repository-archived').fix.url).toBe(
      'https://github.com/acme/vault/settings',
    );
    expect(item('applicationset-error' as any)).toBeUndefined();
    expect(
      body.items.find(i => i.cause === 'name-collision' && !i.repository)!
        .reason,
    ).toBe(
      'ApplicationSet workloads (Argo CD instance main) reports ApplicationValidationError: ApplicationSet workloads contains applications with duplicate name: shop-dev',
    );
    expect(item('no-application').reason).toBe(
      'component:default/checkout has stack annotations, but repository acme/checkout does not carry the idp-managed topic, so Argo CD deploys nothing',
    );
    // Only the tagged repository without Applications costs a contents call.
    expect(backend.contents).toEqual(['fresh']);
  });

  it('narrows to one system, and refuses a system that is not a name', async () => {
    backend = await start(AuthorizeResult.ALLOW);
    const res = await request(backend.server)
      .get('/api/stack/loose?system=payments')
      .set('Authorization', backend.auth());
    expect(byRepo(res.body)).toEqual([
      'missing-dev-overlay acme/fresh',
      'name-collision acme/Payments_API',
      'refused-by-project acme/intruder',
    ]);
    const bad = await request(backend.server)
      .get('/api/stack/loose?system=../x')
      .set('Authorization', backend.auth());
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toBe(
      'system must be a system name (a lower-case DNS label of at most 39 characters)',
    );
  });

  it('shows everyone else only items of entities they can read, without the refs they cannot', async () => {
    backend = await start(AuthorizeResult.DENY);
    const res = await request(backend.server)
      .get('/api/stack/loose')
      .set('Authorization', backend.auth(BOB));
    expect(res.status).toBe(200);
    // Bob cannot read vault; loner and the ApplicationSet error belong to no entity.
    expect(byRepo(res.body)).toEqual([
      'missing-dev-overlay acme/fresh',
      'name-collision acme/Payments_API',
      'no-application acme/checkout',
      'refused-by-project acme/intruder',
      'repository-missing billing',
      'topic-removed acme/ledger',
    ]);
    // system:default/ledger does not exist in the catalog: not echoed.
    expect(
      (res.body as LooseStacksResponse).items.find(
        i => i.cause === 'topic-removed',
      )!.entityRefs,
    ).toEqual(['component:default/ledger']);
  });

  it("answers one entity's items, and 404 for an entity the caller may not read", async () => {
    backend = await start(AuthorizeResult.DENY);
    const mine = await request(backend.server)
      .get('/api/stack/loose/component/default/intruder')
      .set('Authorization', backend.auth());
    expect(byRepo(mine.body)).toEqual(['refused-by-project acme/intruder']);
    const system = await request(backend.server)
      .get('/api/stack/loose/system/default/payments')
      .set('Authorization', backend.auth());
    expect(byRepo(system.body)).toEqual([
      'missing-dev-overlay acme/fresh',
      'name-collision acme/Payments_API',
      'refused-by-project acme/intruder',
    ]);
    const hidden = await request(backend.server)
      .get('/api/stack/loose/component/default/vault')
      .set('Authorization', backend.auth(BOB));
    expect(hidden.status).toBe(404);
  });

  it('names a failing source and keeps the causes of the others', async () => {
    backend = await start(AuthorizeResult.ALLOW);
    backend.msw.use(
      http.get(`${API}/orgs/acme/repos`, () =>
        HttpResponse.json(
          { message: 'Bad credentials', status: '401' },
          { status: 401 },
        ),
      ),
    );
    const res = await request(backend.server)
      .get('/api/stack/loose')
      .set('Authorization', backend.auth());
    expect(res.body.errors).toEqual([
      {
        source: 'GitHub',
        message:
          "GitHub (github.com) rejected the plugin's credentials (401) while trying to list the repositories of acme: Bad credentials; check the token or GitHub App in integrations.github (or stack.github.integrations)",
      },
    ]);
    // Without GitHub only what Argo CD and the catalog show remains.
    expect(byRepo(res.body)).toEqual([
      'name-collision -',
      'no-application checkout',
      'refused-by-project intruder',
    ]);
  });
});
