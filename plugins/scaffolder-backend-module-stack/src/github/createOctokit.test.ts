import { mockServices } from '@backstage/backend-test-utils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { API, FakeGithub } from '../__testUtils__/fakeGithub';
import { fastPacing } from '../__testUtils__/publishFixture';
import { createOctokit } from './createOctokit';
import { pushWorkspace } from './pushWorkspace';

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const files = [
  { path: 'README.md', content: Buffer.from('hi\n'), executable: false },
];
const push = (justCreated: boolean) =>
  pushWorkspace(
    createOctokit({
      token: 'ghp_test',
      baseUrl: API,
      pacing: fastPacing,
      logger: mockServices.logger.mock(),
      justCreated,
    }),
    {
      owner: 'acme',
      repo: 'shop',
      files,
      message: 'test',
      keepExisting: false,
      justCreated,
    },
  );

/** GitHub's documented error body with `status`. */
const fail = (status: number) =>
  HttpResponse.json(
    { message: status === 404 ? 'Not Found' : 'Bad Gateway' },
    { status },
  );

describe('the scaffolder GitHub client has one retry layer', () => {
  let github: FakeGithub;
  beforeEach(() => {
    github = new FakeGithub();
    server.use(...github.handlers());
    github.seed('acme/shop', { files: { 'old.txt': 'x' } });
  });
  const treePosts = () =>
    github.calls.filter(c => c === 'POST /repos/acme/shop/git/trees').length;

  it('retries a 502 then 200 exactly once', async () => {
    server.use(
      http.post(`${API}/repos/:o/:r/git/trees`, () => fail(502), {
        once: true,
      }),
    );
    let attempts = 0;
    server.events.on('request:start', ({ request }) => {
      if (request.method === 'POST' && request.url.endsWith('/git/trees'))
        attempts++;
    });
    await push(false);
    server.events.removeAllListeners();
    expect(attempts).toBe(2);
    expect(treePosts()).toBe(1); // the second attempt reached the fake
  });

  it('gives up after exactly 1 + retries attempts when 404s (eventual consistency) and 502s alternate, not (1 + retries)²', async () => {
    let attempts = 0;
    server.use(
      http.get(`${API}/repos/:o/:r/git/ref/*`, () =>
        fail(attempts++ % 2 === 0 ? 502 : 404),
      ),
    );
    await expect(push(true)).rejects.toThrow(
      /while trying to read the branch head \(push to acme\/shop\)/,
    );
    // One budget for both kinds: the old nesting (a 404 loop around
    // plugin-retry) allowed up to 16 here.
    expect(attempts).toBe(1 + fastPacing.retries);
  });

  it('asks once when a repository it did not just create answers 404 (no branch yet)', async () => {
    let attempts = 0;
    server.use(
      http.get(`${API}/repos/:o/:r/git/ref/*`, () => {
        attempts++;
        return fail(404);
      }),
      // The fake repository already has main; here GitHub has no branch yet.
      http.post(`${API}/repos/:o/:r/git/refs`, async ({ request }) => {
        github.calls.push('POST /repos/acme/shop/git/refs');
        const body = (await request.json()) as { ref: string; sha: string };
        return HttpResponse.json(
          { ref: body.ref, object: { type: 'commit', sha: body.sha } },
          { status: 201 },
        );
      }),
    );
    await push(false);
    expect(attempts).toBe(1);
    expect(github.calls).toContain('POST /repos/acme/shop/git/refs');
  });
});
