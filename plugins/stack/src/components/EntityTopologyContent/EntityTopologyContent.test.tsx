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
import { parseStackYaml, type Stack } from '@idp-stack/plugin-stack-common';
import { stackApiError } from '../../__testUtils__/stackApiError';

// Whole pages with Backstage's Table and MUI inputs: the first render of a
// file takes over 5 s when the two shared cores are busy.
jest.setTimeout(20_000);

const system = catalogEntity('System', 'shop', {
  relations: [
    ['hasPart', 'component:default/web'],
    ['hasPart', 'component:default/orders'],
    ['hasPart', 'resource:default/orders-db'],
  ],
});
const web = catalogEntity('Component', 'web', {
  type: 'website',
  relations: [
    ['dependsOn', 'component:default/orders'],
    ['partOf', 'system:default/shop'],
  ],
});
const orders = catalogEntity('Component', 'orders', {
  type: 'service',
  relations: [
    ['dependsOn', 'resource:default/orders-db'],
    ['partOf', 'system:default/shop'],
  ],
});
const db = catalogEntity('Resource', 'orders-db', { type: 'database' });

function LocationProbe() {
  return <div data-testid="location">{useLocation().pathname}</div>;
}

function render(
  entity = system,
  stackApi = fakeStackApi(),
  entities = [system, web, orders, db],
) {
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
        '/catalog/:namespace/:kind/:name':
          convertLegacyRouteRef(entityRouteRef),
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
    expect(
      await screen.findByRole('link', {
        name: 'web (Frontend): Healthy, Synced',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'orders (Service): Progressing, Synced',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('link', {
        name: 'orders-db (Database): no health data',
      }),
    ).toBeInTheDocument();
    // One request for the whole graph.
    expect(stackApi.getHealthBatch).toHaveBeenCalledTimes(1);
    expect(stackApi.getHealthBatch.mock.calls[0][0]).toEqual([
      'component:default/web',
      'component:default/orders',
      'resource:default/orders-db',
    ]);

    fireEvent.click(screen.getByRole('button', { name: 'prod' }));
    expect(
      screen.getByRole('link', { name: 'web (Frontend): Degraded, OutOfSync' }),
    ).toHaveAttribute('data-tone', 'error');
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
      getHealthBatch: jest
        .fn()
        .mockRejectedValue(new Error('stack backend unreachable')),
    });
    await render(system, stackApi);
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Health is unavailable, showing relations only.*stack backend unreachable/,
    );
    expect(screen.getAllByTestId('stack-topology-node')).toHaveLength(3);
  });

  it('shows stale sources', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn().mockResolvedValue({
        items: [],
        instances: [
          {
            instance: 'main',
            stale: true,
            ageSeconds: 120,
            error: { kind: 'timeout', message: 'timed out' },
          },
        ],
      }),
    });
    await render(system, stackApi);
    expect(await screen.findByTestId('stack-stale-notice')).toHaveTextContent(
      /Data from main is stale \(2m old\).*timed out/,
    );
  });

  it('explains an empty system', async () => {
    const empty = catalogEntity('System', 'empty');
    await render(empty, fakeStackApi(), [empty]);
    expect(
      await screen.findByText('No parts in this system'),
    ).toBeInTheDocument();
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
        apis: [
          [catalogApiRef, catalog],
          [stackApiRef, fakeStackApi()],
        ],
        mountedRoutes: {
          '/catalog/:namespace/:kind/:name':
            convertLegacyRouteRef(entityRouteRef),
        },
      },
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Could not load the system from the catalog.*catalog is down/,
    );
  });

  describe('with the repo stack.yaml', () => {
    const repo = {
      'backstage.io/source-location':
        'url:https://github.com/acme/orders/tree/main/',
      'idp.platform/stack-file': 'stack.yaml',
    };
    const annotated = [
      system,
      web,
      { ...orders, metadata: { ...orders.metadata, annotations: repo } },
      { ...db, metadata: { ...db.metadata, annotations: repo } },
    ];
    const parsed = parseStackYaml(`apiVersion: idp.platform/v1alpha1
kind: Stack
metadata:
  name: orders
  system: shop
  owner: group:shop
spec:
  components:
    - name: orders
      type: nodejs
    - name: db
      type: postgres
      databases:
        - name: main
    - name: bus
      type: rabbitmq
      queues:
        - name: jobs
          deadLetter: true
  links:
    - from: orders
      to: db/main
      access: read-write
    - from: orders
      to: bus/jobs
`);
    const stack = (parsed as { stack: Stack }).stack;

    it('adds sub-components and labelled links, asking once per repo, and filters them by kind', async () => {
      const stackApi = fakeStackApi({
        getHealthBatch: jest.fn(batchOf({})),
        getStack: jest.fn().mockResolvedValue({
          entityRef: 'component:default/orders',
          location: 'https://github.com/acme/orders/tree/main/stack.yaml',
          stack,
        }),
      });
      await render(system, stackApi, annotated);
      expect(
        await screen.findByRole('link', {
          name: 'jobs.dlq (Dead-letter queue): no health data (only in stack.yaml)',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', {
          name: 'main (Database): no health data (only in stack.yaml)',
        }),
      ).toBeInTheDocument();
      expect(
        screen.getByRole('link', {
          name: 'jobs (Queue): no health data (only in stack.yaml)',
        }),
      ).toBeInTheDocument();
      // Catalog nodes stay.
      expect(
        screen.getByRole('link', {
          name: 'orders-db (Database): no health data',
        }),
      ).toBeInTheDocument();
      expect(screen.getAllByTestId('stack-topology-node')).toHaveLength(3 + 4);
      expect(
        screen
          .getAllByTestId('stack-topology-edge-label')
          .map(l => l.textContent),
      ).toEqual(['read-write']);
      // One repo, one request; health still asked for catalog entities only.
      expect(stackApi.getStack).toHaveBeenCalledTimes(1);
      expect(stackApi.getStack).toHaveBeenCalledWith(
        'component:default/orders',
      );
      expect(stackApi.getHealthBatch.mock.calls[0][0]).toHaveLength(3);
      expect(screen.queryByTestId('stack-file-notice')).not.toBeInTheDocument();

      fireEvent.click(
        screen.getByRole('checkbox', { name: 'Dead-letter queue' }),
      );
      expect(
        screen.queryByRole('link', { name: /^jobs\.dlq/ }),
      ).not.toBeInTheDocument();
      expect(screen.getAllByTestId('stack-topology-node')).toHaveLength(6);

      // A stack-only node opens the catalog entity it belongs to.
      fireEvent.click(screen.getByRole('link', { name: /^main \(Database\)/ }));
      expect(await screen.findByTestId('location')).toHaveTextContent(
        '/catalog/default/resource/orders-db',
      );
    });

    it.each([
      [
        'no-annotation',
        'the entity names no repository',
        'entity system:default/shop has neither backstage.io/source-location nor github.com/project-slug',
      ],
      [
        'no-file',
        'the repository has no stack.yaml',
        'no stack.yaml at https://github.com/acme/orders/tree/main/stack.yaml',
      ],
      [
        'invalid',
        'stack.yaml is invalid (2 issues)',
        'stack.yaml at https://github.com/acme/orders/tree/main/stack.yaml is invalid: kind: is required (and 1 more)',
      ],
    ])(
      'keeps the catalog graph and notes why when the reason is %s',
      async (reason, why, message) => {
        const issues = [
          { path: 'kind', rule: 'required', message: 'kind: is required' },
          { path: 'spec', rule: 'required', message: 'spec: is required' },
        ];
        const stackApi = fakeStackApi({
          getHealthBatch: jest.fn(batchOf({})),
          getStack: jest.fn().mockRejectedValue(
            await stackApiError(reason === 'invalid' ? 400 : 404, {
              name: reason === 'invalid' ? 'InputError' : 'NotFoundError',
              message,
              reason,
              ...(reason === 'invalid' ? { issues } : {}),
            }),
          ),
        });
        await render(
          system,
          stackApi,
          reason === 'no-annotation' ? undefined : annotated,
        );
        const notice = await screen.findByTestId('stack-file-notice');
        expect(notice).toHaveTextContent(
          `Sub-components from stack.yaml not shown: ${why}. Details: ${message}`,
        );
        expect(screen.getAllByTestId('stack-topology-node')).toHaveLength(3);
        expect(screen.queryByRole('alert')).not.toBeInTheDocument();
        // Without any stack-file annotation the page entity is asked, so the backend names what is missing.
        expect(stackApi.getStack).toHaveBeenCalledWith(
          reason === 'no-annotation'
            ? 'system:default/shop'
            : 'component:default/orders',
        );
      },
    );
  });
});
