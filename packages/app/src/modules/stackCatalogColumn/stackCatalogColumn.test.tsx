import { act, screen, within } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { stackApiRef } from '@idp-stack/plugin-stack';
import { catalogColumns, stackCatalogColumnModule } from './index';

const payments = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'payments-api',
    namespace: 'default',
    annotations: { 'argocd/app-selector': 'idp.platform/repo=payments-api' },
  },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
};

describe('stackCatalogColumnModule', () => {
  it('replaces the catalog page with one that has a Health column fed by one batch', async () => {
    const getHealthBatch = jest.fn(async (refs: string[]) => ({
      items: refs.map(entityRef => ({
        entityRef,
        health: {
          entityRef,
          environments: [
            {
              environment: 'dev',
              syncStatus: 'Synced' as const,
              healthStatus: 'Healthy' as const,
              applications: [],
            },
          ],
          instances: [],
          partial: false,
          generatedAt: '2026-01-01T00:00:00Z',
        },
      })),
      instances: [{ instance: 'main', stale: false }],
    }));
    await act(async () => {
      renderTestApp({
        features: [catalogPlugin, stackCatalogColumnModule],
        initialRouteEntries: [
          '/catalog?filters[kind]=component&filters[user]=all',
        ],
        apis: [
          [catalogApiRef, catalogApiMock({ entities: [payments] })],
          [
            stackApiRef,
            { getHealthBatch, getHealth: jest.fn(), getBuilds: jest.fn() },
          ],
        ],
      });
    });
    expect(
      await screen.findByRole(
        'columnheader',
        { name: 'Health' },
        { timeout: 20000 },
      ),
    ).toBeInTheDocument();
    const row = (
      await screen.findByText('payments-api', {}, { timeout: 20000 })
    ).closest('tr')!;
    expect(
      await within(row).findByRole('status', { name: 'dev: Healthy · Synced' }),
    ).toBeInTheDocument();
    expect(getHealthBatch).toHaveBeenCalledWith([
      'component:default/payments-api',
    ]);
  }, 60000);
});

describe('catalogColumns', () => {
  const context = (tags?: string[]) =>
    ({
      filters: {},
      entities: [{ ...payments, metadata: { ...payments.metadata, tags } }],
    } as any);
  const titles = (cols: ReturnType<typeof catalogColumns>) =>
    cols
      .filter(c => !c.hidden)
      .map(c => (typeof c.title === 'string' ? c.title : c.field));

  it('puts Health before Description and leaves out Tags', () => {
    expect(titles(catalogColumns(context()))).toEqual([
      'resolved.entityRef',
      'resolved.partOfSystemRelationTitle',
      'resolved.ownedByRelationsTitle',
      'entity.spec.type',
      'entity.spec.lifecycle',
      'Health',
      'entity.metadata.description',
    ]);
  });

  it('leaves out Tags even when entities have them (the filter keeps them)', () => {
    expect(
      titles(catalogColumns(context(['service', 'postgres']))),
    ).not.toContain('entity.metadata.tags');
  });
});
