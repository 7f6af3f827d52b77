import type { HealthBatchResponse } from '@idp-stack/plugin-stack-common';
import { HealthBatcher } from './HealthBatcher';
import { entityHealth } from '../__testUtils__/fixtures';

function answer(refs: string[]): Promise<HealthBatchResponse> {
  return Promise.resolve({
    // The backend may normalise refs: items are matched by position.
    items: refs.map(ref =>
      ref.endsWith('broken')
        ? {
            entityRef: ref.toUpperCase(),
            error: { name: 'NotFoundError', message: `${ref} not found` },
          }
        : {
            entityRef: ref.toUpperCase(),
            health: entityHealth(ref, { dev: ['Healthy', 'Synced'] }),
          },
    ),
    instances: [{ instance: 'main', stale: false }],
  });
}

describe('HealthBatcher', () => {
  it('joins lookups of the same tick into one request, once per ref', async () => {
    const getHealthBatch = jest.fn(answer);
    const batcher = new HealthBatcher({ getHealthBatch });
    const [a, b, a2, broken] = await Promise.all([
      batcher.load('component:default/a'),
      batcher.load('component:default/b'),
      batcher.load('component:default/a'),
      batcher.load('component:default/broken'),
    ]);
    expect(getHealthBatch.mock.calls).toEqual([
      [
        [
          'component:default/a',
          'component:default/b',
          'component:default/broken',
        ],
      ],
    ]);
    expect(a.health?.entityRef).toBe('component:default/a');
    expect(a2).toBe(a);
    expect(b.health?.entityRef).toBe('component:default/b');
    expect(broken).toEqual({
      instances: [{ instance: 'main', stale: false }],
      error: {
        name: 'NotFoundError',
        message: 'component:default/broken not found',
      },
    });
  });

  it('sends a new request for lookups of a later tick', async () => {
    const getHealthBatch = jest.fn(answer);
    const batcher = new HealthBatcher({ getHealthBatch });
    await batcher.load('component:default/a');
    await batcher.load('component:default/b');
    expect(getHealthBatch).toHaveBeenCalledTimes(2);
  });

  it('splits past 100 refs and rejects every lookup of a failed request', async () => {
    const getHealthBatch = jest.fn((refs: string[]) =>
      refs.length === 100 ? answer(refs) : Promise.reject(new Error('503')),
    );
    const batcher = new HealthBatcher({ getHealthBatch });
    const loads = Array.from({ length: 101 }, (_, i) =>
      batcher.load(`component:default/c${i}`),
    );
    const results = await Promise.allSettled(loads);
    expect(getHealthBatch.mock.calls.map(c => c[0].length)).toEqual([100, 1]);
    expect(results.filter(r => r.status === 'fulfilled')).toHaveLength(100);
    expect(results[100]).toEqual({
      status: 'rejected',
      reason: new Error('503'),
    });
  });
});
