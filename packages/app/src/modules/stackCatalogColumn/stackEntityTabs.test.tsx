import { act, screen } from '@testing-library/react';
import { renderTestApp } from '@backstage/frontend-test-utils';
import catalogPlugin from '@backstage/plugin-catalog/alpha';
import { catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import stackPlugin from '@idp-stack/plugin-stack/alpha';
import { stackApiRef } from '@idp-stack/plugin-stack';

const entity = (
  kind: string,
  name: string,
  relations: Array<[string, string]>,
) => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind,
  metadata: { name, namespace: 'default' },
  spec: {
    type: 'service',
    lifecycle: 'production',
    owner: 'group:default/payments',
  },
  relations: relations.map(([type, targetRef]) => ({ type, targetRef })),
});

// The app discovers @idp-stack/plugin-stack/alpha (app.packages: all); here it
// is passed explicitly next to the catalog to check the tabs mount on entity pages.
describe('stack plugin in the app', () => {
  it('adds Topology and Health tabs to a system page', async () => {
    const entities = [
      entity('System', 'payments', [
        ['hasPart', 'component:default/payments-api'],
      ]),
      entity('Component', 'payments-api', [
        ['partOf', 'system:default/payments'],
      ]),
    ];
    await act(async () => {
      renderTestApp({
        features: [catalogPlugin, stackPlugin],
        initialRouteEntries: ['/catalog/default/system/payments/topology'],
        apis: [
          [catalogApiRef, catalogApiMock({ entities })],
          [
            stackApiRef,
            {
              getHealthBatch: jest.fn(async () => ({
                items: [],
                instances: [],
              })),
              getHealth: jest.fn(),
              getBuilds: jest.fn(),
            },
          ],
        ],
      });
    });
    // Entity page tabs are links in the new frontend system's header.
    expect(
      await screen.findByRole('link', { name: 'Topology' }, { timeout: 20000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Health' })).toBeInTheDocument();
    // Builds only on components with github.com/project-slug.
    expect(
      screen.queryByRole('link', { name: 'Builds' }),
    ).not.toBeInTheDocument();
    expect(
      await screen.findByRole(
        'link',
        { name: /^payments-api \(Service\)/ },
        { timeout: 20000 },
      ),
    ).toBeInTheDocument();
  }, 60000);
});
