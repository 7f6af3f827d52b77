import { screen, within } from '@testing-library/react';
import type { LooseStacksResponse } from '@idp-stack/plugin-stack-common';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import { fakeStackApi } from '../../__testUtils__/fixtures';
import { stackApiRef } from '../../api/stackApiRef';
import { LooseStacksPage } from './LooseStacksPage';

jest.setTimeout(20_000);

const report: LooseStacksResponse = {
  generatedAt: '2026-11-29T10:00:00.000Z',
  errors: [{ source: 'edge ApplicationSets', message: 'timed out' }],
  items: [
    {
      cause: 'not-registered',
      repository: 'acme/intruder',
      system: 'payments',
      reason:
        'Repository acme/intruder tags itself into system payments, but the registry entry argocd/systems/payments.yaml does not list it',
      fix: {
        title: 'Register intruder in system payments',
        url: '/create/templates/default/register-system',
      },
      entityRefs: ['component:default/intruder'],
    },
    {
      cause: 'topic-removed',
      repository: 'acme/ledger',
      reason: 'Repository acme/ledger no longer carries the idp-managed topic',
      fix: {
        title: 'Add the topic back',
        url: 'https://github.com/acme/ledger',
      },
      entityRefs: ['component:default/ledger'],
    },
  ],
};

describe('LooseStacksPage', () => {
  it('lists each loose stack with its cause, reason and fix link, and names a failed source', async () => {
    const stackApi = fakeStackApi({
      getLooseStacks: jest.fn().mockResolvedValue(report),
    });
    await renderInTestApp(<LooseStacksPage />, {
      apis: [[stackApiRef, stackApi]],
    });
    expect(await screen.findByText('2 loose stacks')).toBeInTheDocument();
    const row = screen.getByText('acme/intruder').closest('tr')!;
    expect(
      within(row).getByText('Not registered in its system'),
    ).toBeInTheDocument();
    expect(within(row).getByText(report.items[0].reason)).toBeInTheDocument();
    expect(
      within(row).getByRole('link', {
        name: 'Register intruder in system payments',
      }),
    ).toHaveAttribute('href', '/create/templates/default/register-system');
    expect(screen.getByTestId('loose-stacks-source-error').textContent).toBe(
      'Warning: edge ApplicationSets could not be read: its causes are missing belowtimed out',
    );
    expect(stackApi.getLooseStacks).toHaveBeenCalledWith(undefined);
  });

  it('says so when the backend refuses', async () => {
    const stackApi = fakeStackApi({
      getLooseStacks: jest.fn().mockRejectedValue(new Error('boom: 503')),
    });
    await renderInTestApp(<LooseStacksPage />, {
      apis: [[stackApiRef, stackApi]],
    });
    expect((await screen.findByTestId('loose-stacks-error')).textContent).toBe(
      'Error: Loose stacks could not be listedboom: 503',
    );
  });
});
