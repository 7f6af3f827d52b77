import { act, screen } from '@testing-library/react';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { stackApiRef } from '../../api/stackApiRef';
import {
  AUTOMATED,
  BY_ALICE,
  batchOf,
  catalogEntity,
  entityHealth,
  fakeStackApi,
} from '../../__testUtils__/fixtures';
import { EntityHealthContent } from './EntityHealthContent';

// Whole pages with Backstage's Table and MUI inputs: the first render of a
// file takes over 5 s when the two shared cores are busy.
jest.setTimeout(20_000);

const selector = (repo: string) => ({
  'argocd/app-selector': `idp.platform/repo=${repo}`,
  'github.com/project-slug': `acme/${repo}`,
});
const system = catalogEntity('System', 'shop', {
  relations: [
    ['hasPart', 'component:default/orders'],
    ['hasPart', 'component:default/legacy'],
    ['hasPart', 'resource:default/orders-db'],
  ],
});
const orders = catalogEntity('Component', 'orders', {
  type: 'service',
  annotations: selector('orders'),
});
const legacy = catalogEntity('Component', 'legacy', { type: 'service' });
const db = catalogEntity('Resource', 'orders-db', { type: 'database' });

function render(entity: Entity, stackApi = fakeStackApi()) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityHealthContent />
    </EntityProvider>,
    {
      apis: [
        [
          catalogApiRef,
          catalogApiMock({ entities: [system, orders, legacy, db] }),
        ],
        [stackApiRef, stackApi],
      ],
    },
  );
}

describe('EntityHealthContent', () => {
  it('shows a progress bar while loading', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(() => new Promise<never>(() => {})),
    });
    await render(orders, stackApi);
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows the annotated services of a system in one request and names the rest', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(
        batchOf({
          'component:default/orders': entityHealth('component:default/orders', {
            dev: ['Healthy', 'Synced'],
            stage: ['Progressing', 'Synced'],
            prod: ['Degraded', 'OutOfSync'],
          }),
        }),
      ),
    });
    await render(system, stackApi);
    expect(
      await screen.findByRole('heading', { name: 'Health by environment' }),
    ).toBeInTheDocument();
    expect(screen.getByRole('cell', { name: 'orders' })).toBeInTheDocument();
    expect(
      screen.getAllByRole('status').map(s => s.getAttribute('aria-label')),
    ).toEqual([
      'Healthy · Synced',
      'Progressing · Synced',
      'Degraded · OutOfSync',
    ]);
    expect(stackApi.getHealthBatch).toHaveBeenCalledTimes(1);
    expect(stackApi.getHealthBatch).toHaveBeenCalledWith([
      'component:default/orders',
    ]);
    expect(
      screen.getByText(
        /1 component of this system has no argocd\/app-selector annotation/,
      ),
    ).toBeInTheDocument();
  });

  it('says who started the last sync in each environment', async () => {
    const synced = new Date(Date.now() - 5 * 60_000).toISOString();
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(
        batchOf({
          'component:default/orders': entityHealth('component:default/orders', {
            dev: [
              'Healthy',
              'Synced',
              {
                lastSync: {
                  phase: 'Succeeded',
                  finishedAt: synced,
                  initiatedBy: AUTOMATED,
                },
              },
            ],
            prod: [
              'Healthy',
              'Synced',
              {
                lastSync: {
                  phase: 'Succeeded',
                  finishedAt: synced,
                  initiatedBy: BY_ALICE,
                },
              },
            ],
          }),
        }),
      ),
    });
    await render(orders, stackApi);
    await screen.findByRole('heading', { name: 'Health by environment' });
    expect(screen.getByTestId('health-cell-orders-dev')).toHaveTextContent(
      /last sync Succeeded 5m ago by Argo CD \(automated\)/,
    );
    expect(screen.getByTestId('health-cell-orders-prod')).toHaveTextContent(
      /last sync Succeeded 5m ago by alice/,
    );
  });

  it('names the missing annotation when there is nothing to ask for', async () => {
    const stackApi = fakeStackApi();
    await render(legacy, stackApi);
    expect(
      await screen.findByRole('region', {
        name: 'No deployment health for this entity',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(
        /Add the annotation argocd\/app-selector: idp.platform\/repo=<repo>/,
      ),
    ).toBeInTheDocument();
    expect(stackApi.getHealthBatch).not.toHaveBeenCalled();
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  });

  it('names the missing Argo CD configuration', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn().mockResolvedValue({
        items: [
          {
            entityRef: 'component:default/orders',
            health: entityHealth('component:default/orders', {}),
          },
        ],
        instances: [],
      }),
    });
    await render(orders, stackApi);
    const notice = await screen.findByRole('region', {
      name: 'No Argo CD instance configured',
    });
    // The exact keys that would fill the tab.
    expect(notice).toHaveTextContent(
      'stack.argocd.instances: name, url and token',
    );
    expect(screen.getByText(/stack\.argocd\.instances/)).toBeInTheDocument();
  });

  it('shows stale data with its age', async () => {
    const health = entityHealth('component:default/orders', {
      dev: [
        'Healthy',
        'Synced',
        { stale: { fetchedAt: '2026-01-01T00:00:00Z', ageSeconds: 300 } },
      ],
    });
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn().mockResolvedValue({
        items: [{ entityRef: 'component:default/orders', health }],
        instances: [
          {
            instance: 'main',
            stale: true,
            ageSeconds: 300,
            error: { kind: 'unreachable', message: 'connect ECONNREFUSED' },
          },
        ],
      }),
    });
    await render(orders, stackApi);
    expect(await screen.findByTestId('stack-stale-notice')).toHaveTextContent(
      /Data from main is stale \(5m old\).*connect ECONNREFUSED/,
    );
    expect(
      screen.getByRole('status', { name: 'Healthy · Synced (stale, 5m old)' }),
    ).toBeInTheDocument();
  });

  it('shows a backend failure', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest
        .fn()
        .mockRejectedValue(new Error('503 Service Unavailable')),
    });
    await render(orders, stackApi);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Error: Could not load health from the stack backend.*503 Service Unavailable/,
    );
  });
});
