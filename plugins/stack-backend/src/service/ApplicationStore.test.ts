import { mockServices } from '@backstage/backend-test-utils';
import { CacheService } from '@backstage/backend-plugin-api';
import { setupServer } from 'msw/node';
import { application } from '../__testUtils__/argoFixtures';
import { fakeArgoCd } from '../__testUtils__/mswFakes';
import { ApplicationStore } from './ApplicationStore';
import { ArgoCdClient } from './ArgoCdClient';

const URL_ = 'https://argocd.example.test';
const fake = fakeArgoCd(URL_, [application({ repo: 'pay', env: 'dev' })], {
  token: 't',
});
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());

/** A cache shared by two "replicas", like Redis would be. */
function sharedCache(): CacheService {
  const data = new Map<string, unknown>();
  const cache: CacheService = {
    get: async (key: string) => data.get(key) as any,
    set: async (key: string, value: unknown) => {
      data.set(key, JSON.parse(JSON.stringify(value)));
    },
    delete: async (key: string) => {
      data.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

function replica(cache: CacheService) {
  return new ApplicationStore(
    [
      new ArgoCdClient(
        { name: 'main', url: URL_, uiUrl: URL_, token: 't' },
        1_000,
      ),
    ],
    {
      cache,
      logger: mockServices.logger.mock(),
      selector: 'idp.platform/repo',
      refreshIntervalMs: 60_000,
      historyLimit: 5,
    },
  );
}

describe('ApplicationStore', () => {
  it('lets a second replica adopt the list the first one stored in the shared cache', async () => {
    const cache = sharedCache();
    const reads = jest.spyOn(cache, 'get');
    const [a] = await replica(cache).views();
    const [b] = await replica(cache).views();
    expect(fake.state.listCalls).toBe(1);
    expect(b.snapshot?.apps.map(x => x.health.name)).toEqual(['pay-dev']);
    expect(b.snapshot?.fetchedAt).toBe(a.snapshot?.fetchedAt);
    // The first replica checked only the small fetchedAt key, not the list.
    expect(reads.mock.calls.map(c => c[0])).toEqual([
      'argocd:applications:main:fetchedAt',
      'argocd:applications:main:fetchedAt',
      'argocd:applications:main',
    ]);
  });

  it('starts from the last known list in the cache when the instance is down', async () => {
    const cache = sharedCache();
    await replica(cache).views();
    fake.state.mode = 'down';
    const restarted = replica(cache);
    // Make the shared list look old so the restarted replica tries Argo CD.
    const key = 'argocd:applications:main';
    const old = (await cache.get(key)) as any;
    await cache.set(key, { ...old, fetchedAt: old.fetchedAt - 120_000 });
    await cache.set(`${key}:fetchedAt`, old.fetchedAt - 120_000);
    const [view] = await restarted.views();
    expect(view.error?.kind).toBe('unreachable');
    expect(view.snapshot?.apps).toHaveLength(1);
    fake.state.mode = 'up';
  });
});
