import { fireEvent, screen, within } from '@testing-library/react';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  AUTOMATED,
  BY_ALICE,
  entityHealth,
} from '../../__testUtils__/fixtures';
import { shownText } from '../../__testUtils__/shownText';
import { HealthMatrix } from './HealthMatrix';

const now = Date.parse('2026-01-01T01:00:00Z');
const sha = 'a1b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0';

const orders = entityHealth('component:default/orders', {
  dev: [
    'Healthy',
    'Synced',
    {
      lastSync: {
        phase: 'Succeeded',
        finishedAt: '2026-01-01T00:55:00Z',
        message: 'successfully synced (all tasks run)',
        initiatedBy: BY_ALICE,
      },
      history: [
        {
          id: 7,
          revision: sha,
          deployedAt: '2026-01-01T00:55:00Z',
          initiatedBy: BY_ALICE,
        },
        {
          id: 6,
          revision: 'b2c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1',
          deployedAt: '2026-01-01T00:40:00Z',
          initiatedBy: AUTOMATED,
        },
        // Written by an Argo CD that did not record initiators in history yet.
        {
          id: 5,
          revision: 'c3d4e5f6a7b8c9d0a1b2c3d4e5f6a7b8c9d0a1b2',
          deployedAt: '2026-01-01T00:30:00Z',
        },
      ],
    },
  ],
  prod: [
    'Degraded',
    'OutOfSync',
    {
      stale: { fetchedAt: '2026-01-01T00:50:00Z', ageSeconds: 600 },
      resourceIssues: [
        {
          kind: 'Deployment',
          namespace: 'commerce-prod',
          name: 'orders',
          healthStatus: 'Degraded',
          message: 'Deployment exceeded its progress deadline',
        },
      ],
    },
  ],
});

describe('HealthMatrix', () => {
  it('shows one row per service and one column per environment', async () => {
    await renderInTestApp(
      <HealthMatrix
        now={now}
        rows={[
          {
            entityRef: 'component:default/orders',
            title: 'orders',
            health: orders,
            repoSlug: 'acme/shop',
          },
          {
            entityRef: 'component:default/web',
            title: 'web',
            error:
              'component:default/web has no argocd/app-selector annotation',
          },
        ]}
      />,
    );
    expect(
      screen.getByRole('heading', { name: 'Health by environment' }),
    ).toBeInTheDocument();
    expect(screen.getAllByRole('columnheader').map(h => h.textContent)).toEqual(
      ['Service', 'dev', 'stage', 'prod'],
    );
    const dev = screen.getByTestId('health-cell-orders-dev');
    expect(within(dev).getByRole('status')).toHaveAccessibleName(
      'Healthy · Synced',
    );
    expect(
      within(dev).getByRole('link', {
        name: 'commit a1b2c3d, Opens in a new window',
      }),
    ).toHaveAttribute('href', `https://github.com/acme/shop/commit/${sha}`);
    expect(dev).toHaveTextContent(
      'last sync Succeeded 5m ago by alice — successfully synced (all tasks run)',
    );
    expect(screen.getByText('Not deployed to stage')).toBeInTheDocument();
    expect(
      screen.getByText(
        'No health: component:default/web has no argocd/app-selector annotation',
      ),
    ).toBeInTheDocument();
  });

  it('marks stale cells with their age and counts resources in trouble', async () => {
    await renderInTestApp(
      <HealthMatrix
        now={now}
        rows={[
          {
            entityRef: 'component:default/orders',
            title: 'orders',
            health: orders,
          },
        ]}
      />,
    );
    const prod = screen.getByTestId('health-cell-orders-prod');
    expect(within(prod).getByRole('status')).toHaveAccessibleName(
      'Degraded · OutOfSync (stale, 10m old)',
    );
    expect(prod).toHaveTextContent('1 resource out of sync or unhealthy');
  });

  it('opens a cell for its resources and history', async () => {
    await renderInTestApp(
      <HealthMatrix
        now={now}
        rows={[
          {
            entityRef: 'component:default/orders',
            title: 'orders',
            health: orders,
          },
        ]}
      />,
    );
    fireEvent.click(
      screen.getByRole('button', { name: 'Details of orders in prod' }),
    );
    const prod = screen.getByRole('region', { name: 'orders in prod' });
    expect(prod).toHaveTextContent(
      'Deployment commerce-prod/orders: Degraded — Deployment exceeded its progress deadline',
    );
    expect(prod).toHaveTextContent('No deployments recorded yet.');
    fireEvent.click(
      screen.getByRole('button', { name: 'Details of orders in dev' }),
    );
    const history = within(
      screen.getByRole('region', { name: 'orders in dev' }),
    ).getAllByRole('listitem');
    expect(history.map(shownText)).toEqual([
      'a1b2c3d deployed 5m ago by alice',
      'b2c3d4e deployed 20m ago by Argo CD (automated)',
      'c3d4e5f deployed 30m ago',
    ]);
  });

  it('says who started a running sync and an automated last sync, and nothing when unrecorded', async () => {
    const payments = entityHealth('component:default/payments', {
      dev: [
        'Healthy',
        'Synced',
        {
          lastSync: {
            phase: 'Succeeded',
            finishedAt: '2026-01-01T00:58:00Z',
            initiatedBy: AUTOMATED,
          },
        },
      ],
      stage: [
        'Healthy',
        'Synced',
        {
          lastSync: {
            phase: 'Failed',
            finishedAt: '2026-01-01T00:50:00Z',
            message: 'one or more objects failed to apply',
          },
        },
      ],
      prod: [
        'Progressing',
        'Synced',
        {
          operationInProgress: {
            phase: 'Running',
            message: 'waiting for healthy state of apps/Deployment/api',
            initiatedBy: BY_ALICE,
          },
        },
      ],
    });
    await renderInTestApp(
      <HealthMatrix
        now={now}
        rows={[
          {
            entityRef: 'component:default/payments',
            title: 'payments',
            health: payments,
          },
        ]}
      />,
    );
    expect(screen.getByTestId('health-cell-payments-dev')).toHaveTextContent(
      'last sync Succeeded 2m ago by Argo CD (automated)',
    );
    const stage = screen.getByTestId('health-cell-payments-stage');
    expect(stage).toHaveTextContent(
      'last sync Failed 10m ago — one or more objects failed to apply',
    );
    expect(stage).not.toHaveTextContent(/ by /);
    expect(screen.getByTestId('health-cell-payments-prod')).toHaveTextContent(
      'Running: waiting for healthy state of apps/Deployment/api (started by alice)',
    );
  });
});
