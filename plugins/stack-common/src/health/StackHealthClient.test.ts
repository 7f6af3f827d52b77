import { ResponseError } from '@backstage/errors';
import { StackHealthApiError, StackHealthClient } from './StackHealthClient';
import { stackUnavailableOf } from '../stackInfo/stackUnavailableOf';

/** A Backstage backend's error answer (ErrorResponseBody, as its error middleware writes it). */
function errorResponse(
  status: number,
  error: Record<string, unknown>,
): Response {
  return new Response(
    JSON.stringify({
      error,
      request: { method: 'GET', url: '/' },
      response: { statusCode: status },
    }),
    {
      status,
      headers: { 'content-type': 'application/json; charset=utf-8' },
    },
  );
}

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
      errorResponse(404, { name: 'NotFoundError', message: 'no such entity' }),
    );
    const err = await client.getBuilds('component:x').catch(e => e);
    expect(err).toBeInstanceOf(StackHealthApiError);
    expect(err).toMatchObject({
      status: 404,
      errorName: 'NotFoundError',
      message: 'no such entity',
    });
    // Parsed by Backstage's ResponseError, kept as the cause.
    expect(ResponseError.is(err.cause)).toBe(true);
    expect(err.cause.cause).toMatchObject({
      name: 'NotFoundError',
      message: 'no such entity',
    });
  });

  it('keeps the status line when the body is not a Backstage error', async () => {
    const { client } = clientWith(
      new Response('upstream gateway timeout', {
        status: 504,
        statusText: 'Gateway Timeout',
      }),
    );
    const err = await client.getHealth('component:x').catch(e => e);
    expect(err).toMatchObject({ status: 504, errorName: 'Error', details: {} });
    expect(err.message).toBe(
      'Request failed with status 504 Gateway Timeout, upstream gateway timeout',
    );
  });

  it('GETs the stack of an entity and keeps the reason and issues of a failure', async () => {
    const { client, calls } = clientWith(
      errorResponse(400, {
        name: 'InputError',
        message: 'stack.yaml is invalid',
        reason: 'invalid',
        issues: [
          { path: 'kind', rule: 'required', message: 'kind: is required' },
        ],
      }),
    );
    const err = await client.getStack('component:default/api').catch(e => e);
    expect(calls[0].url).toBe(
      'http://backstage.test/api/stack/stack/component/default/api',
    );
    expect(err).toMatchObject({
      status: 400,
      errorName: 'InputError',
      details: { reason: 'invalid', issues: [{ rule: 'required' }] },
    });
    expect(stackUnavailableOf(err)).toEqual({
      reason: 'invalid',
      message: 'stack.yaml is invalid',
      issues: [
        { path: 'kind', rule: 'required', message: 'kind: is required' },
      ],
    });
  });

  it('reads an unknown failure as reason error', async () => {
    expect(stackUnavailableOf(new TypeError('Failed to fetch'))).toEqual({
      reason: 'error',
      message: 'Failed to fetch',
    });
    expect(
      stackUnavailableOf(
        await StackHealthApiError.fromResponse(
          errorResponse(404, {
            name: 'NotFoundError',
            message: 'no stack.yaml',
            reason: 'no-file',
          }),
        ),
      ),
    ).toEqual({ reason: 'no-file', message: 'no stack.yaml' });
  });
});
