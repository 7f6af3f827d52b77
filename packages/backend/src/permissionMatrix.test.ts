// The permission matrix of plugins/permission-backend-module-stack-policy,
// through the portal's real feature list (features.ts) and app-config.yaml:
// real catalog, scaffolder, permission backend, stack plugin; Argo CD is the
// browser tests' loopback fake (a 200 from a sync or refresh route means
// Argo CD answered it). Each user's ownership refs are what the sign-in resolvers put in
// the token (the user and the groups of spec.memberOf in examples/org.yaml);
// the OIDC e2e test covers the resolvers themselves.
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { JsonObject } from '@backstage/types';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import request from 'supertest';
import { parseAllDocuments } from 'yaml';
import { backendFeatures } from './features';
import { loadAppConfig, waitForEntity } from './__testUtils__/appConfig';
import { oboAuthServiceFactories } from './__testUtils__/oboAuth';
import { startFakeUpstreams } from './__testUtils__/fakeUpstreams';

/** user ref → ownership refs, as the catalog sign-in resolvers issue them. */
function ownershipFromOrg(): Map<string, string[]> {
  const docs = parseAllDocuments(
    readFileSync(resolve(__dirname, '../../../examples/org.yaml'), 'utf8'),
  ).map(d => d.toJS());
  return new Map(
    docs
      .filter(d => d.kind === 'User')
      .map(u => [
        `user:default/${u.metadata.name}`,
        [
          `user:default/${u.metadata.name}`,
          ...(u.spec.memberOf ?? []).map((g: string) => `group:default/${g}`),
        ],
      ]),
  );
}

const users = {
  owner: 'user:default/ada', // payments-team
  'other team': 'user:default/linus', // receipts-team
  approver: 'user:default/grace', // payments-team + release-approvers
  'platform admin': 'user:default/margaret', // platform-team
  'unknown user': 'user:default/mallory', // no User entity
};
type Who = keyof typeof users;
type Action =
  | 'read'
  | 'sync dev'
  | 'sync prod'
  | 'refresh'
  | 'register location'
  | 'delete location'
  | 'run template';

// true = allowed. Every cell is asserted below.
const matrix: Record<Who, Record<Action, boolean>> = {
  owner: {
    read: true,
    'sync dev': true,
    'sync prod': false,
    refresh: true,
    'register location': false,
    'delete location': false,
    'run template': true,
  },
  'other team': {
    read: true,
    'sync dev': false,
    'sync prod': false,
    refresh: false,
    'register location': false,
    'delete location': false,
    'run template': true,
  },
  approver: {
    read: true,
    'sync dev': true,
    'sync prod': true,
    refresh: true,
    'register location': false,
    'delete location': false,
    'run template': true,
  },
  'platform admin': {
    read: true,
    'sync dev': false,
    'sync prod': false,
    refresh: false,
    'register location': true,
    'delete location': true,
    'run template': true,
  },
  'unknown user': {
    read: true,
    'sync dev': false,
    'sync prod': false,
    refresh: false,
    'register location': false,
    'delete location': false,
    'run template': true,
  },
};

describe('the permission matrix', () => {
  jest.setTimeout(180_000);
  let backend: Awaited<ReturnType<typeof startTestBackend>>;
  let fakes: Awaited<ReturnType<typeof startFakeUpstreams>>;

  beforeAll(async () => {
    fakes = await startFakeUpstreams();
    const appConfig = await loadAppConfig();
    const ownership = ownershipFromOrg();
    const catalog = appConfig.catalog as JsonObject & {
      locations: JsonObject[];
    };
    backend = await startTestBackend({
      features: [
        ...backendFeatures,
        ...oboAuthServiceFactories,
        mockServices.rootConfig.factory({
          data: {
            ...appConfig,
            catalog: {
              ...catalog,
              locations: [
                ...catalog.locations,
                {
                  type: 'file',
                  target: resolve(
                    __dirname,
                    '__testUtils__/probe-template.yaml',
                  ),
                  rules: [{ allow: ['Template'] }],
                },
              ],
            },
            stack: {
              ...(appConfig.stack as JsonObject),
              argocd: { instances: fakes.instances },
              actions: { enabled: true },
            },
          },
        }),
        createServiceFactory({
          service: coreServices.userInfo,
          deps: {},
          factory: () => ({
            async getUserInfo(credentials: any) {
              const ref = credentials.principal.userEntityRef;
              return {
                userEntityRef: ref,
                ownershipEntityRefs: ownership.get(ref) ?? [ref],
              };
            },
          }),
        }),
      ],
    });
    await waitForEntity(backend.server, 'component:payments-api');
    await waitForEntity(backend.server, 'template:permission-probe');
  });
  afterAll(async () => {
    await backend?.stop();
    fakes?.stop();
  });

  const as = (who: Who) => mockCredentials.user.header(users[who]);
  const sync = (who: Who, action: string, environment: string) =>
    request(backend.server)
      .post(`/api/stack/actions/${action}`)
      .set('Authorization', as(who))
      .send({ entityRef: 'component:default/payments-api', environment });

  async function locationId(): Promise<string> {
    const res = await request(backend.server)
      .post('/api/catalog/locations')
      .set('Authorization', mockCredentials.service.header())
      .send({
        type: 'url',
        target: `https://github.com/acme/probe-${Math.random()
          .toString(36)
          .slice(2)}/blob/main/catalog-info.yaml`,
      });
    expect(res.status).toBe(201);
    return res.body.location.id;
  }

  // What each action answers when allowed; anything else must be a 403.
  const attempts: Record<Action, (who: Who) => Promise<request.Response>> = {
    read: who =>
      request(backend.server)
        .get('/api/catalog/entities/by-name/component/default/payments-api')
        .set('Authorization', as(who)),
    'sync dev': who => sync(who, 'sync', 'dev'),
    'sync prod': who => sync(who, 'sync', 'prod'),
    refresh: who => sync(who, 'refresh', 'prod'),
    'register location': who =>
      request(backend.server)
        .post('/api/catalog/locations')
        .set('Authorization', as(who))
        .send({
          type: 'url',
          target: `https://github.com/acme/${who.replace(
            ' ',
            '-',
          )}/blob/main/catalog-info.yaml`,
        }),
    'delete location': async who =>
      request(backend.server)
        .delete(`/api/catalog/locations/${await locationId()}`)
        .set('Authorization', as(who)),
    'run template': who =>
      request(backend.server)
        .post('/api/scaffolder/v2/tasks')
        .set('Authorization', as(who))
        .send({ templateRef: 'template:default/permission-probe', values: {} }),
  };
  const allowedStatus: Record<Action, number> = {
    read: 200,
    'sync dev': 200,
    'sync prod': 200,
    refresh: 200,
    'register location': 201,
    'delete location': 204,
    'run template': 201,
  };

  const cells = (Object.keys(matrix) as Who[]).flatMap(who =>
    (Object.keys(matrix[who]) as Action[]).map(
      action => [who, action, matrix[who][action]] as const,
    ),
  );

  it.each(cells)('%s × %s → allowed: %s', async (who, action, allowed) => {
    const res = await attempts[action](who);
    expect({
      status: res.status,
      body: allowed ? undefined : res.body.error?.name,
    }).toEqual(
      allowed
        ? { status: allowedStatus[action], body: undefined }
        : { status: 403, body: 'NotAllowedError' },
    );
  });
});
