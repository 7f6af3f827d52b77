import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';
import { stackApiRef } from '../../api/stackApiRef';
import { fakeStackApi } from '../../__testUtils__/fixtures';
import { stackApiError } from '../../__testUtils__/stackApiError';
import { renderInTestAppAct } from '../../__testUtils__/renderInTestAppAct';
import { EnvironmentActions } from './EnvironmentActions';

const OWN = 'component:default/payments-api';
const OTHER = 'component:default/receipts-worker';

/** The decision the backend's policy would give: owners only, prod for approvers. */
function permissions(approver = false) {
  return mockApis.permission({
    authorize: req => {
      const ref = (req as { resourceRef?: string }).resourceRef;
      const approval =
        req.permission.name === 'stack.application.sync.approved';
      return ref === OWN && (!approval || approver)
        ? AuthorizeResult.ALLOW
        : AuthorizeResult.DENY;
    },
  });
}

async function render(
  entityRef: string,
  environment: string,
  stackApi = fakeStackApi(),
  approver = false,
) {
  await renderInTestAppAct(
    // usePermission caches decisions in SWR's global cache: each test starts
    // with an empty one, or an earlier approver's ALLOW would be reused.
    <SWRConfig value={{ provider: () => new Map() }}>
      <EnvironmentActions entityRef={entityRef} environment={environment} />
    </SWRConfig>,
    {
      apis: [
        [stackApiRef, stackApi],
        [permissionApiRef, permissions(approver)],
      ],
    },
  );
  return stackApi;
}

const button = (name: RegExp) => screen.findByRole('button', { name });

// The machine is shared: user-event clicks through the dialog take seconds under load.
jest.setTimeout(30_000);

describe('EnvironmentActions', () => {
  it('enables sync and refresh on an owned service and shows the started operation in place', async () => {
    const api = await render(OWN, 'dev');
    api.sync.mockResolvedValue({
      instance: 'main',
      application: 'payments-dev',
      action: 'sync',
      accepted: true,
    });
    await waitFor(async () => expect(await button(/^Sync dev$/)).toBeEnabled());
    expect(await button(/^Refresh dev$/)).toBeEnabled();
    await userEvent.click(await button(/^Sync dev$/));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Sync of payments-dev on main started',
    );
    expect(api.sync).toHaveBeenCalledWith({
      entityRef: OWN,
      environment: 'dev',
    });
  });

  it("disables both on another team's service and says why", async () => {
    const api = await render(OTHER, 'dev');
    await waitFor(async () =>
      expect(await button(/^Sync dev$/)).toBeDisabled(),
    );
    expect(await button(/^Refresh dev$/)).toBeDisabled();
    expect(
      screen.getByText('Only the owners of this service can sync dev.'),
    ).toBeInTheDocument();
    expect(
      screen.getByText('Only the owners of this service can refresh dev.'),
    ).toBeInTheDocument();
    expect(api.sync).not.toHaveBeenCalled();
  });

  it('asks an approver to confirm a prod sync, and does nothing on cancel', async () => {
    const api = await render(OWN, 'prod', fakeStackApi(), true);
    api.sync.mockResolvedValue({
      instance: 'main',
      application: 'payments-prod',
      action: 'sync',
      accepted: true,
    });
    await waitFor(async () =>
      expect(await button(/^Sync prod$/)).toBeEnabled(),
    );
    await userEvent.click(await button(/^Sync prod$/));
    expect(await screen.findByRole('dialog')).toHaveTextContent(
      'prod needs manual approval',
    );
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.queryByRole('dialog')).not.toBeInTheDocument(),
    );
    expect(api.sync).not.toHaveBeenCalled();
    await userEvent.click(await button(/^Sync prod$/));
    await userEvent.click(
      within(await screen.findByRole('dialog')).getByRole('button', {
        name: 'Confirm sync of prod',
      }),
    );
    expect(await screen.findByRole('status')).toHaveTextContent(
      'Sync of payments-prod on main started',
    );
  });

  it('keeps prod sync off for an owner who is no approver, with the reason', async () => {
    await render(OWN, 'prod');
    await waitFor(async () =>
      expect(await button(/^Sync prod$/)).toBeDisabled(),
    );
    expect(await button(/^Refresh prod$/)).toBeEnabled();
    expect(
      screen.getByText('Syncing prod needs an approver who owns this service.'),
    ).toBeInTheDocument();
  });

  it('shows a refusal and a failure from the backend in place', async () => {
    const api = await render(OWN, 'dev');
    api.refresh.mockRejectedValueOnce(
      await stackApiError(403, {
        name: 'NotAllowedError',
        message:
          'permission stack.application.refresh on component:default/payments-api denied',
      }),
    );
    api.sync.mockRejectedValueOnce(
      await stackApiError(503, {
        name: 'ServiceUnavailableError',
        message: 'Argo CD (main) is unreachable',
      }),
    );
    await waitFor(async () =>
      expect(await button(/^Refresh dev$/)).toBeEnabled(),
    );
    await userEvent.click(await button(/^Refresh dev$/));
    expect(await screen.findByRole('status')).toHaveTextContent(
      'refresh refused: permission stack.application.refresh on component:default/payments-api denied',
    );
    await userEvent.click(await button(/^Sync dev$/));
    await waitFor(() =>
      expect(screen.getByRole('status')).toHaveTextContent(
        'sync failed: Argo CD (main) is unreachable',
      ),
    );
  });
});
