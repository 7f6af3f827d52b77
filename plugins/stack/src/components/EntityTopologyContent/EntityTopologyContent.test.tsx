import { act, fireEvent, screen } from '@testing-library/react';
import { useLocation } from 'react-router-dom';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import { convertLegacyRouteRef } from '@backstage/core-compat-api';
import {
  EntityProvider,
  catalogApiRef,
  entityRouteRef,
} from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { stackApiRef } from '../../api/stackApiRef';
import {
  batchOf,
  catalogEntity,
  entityHealth,
  fakeStackApi,
} from '../../__testUtils__/fixtures';
import { EntityTopologyContent } from './EntityTopologyContent';

const system = catalogEntity('System', 'shop', {
  relations: [
    ['hasPart', 'component:default/web'],
    ['hasPart', 'component:default/orders'],
    ['hasPart', 'resource:default/orders-db'],
  ],
});
const web = catalogEntity('Component', 'web', {
  type: 'website',
  relations: [['dependsOn', 'component:default/orders'], ['partOf', 'system:default/shop']],
});
const orders = catalogEntity('Component', 'orders', {
  type: 'service',
  relations: [['dependsOn', 'resource:default/orders-db'], ['partOf', 'system:default/shop']],
});
const db = catalogEntity('Resource', 'orders-db', { type: 'database' });

function LocationProbe() {
  return <div data-testid="location">{useLocation().pathname}</div>;
}

function render(entity = system, stackApi = fakeStackApi(), entities = [system, web, orders, db]) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityTopologyContent />
      <LocationProbe />
    </EntityProvider>,
    {
      apis: [
        [catalogApiRef, catalogApiMock({ entities })],
        [stackApiRef, stackApi],
      ],
      mountedRoutes: {
        '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
      },
    },
  );
}

describe('EntityTopologyContent', () => {
  it('shows the system parts with their health, and switches environment', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(
        batchOf({
          'component:default/web': entityHealth('component:default/web', {
            dev: ['Healthy', 'Synced'],
            prod: ['Degraded', 'OutOfSync'],
          }),
          'component:default/orders': entityHealth('component:default/orders', {
            dev: ['Progressing', 'Synced'],
            prod: ['Healthy', 'Synced'],
          }),
        }),
      ),
    });
    await render(system, stackApi);
    expect(await screen.findByRole('link', { name: 'web (Frontend): Healthy, Synced' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'orders (Service): Progressing, Synced' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'orders-db (Database): no health data' })).toBeInTheDocument();
    // One request for the whole graph.
    expect(stackApi.getHealthBatch).toHaveBeenCalledTimes(1);
    expect(stackApi.getHealthBatch.mock.calls[0][0]).toEqual([
      'component:default/web',
      'component:default/orders',
      'resource:default/orders-db',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'prod' }));
    expect(screen.getByRole('link', { name: 'web (Frontend): Degraded, OutOfSync' })).toHaveAttribute('data-tone', 'error');
    expect(stackApi.getHealthBatch).toHaveBeenCalledTimes(1);
  });

  it('draws the whole system from a component page and opens a clicked node', async () => {
    const stackApi = fakeStackApi({ getHealthBatch: jest.fn(batchOf({})) });
    await render(web, stackApi);
    fireEvent.click(await screen.findByRole('link', { name: /^orders-db/ }));
    expect(await screen.findByTestId('location')).toHaveTextContent(
      '/catalog/default/resource/orders-db',
    );
  });

  it('still draws the relations when health fails, and says so', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn().mockRejectedValue(new Error('stack backend unreachable')),
    });
    await render(system, stackApi);
    expect(await screen.findByText(/Health is unavailable, showing relations only: stack backend unreachable/)).toBeInTheDocument();
    expect(screen.getAllByTestId('stack-topology-node')).toHaveLength(3);
  });

  it('shows stale sources', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn().mockResolvedValue({
        items: [],
        instances: [{ instance: 'main', stale: true, ageSeconds: 120, error: { kind: 'timeout', message: 'timed out' } }],
      }),
    });
    await render(system, stackApi);
    expect(await screen.findByText('Data from main is stale (2m old): timed out')).toBeInTheDocument();
  });

  it('explains an empty system', async () => {
    const empty = catalogEntity('System', 'empty');
    await render(empty, fakeStackApi(), [empty]);
    expect(await screen.findByText('No parts in this system')).toBeInTheDocument();
    // Let the (empty) health lookup settle inside act.
    await act(() => new Promise(resolve => setTimeout(resolve, 0)));
  });

  it('shows a catalog failure as an error', async () => {
    const catalog = catalogApiMock.mock({
      getEntityByRef: jest.fn().mockRejectedValue(new Error('catalog is down')),
    });
    await renderInTestApp(
      <EntityProvider entity={web}>
        <EntityTopologyContent />
      </EntityProvider>,
      {
        apis: [[catalogApiRef, catalog], [stackApiRef, fakeStackApi()]],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name': convertLegacyRouteRef(entityRouteRef),
        },
      },
    );
    expect(await screen.findByText(/catalog is down/)).toBeInTheDocument();
  });
});
