import { mockServices, TestDatabases } from '@backstage/backend-test-utils';
import { CacheService } from '@backstage/backend-plugin-api';
import { DefaultSchedulerService } from '@backstage/backend-defaults/scheduler';
import { setupServer } from 'msw/node';
import { application } from '../__testUtils__/argoFixtures';
import { eventually } from '../__testUtils__/startStackBackend';
import { fakeArgoCd } from '../__testUtils__/mswFakes';
import { ApplicationStore } from './ApplicationStore';
import { ArgoCdClient } from './ArgoCdClient';

jest.setTimeout(20_000);

const URL_ = 'https://argocd.example.test';
const fake = fakeArgoCd(URL_, [application({ repo: 'pay', env: 'dev' })], {
  token: 't',
});
const server = setupServer(...fake.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterAll(() => server.close());
beforeEach(() => {
  fake.state.listCalls = 0;
  fake.state.mode = 'up';
});

/** A cache shared by two "replicas", like Redis would be (values cross it as JSON). */
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

function replica(cache: CacheService, refreshIntervalMs = 60_000) {
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
      refreshIntervalMs,
      historyLimit: 5,
    },
  );
}

/** Backstage's real scheduler of one replica, its tasks in the shared database. */
const databases = TestDatabases.create({ ids: ['SQLITE_3'] });
type Knex = Awaited<ReturnType<typeof databases.init>>;

function schedulerOf(knex: Knex) {
  const shutdown: Array<() => void> = [];
  const noop = () => ({ add() {}, record() {} });
  const scheduler = DefaultSchedulerService.create({
    database: { getClient: async () => knex },
    logger: mockServices.logger.mock(),
    rootLifecycle: {
      addStartupHook() {},
      addBeforeShutdownHook() {},
      addShutdownHook: (hook: () => void) => shutdown.push(hook),
    },
    httpRouter: { use() {}, addAuthPolicy() {} },
    pluginMetadata: { getId: () => 'stack' },
    metrics: {
      createCounter: noop,
      createHistogram: noop,
      createGauge: noop,
      createUpDownCounter: noop,
      createObservableCounter: noop,
      createObservableGauge: noop,
      createObservableUpDownCounter: noop,
    },
  } as any);
  return { scheduler, stop: () => shutdown.forEach(h => h()) };
}

describe('ApplicationStore', () => {
  it('answers a cold start with the instance loading and calls nobody', async () => {
    const [view] = await replica(sharedCache()).views();
    expect(view).toMatchObject({ instance: 'main', loading: true });
    expect(view.snapshot).toBeUndefined();
    expect(fake.state.listCalls).toBe(0);
  });

  it('serves what the refresh found without calling Argo CD per request', async () => {
    const store = replica(sharedCache());
    await store.refresh();
    for (let i = 0; i < 20; i++) {
      const [view] = await store.views();
      expect(view.snapshot?.apps.map(a => a.health.name)).toEqual(['pay-dev']);
      expect(view.loading).toBe(false);
    }
    expect(fake.state.listCalls).toBe(1);
  });

  it('lets two replicas on one cache and one database list once per interval, both serving the list', async () => {
    // One database for both replicas, as production shares PostgreSQL.
    const knex = await databases.init('SQLITE_3');
    const cache = sharedCache();
    // The test database's clock has whole seconds: a 1 s interval.
    const a = replica(cache, 1_000);
    const b = replica(cache, 1_000);
    const sa = schedulerOf(knex);
    const sb = schedulerOf(knex);
    try {
      const started = Date.now();
      await a.schedule(sa.scheduler, 1_000);
      await b.schedule(sb.scheduler, 1_000);
      await new Promise(r => setTimeout(r, 4_500));
      const elapsedIntervals = (Date.now() - started) / 1_000;
      // Each replica alone would list every interval: twice as often.
      expect(fake.state.listCalls).toBeGreaterThanOrEqual(2);
      expect(fake.state.listCalls).toBeLessThanOrEqual(
        Math.ceil(elapsedIntervals) + 1,
      );
      await eventually(async () => {
        const [va] = await a.views();
        const [vb] = await b.views();
        expect(va.snapshot?.apps.map(x => x.health.name)).toEqual(['pay-dev']);
        expect(vb.snapshot?.fetchedAt).toBe(va.snapshot?.fetchedAt);
      });
    } finally {
      sa.stop();
      sb.stop();
      await new Promise(r => setTimeout(r, 100));
    }
  });

  it('starts a restarted replica from the last known list in the cache while the instance is down', async () => {
    const cache = sharedCache();
    await replica(cache).refresh();
    fake.state.mode = 'down';
    const restarted = replica(cache);
    await restarted.adopt();
    await restarted.refresh();
    const [view] = await restarted.views();
    expect(view.error?.kind).toBe('unreachable');
    expect(view.loading).toBe(false);
    expect(view.snapshot?.apps).toHaveLength(1);
    // Another replica learns of the failure from the cache, not from Argo CD.
    const other = replica(cache);
    await other.adopt();
    const [seen] = await other.views();
    expect(seen.error?.kind).toBe('unreachable');
    expect(seen.snapshot?.apps).toHaveLength(1);
    expect(fake.state.listCalls).toBe(2);
  });
});
