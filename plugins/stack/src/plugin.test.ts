import { stackPlugin } from './plugin';
import { stackApiRef } from './api/stackApiRef';

describe('stackPlugin (legacy frontend system)', () => {
  it('is plugin "stack" and builds the API client from discovery and fetch', async () => {
    expect(stackPlugin.getId()).toBe('stack');
    const factory = [...stackPlugin.getApis()].find(
      f => f.api === stackApiRef,
    )!;
    const fetch = jest.fn().mockResolvedValue(
      new Response(JSON.stringify({ items: [], instances: [] }), {
        status: 200,
      }),
    );
    const api = factory.factory({
      discoveryApi: {
        getBaseUrl: async (id: string) => `http://backend/api/${id}`,
      },
      fetchApi: { fetch },
    }) as any;
    await api.getHealthBatch(['component:default/a']);
    expect(fetch).toHaveBeenCalledWith(
      'http://backend/api/stack/health/batch',
      expect.objectContaining({ method: 'POST' }),
    );
  });
});
