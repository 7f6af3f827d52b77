import { ConfigReader } from '@backstage/config';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { readArgocdTarget } from '../argocd/refreshApplicationSet';
import { memoisingContext } from '../__testUtils__/memoisingContext';
import { createArgocdRefreshAction } from './argocdRefresh';

const KUBE = 'https://kubernetes.test:6443';
const PATH =
  '/apis/argoproj.io/v1alpha1/namespaces/argocd/applicationsets/workloads';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const target = readArgocdTarget(
  new ConfigReader({
    idp: { argocd: { cluster: { url: KUBE, token: 'sa-token' } } },
  }),
);

/** A fake API server holding one ApplicationSet, as `kubectl get -o json` shows it. */
function fakeCluster() {
  const seen: { contentType: string | null; auth: string | null; body: any }[] =
    [];
  const appSet = {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'ApplicationSet',
    metadata: {
      name: 'workloads',
      namespace: 'argocd',
      resourceVersion: '41',
      annotations: { keep: 'me' } as Record<string, string>,
    },
    spec: { goTemplate: true },
  };
  server.use(
    http.patch(`${KUBE}${PATH}`, async ({ request }) => {
      const body = (await request.json()) as any;
      seen.push({
        contentType: request.headers.get('content-type'),
        auth: request.headers.get('authorization'),
        body,
      });
      Object.assign(appSet.metadata.annotations, body.metadata.annotations);
      appSet.metadata.resourceVersion = '42';
      return HttpResponse.json(appSet);
    }),
  );
  return { seen, appSet };
}

describe('idp:argocd:refresh', () => {
  it('sets the refresh annotation on argocd/workloads with a merge patch', async () => {
    const { seen, appSet } = fakeCluster();
    const ctx = createMockActionContext({ input: { repo: 'payments-api' } });
    await createArgocdRefreshAction({ target }).handler(ctx as any);
    expect(seen).toEqual([
      {
        contentType: 'application/merge-patch+json',
        auth: 'Bearer sa-token',
        body: {
          metadata: {
            annotations: {
              'argocd.argoproj.io/application-set-refresh': 'true',
            },
          },
        },
      },
    ]);
    expect(appSet.metadata.annotations).toEqual({
      keep: 'me',
      'argocd.argoproj.io/application-set-refresh': 'true',
    });
    expect(ctx.output).toHaveBeenCalledWith('refreshed', true);
  });

  it('honours a configured namespace and ApplicationSet name', () => {
    const t = readArgocdTarget(
      new ConfigReader({
        idp: {
          argocd: {
            namespace: 'gitops',
            applicationSet: 'apps',
            cluster: { url: KUBE },
          },
        },
      }),
    )!;
    expect([t.namespace, t.applicationSet, t.server]).toEqual([
      'gitops',
      'apps',
      KUBE,
    ]);
  });

  it('is a logged no-op without a configured cluster', async () => {
    expect(readArgocdTarget(new ConfigReader({}))).toBeUndefined();
    const ctx = createMockActionContext({ input: {} });
    const info = jest.spyOn(ctx.logger, 'info');
    await createArgocdRefreshAction({ target: undefined }).handler(ctx as any);
    expect(info).toHaveBeenCalledWith(
      expect.stringContaining('idp.argocd.cluster is not configured'),
    );
    expect(ctx.output).toHaveBeenCalledWith('refreshed', false);
  });

  it('does not touch the cluster in a dry run', async () => {
    const { seen } = fakeCluster();
    const ctx = createMockActionContext({ input: {} });
    await createArgocdRefreshAction({ target }).handler({
      ...ctx,
      isDryRun: true,
    } as any);
    expect(seen).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('refreshed', false);
  });

  it('does not patch again when a retried task re-enters after the checkpoint', async () => {
    const { seen } = fakeCluster();
    const store = new Map<string, unknown>();
    const action = createArgocdRefreshAction({ target });
    await action.handler(memoisingContext({ input: {}, store }).ctx as any);
    const retry = memoisingContext({ input: {}, store });
    await action.handler(retry.ctx as any);
    expect(seen).toHaveLength(1);
    expect(retry.ran).toEqual([]);
    expect(retry.ctx.output).toHaveBeenCalledWith('refreshed', true);
  });

  it('names the ApplicationSet and the status when the API server refuses', async () => {
    server.use(
      http.patch(`${KUBE}${PATH}`, () =>
        HttpResponse.json(
          {
            kind: 'Status',
            apiVersion: 'v1',
            status: 'Failure',
            message:
              'applicationsets.argoproj.io "workloads" is forbidden: User "system:serviceaccount:backstage:idp" cannot patch resource "applicationsets"',
            reason: 'Forbidden',
            code: 403,
          },
          { status: 403 },
        ),
      ),
    );
    const ctx = createMockActionContext({ input: {} });
    await expect(
      createArgocdRefreshAction({ target }).handler(ctx as any),
    ).rejects.toThrow(
      /Could not refresh ApplicationSet argocd\/workloads on https:\/\/kubernetes.test:6443 \(HTTP 403\)/,
    );
  });
});
