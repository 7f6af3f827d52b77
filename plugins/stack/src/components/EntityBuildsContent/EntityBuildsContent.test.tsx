import { screen } from '@testing-library/react';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import { stackApiRef } from '../../api/stackApiRef';
import { catalogEntity, fakeStackApi } from '../../__testUtils__/fixtures';
import { entityBuilds } from '../../__testUtils__/builds';
import { EntityBuildsContent } from './EntityBuildsContent';
import userEvent from '@testing-library/user-event';
import { mockApis } from '@backstage/frontend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { permissionApiRef } from '@backstage/plugin-permission-react';
import { SWRConfig } from 'swr';

// Whole pages with Backstage's Table and MUI inputs: the first render of a
// file takes over 5 s when the two shared cores are busy.
jest.setTimeout(20_000);

const shop = catalogEntity('Component', 'shop', {
  type: 'service',
  annotations: { 'github.com/project-slug': 'acme/shop' },
});

function render(
  stackApi: ReturnType<typeof fakeStackApi>,
  entity: Entity = shop,
) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityBuildsContent />
    </EntityProvider>,
    { apis: [[stackApiRef, stackApi]] },
  );
}

describe('EntityBuildsContent', () => {
  it('shows a progress bar while loading', async () => {
    await render(
      fakeStackApi({ getBuilds: jest.fn(() => new Promise<never>(() => {})) }),
    );
    expect(
      await screen.findByRole('progressbar', { name: 'Loading' }),
    ).toBeInTheDocument();
  });

  it('shows the runs of the entity', async () => {
    const stackApi = fakeStackApi({
      getBuilds: jest.fn().mockResolvedValue(entityBuilds()),
    });
    await render(stackApi);
    expect(
      await screen.findByRole('heading', { name: 'Workflow runs' }),
    ).toBeInTheDocument();
    expect(stackApi.getBuilds).toHaveBeenCalledWith('component:default/shop');
    expect(screen.queryByTestId('stack-stale-notice')).not.toBeInTheDocument();
  });

  it('marks stale runs with their age and the GitHub failure', async () => {
    const stackApi = fakeStackApi({
      getBuilds: jest.fn().mockResolvedValue(
        entityBuilds({
          stale: { fetchedAt: '2026-01-01T00:00:00Z', ageSeconds: 7200 },
          error: {
            kind: 'rate-limited',
            message: 'GitHub API rate limit exceeded',
          },
        }),
      ),
    });
    await render(stackApi);
    expect(await screen.findByTestId('stack-stale-notice')).toHaveTextContent(
      /Builds are stale \(2h old\).*GitHub API rate limit exceeded/,
    );
    expect(
      screen.getByRole('heading', { name: 'Workflow runs' }),
    ).toBeInTheDocument();
  });

  it('says when the repository has no runs', async () => {
    const stackApi = fakeStackApi({
      getBuilds: jest
        .fn()
        .mockResolvedValue(entityBuilds({ runs: [], component: 'api' })),
    });
    await render(stackApi);
    expect(
      await screen.findByRole('region', { name: 'No workflow runs yet' }),
    ).toHaveTextContent(
      'GitHub Actions has no runs for acme/shop matching component api',
    );
  });

  it('names the missing annotation and asks nothing', async () => {
    const stackApi = fakeStackApi();
    await render(stackApi, catalogEntity('Component', 'legacy'));
    expect(
      await screen.findByRole('region', { name: 'No builds for this entity' }),
    ).toHaveTextContent(
      'Add the annotation github.com/project-slug: <org>/<repo>',
    );
    expect(stackApi.getBuilds).not.toHaveBeenCalled();
  });

  it('shows a backend failure', async () => {
    await render(
      fakeStackApi({
        getBuilds: jest.fn().mockRejectedValue(new Error('502 Bad Gateway')),
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Error: Could not load builds from the stack backend.*502 Bad Gateway/,
    );
  });

  it('promotes a successful build to its next environment and shows the pull request link and the open promotions', async () => {
    const stackApi = fakeStackApi({
      getBuilds: jest.fn().mockResolvedValue(entityBuilds()),
      promote: jest.fn().mockResolvedValue({
        pullRequest: { number: 7, url: 'https://github.com/acme/shop/pull/7' },
        title: 'Promote build #41 (bbbbbbb) from dev to stage',
        environment: 'stage',
        reviewers: [],
      }),
      getPromotions: jest.fn().mockResolvedValue({
        environments: {
          stage: [],
          prod: [
            {
              number: 5,
              title: 'Promote build #39 (9999999) from stage to prod',
              url: 'https://github.com/acme/shop/pull/5',
              branch: 'promote/prod/9999999-39',
            },
          ],
        },
      }),
    });
    const asked: string[] = [];
    await renderInTestApp(
      <SWRConfig value={{ provider: () => new Map() }}>
        <EntityProvider entity={shop}>
          <EntityBuildsContent />
        </EntityProvider>
      </SWRConfig>,
      {
        apis: [
          [stackApiRef, stackApi],
          [
            permissionApiRef,
            mockApis.permission({
              authorize: req => {
                asked.push(req.permission.name);
                return AuthorizeResult.ALLOW;
              },
            }),
          ],
        ],
      },
    );
    // #42 failed and #40 runs in prod: only #41 (in dev) can be promoted.
    const buttons = await screen.findAllByRole('button', {
      name: /Promote to/,
    });
    expect(buttons.map(b => b.textContent)).toEqual(['Promote to stage']);
    expect(await screen.findByText(/#5 Promote build #39/)).toBeInTheDocument();
    await userEvent.click(buttons[0]);
    expect(stackApi.promote).toHaveBeenCalledWith({
      entityRef: 'component:default/shop',
      runId: 41,
      environment: 'stage',
    });
    expect(
      await screen.findByRole('link', { name: /PR #7 to stage/ }),
    ).toHaveAttribute('href', 'https://github.com/acme/shop/pull/7');
    expect(asked).toContain('stack.promote');
  });
});
