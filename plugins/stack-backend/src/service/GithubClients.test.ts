import {
  mockServices,
  registerMswTestHooks,
} from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { UpstreamFailure } from '@idp-stack/plugin-stack-node';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { orgRepository } from '../__testUtils__/githubFixtures';
import { GithubClients } from './GithubClients';
import { OctokitGithubContents } from './GithubContents';
import { githubHeadCommit } from './GithubHeadCommit';
import { GithubOrgRepositories } from './OrgRepositories';

const API = 'https://api.github.com';
const server = setupServer();
registerMswTestHooks(server);

function clients() {
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 't0ken' }] },
    }),
  );
  return new GithubClients(
    integrations,
    DefaultGithubCredentialsProvider.fromIntegrations(integrations),
    {
      timeoutMs: 5_000,
      policy: { retries: 2, retryBaseDelayMs: 1, writeIntervalMs: 0 },
      logger: mockServices.logger.mock(),
    },
  );
}

describe('the backend readers over the shared GitHub client', () => {
  it('retries a 502 in the one retry layer, with the token and the sha media type', async () => {
    const seen: string[] = [];
    server.use(
      http.get(`${API}/repos/acme/api/commits/main`, ({ request }) => {
        seen.push(
          `${request.headers.get('authorization')} ${request.headers.get(
            'accept',
          )}`,
        );
        return seen.length === 1
          ? HttpResponse.json({ message: 'Server Error' }, { status: 502 })
          : new HttpResponse('a'.repeat(40), {
              headers: { 'content-type': 'application/vnd.github.sha' },
            });
      }),
    );
    const sha = await githubHeadCommit(clients())({
      host: 'github.com',
      org: 'acme',
      repo: 'api',
      ref: 'main',
    });
    expect(sha).toBe('a'.repeat(40));
    expect(seen).toEqual([
      'Bearer t0ken application/vnd.github.sha',
      'Bearer t0ken application/vnd.github.sha',
    ]);
  });

  it('reads a raw file, answers undefined for a 404, and maps a 401 to what to fix', async () => {
    server.use(
      http.get(`${API}/repos/acme/api/contents/deploy/a%20b.yaml`, () =>
        HttpResponse.text('kind: X\n', {
          headers: { 'content-type': 'application/vnd.github.raw' },
        }),
      ),
      http.get(`${API}/repos/acme/api/contents/missing.yaml`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
      http.get(`${API}/repos/acme/locked/contents/x.yaml`, () =>
        HttpResponse.json({ message: 'Bad credentials' }, { status: 401 }),
      ),
    );
    const contents = new OctokitGithubContents(clients());
    const repo = { host: 'github.com', owner: 'acme', repo: 'api' };
    expect(await contents.readFile(repo, 'deploy/a b.yaml', 'main', 100)).toBe(
      'kind: X\n',
    );
    await expect(
      contents.readFile(repo, 'deploy/a b.yaml', 'main', 3),
    ).rejects.toThrow('acme/api/deploy/a b.yaml is larger than 3 bytes');
    expect(
      await contents.readFile(repo, 'missing.yaml', 'main', 100),
    ).toBeUndefined();
    const error = await contents
      .readFile({ ...repo, repo: 'locked' }, 'x.yaml', 'main', 100)
      .catch(e => e);
    expect(error).toBeInstanceOf(UpstreamFailure);
    expect(error.kind).toBe('unauthorized');
    expect(error.message).toContain('while trying to read acme/locked/x.yaml');
  });

  it('follows the Link pages of an organisation, and tells a present path from a 404', async () => {
    server.use(
      http.get(`${API}/orgs/acme/repos`, () =>
        HttpResponse.json([orgRepository({ name: 'one' })], {
          headers: {
            link: `<${API}/organizations/1/repos?page=2>; rel="next", <${API}/organizations/1/repos?page=2>; rel="last"`,
          },
        }),
      ),
      http.get(`${API}/organizations/1/repos`, () =>
        HttpResponse.json([orgRepository({ name: 'two', archived: true })]),
      ),
      http.get(`${API}/repos/acme/one/contents/deploy/overlays/dev`, () =>
        HttpResponse.json([]),
      ),
      http.get(`${API}/repos/acme/two/contents/deploy/overlays/dev`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    const source = new GithubOrgRepositories(clients());
    const repos = await source.listRepositories('acme');
    expect(repos.map(r => `${r.name} ${r.archived}`)).toEqual([
      'one false',
      'two true',
    ]);
    expect(await source.hasPath(repos[0], 'deploy/overlays/dev')).toBe(true);
    expect(await source.hasPath(repos[1], 'deploy/overlays/dev')).toBe(false);
  });
});
