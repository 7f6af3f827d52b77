import { screen } from '@testing-library/react';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import { catalogEntity, fakeStackApi } from '../../__testUtils__/fixtures';
import { stackApiRef } from '../../api/stackApiRef';
import { EntityLooseStacksNotice } from './EntityLooseStacksNotice';

const intruder = catalogEntity('Component', 'intruder');
const reason =
  'Repository acme/intruder tags itself into system payments, but the registry entry argocd/systems/payments.yaml does not list it, so its AppProject refuses it and it deploys nothing';

function render(stackApi: ReturnType<typeof fakeStackApi>) {
  return renderInTestApp(
    <EntityProvider entity={intruder}>
      <EntityLooseStacksNotice />
    </EntityProvider>,
    { apis: [[stackApiRef, stackApi]] },
  );
}

jest.setTimeout(20_000);

describe('EntityLooseStacksNotice', () => {
  it("says why the entity's repository deploys nothing, with the fix", async () => {
    const stackApi = fakeStackApi({
      getEntityLooseStacks: jest.fn().mockResolvedValue({
        generatedAt: '2026-11-29T10:00:00.000Z',
        errors: [],
        items: [
          {
            cause: 'not-registered',
            repository: 'acme/intruder',
            system: 'payments',
            reason,
            fix: {
              title: 'Register intruder in system payments',
              url: '/create/templates/default/register-system',
            },
            entityRefs: ['component:default/intruder'],
          },
        ],
      }),
    });
    await render(stackApi);
    expect((await screen.findByTestId('loose-stacks-reason')).textContent).toBe(
      `Warning: ${reason}`,
    );
    expect(
      screen.getByRole('link', {
        name: 'Register intruder in system payments',
      }),
    ).toHaveAttribute('href', '/create/templates/default/register-system');
    expect(stackApi.getEntityLooseStacks).toHaveBeenCalledWith(
      'component:default/intruder',
    );
  });

  it('renders nothing when nothing is loose', async () => {
    const stackApi = fakeStackApi({
      getEntityLooseStacks: jest
        .fn()
        .mockResolvedValue({ generatedAt: '', errors: [], items: [] }),
    });
    await render(stackApi);
    expect(screen.queryByTestId('loose-stacks-notice')).toBeNull();
  });
});
