import { act, screen, within } from '@testing-library/react';
import { renderInTestAppAct as renderInTestApp } from '../../__testUtils__/renderInTestAppAct';
import { stackApiRef } from '../../api/stackApiRef';
import {
  batchOf,
  catalogEntity,
  entityHealth,
  fakeStackApi,
} from '../../__testUtils__/fixtures';
import { createStackHealthColumn } from './EntityHealthColumn';

function managed(name: string) {
  return catalogEntity('Component', name, {
    annotations: { 'argocd/app-selector': `idp.platform/repo=${name}` },
  });
}

function Page({
  names,
  unmanaged = [],
}: {
  names: string[];
  unmanaged?: string[];
}) {
  const column = createStackHealthColumn();
  const rows = [
    ...names.map(managed),
    ...unmanaged.map(n => catalogEntity('Component', n)),
  ];
  return (
    <ul>
      {rows.map(entity => (
        <li
          key={entity.metadata.name}
          data-testid={`row-${entity.metadata.name}`}
        >
          {column.render!({ entity }, 'row')}
        </li>
      ))}
    </ul>
  );
}

describe('EntityHealthColumn', () => {
  it('fills a whole page of rows with one batch request', async () => {
    const names = Array.from({ length: 25 }, (_, i) => `svc-${i}`);
    const healths = Object.fromEntries(
      names.map(n => [
        `component:default/${n}`,
        entityHealth(`component:default/${n}`, {
          dev: ['Healthy', 'Synced'],
          prod: ['Degraded', 'OutOfSync'],
        }),
      ]),
    );
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(batchOf(healths)),
    });
    await renderInTestApp(<Page names={names} unmanaged={['legacy']} />, {
      apis: [[stackApiRef, stackApi]],
    });
    const row = await screen.findByTestId('row-svc-24');
    expect(
      await within(row).findByRole('status', {
        name: 'prod: Degraded · OutOfSync',
      }),
    ).toBeInTheDocument();
    expect(
      within(row).getByRole('status', { name: 'dev: Healthy · Synced' }),
    ).toBeInTheDocument();
    expect(stackApi.getHealthBatch).toHaveBeenCalledTimes(1);
    expect(stackApi.getHealthBatch.mock.calls[0][0]).toHaveLength(25);
    // An entity Argo CD does not deploy is not asked for.
    expect(
      within(screen.getByTestId('row-legacy')).getByLabelText(
        'not deployed by Argo CD',
      ),
    ).toBeInTheDocument();
  });

  it('splits pages larger than the backend limit of 100 refs', async () => {
    const names = Array.from({ length: 150 }, (_, i) => `svc-${i}`);
    const stackApi = fakeStackApi({ getHealthBatch: jest.fn(batchOf({})) });
    await renderInTestApp(<Page names={names} />, {
      apis: [[stackApiRef, stackApi]],
    });
    await within(await screen.findByTestId('row-svc-149')).findByText(
      'no health',
    );
    expect(stackApi.getHealthBatch.mock.calls.map(c => c[0].length)).toEqual([
      100, 50,
    ]);
  });

  it('shows stale health with its age, and per-entity errors', async () => {
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(
        batchOf({
          'component:default/a': entityHealth('component:default/a', {
            dev: [
              'Healthy',
              'Synced',
              { stale: { fetchedAt: '2026-01-01T00:00:00Z', ageSeconds: 90 } },
            ],
          }),
          'component:default/b': 'entity has no argocd/app-selector annotation',
        }),
      ),
    });
    await renderInTestApp(<Page names={['a', 'b']} />, {
      apis: [[stackApiRef, stackApi]],
    });
    expect(
      await screen.findByRole('status', {
        name: 'dev: Healthy · Synced (stale, 1m old)',
      }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('row-b')).getByText('no health'),
    ).toHaveAttribute('title', 'entity has no argocd/app-selector annotation');
  });

  it('shows loading, then a failed batch as unavailable', async () => {
    let fail: (e: Error) => void = () => {};
    const stackApi = fakeStackApi({
      getHealthBatch: jest.fn(
        () =>
          new Promise<never>((_, reject) => {
            fail = reject;
          }),
      ),
    });
    await renderInTestApp(<Page names={['a']} />, {
      apis: [[stackApiRef, stackApi]],
    });
    expect(
      await screen.findByRole('status', { name: 'Loading health' }),
    ).toBeInTheDocument();
    act(() => fail(new Error('boom')));
    expect(await screen.findByText('health unavailable')).toHaveAttribute(
      'title',
      'boom',
    );
  });
});
