import { screen, within } from '@testing-library/react';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import type { Entity } from '@backstage/catalog-model';
import { EntityProvider, catalogApiRef } from '@backstage/plugin-catalog-react';
import { catalogApiMock } from '@backstage/plugin-catalog-react/testUtils';
import { stackApiRef } from '../../api/stackApiRef';
import {
  batchOf,
  catalogEntity,
  entityHealth,
  fakeStackApi,
} from '../../__testUtils__/fixtures';
import { StackHealthCard } from './StackHealthCard';

const annotated = (name: string) =>
  catalogEntity('Component', name, {
    annotations: { 'argocd/app-selector': `idp.platform/repo=${name}` },
  });
const api = annotated('api');
const worker = annotated('worker');
const system = catalogEntity('System', 'shop', {
  relations: [
    ['hasPart', 'component:default/api'],
    ['hasPart', 'component:default/worker'],
  ],
});

function render(entity: Entity, stackApi = fakeStackApi()) {
  return renderInTestApp(
    <EntityProvider entity={entity}>
      <StackHealthCard />
    </EntityProvider>,
    {
      apis: [
        [catalogApiRef, catalogApiMock({ entities: [system, api, worker] })],
        [stackApiRef, stackApi],
      ],
    },
  );
}

describe('StackHealthCard', () => {
  it('shows every component of a system per environment from one request', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(
        batchOf({
          'component:default/api': entityHealth('component:default/api', {
            dev: ['Healthy', 'Synced'],
            stage: ['Healthy', 'Synced'],
            prod: ['Progressing', 'OutOfSync'],
          }),
          'component:default/worker':
            'worker: no Application matches idp.platform/repo=worker',
        }),
      ),
    });
    await render(system, stackApi);
    const list = await screen.findByRole('list', { name: 'Deployment health' });
    const [apiItem, workerItem] = within(list).getAllByRole('listitem');
    expect(
      within(apiItem)
        .getAllByRole('status')
        .map(s => s.getAttribute('aria-label')),
    ).toEqual([
      'dev: Healthy · Synced',
      'stage: Healthy · Synced',
      'prod: Progressing · OutOfSync',
    ]);
    expect(workerItem).toHaveTextContent(
      'worker: no Application matches idp.platform/repo=worker',
    );
    expect(stackApi.getHealthBatch).toHaveBeenCalledTimes(1);
  });

  it('says when nothing is deployed by Argo CD', async () => {
    const stackApi = fakeStackApi();
    await render(catalogEntity('Component', 'legacy'), stackApi);
    expect(
      await screen.findByRole('region', { name: 'Not deployed by Argo CD' }),
    ).toBeInTheDocument();
    expect(stackApi.getHealthBatch).not.toHaveBeenCalled();
  });

  it('shows a failure', async () => {
    await render(
      api,
      fakeStackApi({
        getHealthBatch: jest
          .fn()
          .mockRejectedValue(new Error('stack backend down')),
      }),
    );
    expect(await screen.findByRole('alert')).toHaveTextContent(
      /Health unavailable.*stack backend down/,
    );
  });
});
