import { StackHealthApiError, StackHealthClient } from './StackHealthClient';

function clientWith(response: Response) {
  const calls: Array<{ url: string; init?: RequestInit }> = [];
  const client = new StackHealthClient({
    discoveryApi: {
      getBaseUrl: async id => `http://backstage.test/api/${id}`,
    },
    fetchApi: {
      fetch: (async (url: string, init?: RequestInit) => {
        calls.push({ url, init });
        return response;
      }) as typeof fetch,
    },
  });
  return { client, calls };
}

describe('StackHealthClient', () => {
  it('GETs the health of one entity from the stack plugin', async () => {
    const body = { entityRef: 'component:default/api', environments: [] };
    const { client, calls } = clientWith(
      new Response(JSON.stringify(body), { status: 200 }),
    );
    await expect(client.getHealth('component:default/api')).resolves.toEqual(
      body,
    );
    expect(calls[0].url).toBe(
      'http://backstage.test/api/stack/health/component/default/api',
    );
    expect(calls[0].init?.method).toBe('GET');
  });

  it('POSTs the refs of a batch as JSON', async () => {
    const { client, calls } = clientWith(
      new Response(JSON.stringify({ items: [], instances: [] })),
    );
    await client.getHealthBatch(['component:default/a', 'component:b']);
    expect(calls[0].url).toBe('http://backstage.test/api/stack/health/batch');
    expect(calls[0].init?.method).toBe('POST');
    expect(JSON.parse(String(calls[0].init?.body))).toEqual({
      entityRefs: ['component:default/a', 'component:b'],
    });
  });

  it('throws the backend error name and message on a non-2xx answer', async () => {
    const { client } = clientWith(
      new Response(
        JSON.stringify({
          error: { name: 'NotFoundError', message: 'no such entity' },
        }),
        { status: 404 },
      ),
    );
    const err = await client.getBuilds('component:x').catch(e => e);
    expect(err).toBeInstanceOf(StackHealthApiError);
    expect(err).toMatchObject({
      status: 404,
      errorName: 'NotFoundError',
      message: 'no such entity',
    });
  });
});
