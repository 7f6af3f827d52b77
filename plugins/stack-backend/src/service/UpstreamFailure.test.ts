import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const API = 'https://api.github.example.test';
const call = () =>
  fetchUpstream('GitHub (github.com)', `${API}/x`, {}, 1_000).catch(e => e);

describe('fetchUpstream', () => {
  it('tells a rate limit (403 with X-RateLimit-Remaining: 0) from a plain 403', async () => {
    server.use(
      http.get(`${API}/x`, () =>
        HttpResponse.json(
          {
            message: 'API rate limit exceeded for installation ID 1.',
            documentation_url:
              'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api',
          },
          {
            status: 403,
            headers: {
              'X-RateLimit-Remaining': '0',
              'X-RateLimit-Reset': '1764000000',
            },
          },
        ),
      ),
    );
    expect(await call()).toMatchObject({
      kind: 'rate-limited',
      status: 403,
      message:
        'GitHub (github.com) answered 403: API rate limit exceeded for installation ID 1.; the rate limit was still exhausted, it resets at 2025-11-24T16:00:00.000Z',
    });
    server.use(
      http.get(`${API}/x`, () =>
        HttpResponse.json(
          { message: 'Resource not accessible by integration' },
          { status: 403 },
        ),
      ),
    );
    expect(await call()).toMatchObject({ kind: 'forbidden' });
  });

  it('passes 304 through for ETag revalidation', async () => {
    server.use(
      http.get(`${API}/x`, () => new HttpResponse(null, { status: 304 })),
    );
    expect((await call()).status).toBe(304);
  });

  it('classifies a 5xx as unreachable with the status', async () => {
    server.use(
      http.get(
        `${API}/x`,
        () => new HttpResponse('bad gateway', { status: 502 }),
      ),
    );
    expect(await call()).toMatchObject({
      kind: 'unreachable',
      message: 'GitHub (github.com) answered 502: bad gateway',
    });
  });
});

describe('UpstreamFailure.from', () => {
  it('classifies a non-JSON body as bad-response', () => {
    let parseError: unknown;
    try {
      JSON.parse('<html>');
    } catch (e) {
      parseError = e;
    }
    expect(
      UpstreamFailure.from(parseError, 'Argo CD instance "main"'),
    ).toMatchObject({
      kind: 'bad-response',
      message: expect.stringContaining(
        'Argo CD instance "main" answered something that is not JSON',
      ),
    });
  });
});
