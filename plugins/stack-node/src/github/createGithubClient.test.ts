import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse, delay } from 'msw';
import { setupServer } from 'msw/node';
import { UpstreamFailure } from '../upstream/UpstreamFailure';
import { createGithubClient, isNotModified } from './createGithubClient';

// Each test takes milliseconds alone; the bound is for the loaded shared machine.
jest.setTimeout(30_000);

const API = 'https://api.github.test';
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const policy = { retries: 3, retryBaseDelayMs: 1, writeIntervalMs: 0 };
const client = (
  extra: Partial<Parameters<typeof createGithubClient>[0]> = {},
) =>
  createGithubClient({
    baseUrl: API,
    auth: 'ghs_test',
    policy,
    logger: mockServices.logger.mock(),
    ...extra,
  });

/** Answers `statuses` in order (the last one repeats) and counts the requests. */
function answering(path: string, statuses: number[], headers = {}) {
  const seen = { count: 0, auth: [] as string[] };
  server.use(
    http.get(`${API}${path}`, ({ request }) => {
      seen.auth.push(request.headers.get('authorization') ?? '');
      const status = statuses[Math.min(seen.count++, statuses.length - 1)];
      return status === 200
        ? HttpResponse.json({ names: ['idp-managed'] })
        : HttpResponse.json(
            // GitHub's documented error body
            {
              message: `status ${status}`,
              documentation_url: 'https://docs.github.com/rest',
            },
            { status, headers },
          );
    }),
  );
  return seen;
}

const topics = (octokit = client(), extra = {}) =>
  octokit.rest.repos.getAllTopics({ owner: 'acme', repo: 'api', ...extra });

describe('createGithubClient: one retry layer', () => {
  it('retries a 502 then 200 exactly once', async () => {
    const seen = answering('/repos/acme/api/topics', [502, 200]);
    expect((await topics()).data.names).toEqual(['idp-managed']);
    expect(seen.count).toBe(2);
  });

  it('gives up on a lasting 502 after exactly 1 + retries requests, not n×m', async () => {
    const seen = answering('/repos/acme/api/topics', [502]);
    const error = await topics().catch(e => e);
    expect(seen.count).toBe(1 + policy.retries);
    expect(UpstreamFailure.from(error, 'GitHub')).toMatchObject({
      kind: 'unreachable',
      status: 502,
    });
  });

  it('retries a 429 1 + retries times, in one layer only', async () => {
    const seen = answering('/repos/acme/api/topics', [429]);
    await expect(topics()).rejects.toMatchObject({ status: 429 });
    expect(seen.count).toBe(1 + policy.retries);
  });

  it('waits out a primary rate limit (403, x-ratelimit-remaining 0) 1 + retries times', async () => {
    const seen = answering('/repos/acme/api/topics', [403], {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
    });
    const error = await topics().catch(e => e);
    expect(seen.count).toBe(1 + policy.retries);
    expect(UpstreamFailure.from(error, 'GitHub').kind).toBe('rate-limited');
  });

  it('does not wait out a rate limit longer than maxRateLimitWaitSeconds', async () => {
    const seen = answering('/repos/acme/api/topics', [403], {
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': String(Math.floor(Date.now() / 1000) + 3600),
    });
    const octokit = client({
      policy: { ...policy, maxRateLimitWaitSeconds: 10 },
    });
    await expect(topics(octokit)).rejects.toMatchObject({ status: 403 });
    expect(seen.count).toBe(1);
  });

  it('never retries a plain 403 or a 404', async () => {
    const forbidden = answering('/repos/acme/api/topics', [403]);
    await expect(topics()).rejects.toMatchObject({ status: 403 });
    expect(forbidden.count).toBe(1);
    const missing = answering('/repos/acme/api/topics', [404]);
    await expect(topics()).rejects.toMatchObject({ status: 404 });
    expect(missing.count).toBe(1);
  });

  it('retries a 404 of a just-created repository in the same layer and budget', async () => {
    const fresh = client({ requestDefaults: { retryNotFound: true } });
    const clears = answering('/repos/acme/api/topics', [404, 404, 200]);
    expect((await topics(fresh)).data.names).toEqual(['idp-managed']);
    expect(clears.count).toBe(3);
    const never = answering('/repos/acme/api/topics', [404]);
    await expect(topics(fresh)).rejects.toMatchObject({ status: 404 });
    expect(never.count).toBe(1 + policy.retries);
    // a request may opt out (a read-back after a successful write)
    const optOut = answering('/repos/acme/api/topics', [404]);
    await expect(
      topics(fresh, { request: { retryNotFound: false } }),
    ).rejects.toMatchObject({ status: 404 });
    expect(optOut.count).toBe(1);
  });

  it.each([
    // on a loaded machine the caller's signal may fire before the request
    ["the caller's signal", () => ({ signal: AbortSignal.timeout(300) }), 0],
    // counted from when the attempt is sent: the request is made
    ['request.timeoutMs', () => ({ timeoutMs: 300 }), 1],
  ])(
    'does not retry a request whose time is up (%s)',
    async (_, bound, atLeast) => {
      let count = 0;
      server.use(
        http.get(`${API}/repos/acme/api/topics`, async () => {
          count++;
          await delay(5_000);
          return HttpResponse.json({ names: [] });
        }),
      );
      const error = await topics(client(), { request: bound() }).catch(e => e);
      expect(count).toBeLessThanOrEqual(1);
      expect(count).toBeGreaterThanOrEqual(atLeast);
      expect(UpstreamFailure.from(error, 'GitHub').kind).toBe('timeout');
    },
  );

  it('does not count the wait between two notifying writes (3 s, plugin-throttling) against request.timeoutMs', async () => {
    let count = 0;
    server.use(
      http.post(`${API}/repos/acme/api/pulls`, () => {
        count++;
        return HttpResponse.json({ number: count }, { status: 201 });
      }),
    );
    const octokit = client();
    const open = () =>
      octokit.rest.pulls.create({
        owner: 'acme',
        repo: 'api',
        head: 'x',
        base: 'main',
        request: { timeoutMs: 1_500 },
      });
    const started = Date.now();
    const [a, b] = await Promise.all([open(), open()]);
    expect([a.data.number, b.data.number].sort()).toEqual([1, 2]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_900);
  });
});

describe('createGithubClient: credentials and conditional requests', () => {
  it('asks for the credentials of the repository each request is about', async () => {
    const asked: unknown[] = [];
    const octokit = client({
      auth: async target => {
        asked.push(target);
        return `token-for-${target.owner}`;
      },
    });
    const seen = answering('/repos/acme/api/topics', [200]);
    await topics(octokit);
    // a Link page URL names no owner: the caller says whose it is
    server.use(
      http.get(`${API}/repositories/1/topics`, ({ request }) => {
        seen.auth.push(request.headers.get('authorization') ?? '');
        return HttpResponse.json({ names: [] });
      }),
    );
    await octokit.request(`GET ${API}/repositories/1/topics`, {
      request: { target: { owner: 'acme', repo: 'api' } },
    });
    expect(asked).toEqual([
      { owner: 'acme', repo: 'api' },
      { owner: 'acme', repo: 'api' },
    ]);
    expect(seen.auth).toEqual([
      'Bearer token-for-acme',
      'Bearer token-for-acme',
    ]);
  });

  it('revalidates with If-None-Match; an unchanged resource is a 304 the caller can tell', async () => {
    const calls = { full: 0, notModified: 0 };
    const etag = '"a1b2c3"';
    server.use(
      http.get(`${API}/repos/acme/api/actions/runs`, ({ request }) => {
        if (request.headers.get('if-none-match') === etag) {
          calls.notModified++;
          return new HttpResponse(null, { status: 304, headers: { etag } });
        }
        calls.full++;
        return HttpResponse.json(
          { total_count: 0, workflow_runs: [] },
          { headers: { etag } },
        );
      }),
    );
    const octokit = client();
    const first = await octokit.request(
      'GET /repos/{owner}/{repo}/actions/runs',
      {
        owner: 'acme',
        repo: 'api',
      },
    );
    expect(first.headers.etag).toBe(etag);
    const second = await octokit
      .request('GET /repos/{owner}/{repo}/actions/runs', {
        owner: 'acme',
        repo: 'api',
        headers: { 'if-none-match': etag },
      })
      .catch(e => e);
    expect(isNotModified(second)).toBe(true);
    // a 304 is an answer, not a failure: not retried
    expect(calls).toEqual({ full: 1, notModified: 1 });
  });
});
