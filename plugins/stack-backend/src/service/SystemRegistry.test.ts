import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { setupServer } from 'msw/node';
import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { fakeGithubContents } from '../__testUtils__/githubContents';
import { GithubClients } from './GithubClients';
import { OctokitGithubContents } from './GithubContents';
import { SystemRegistry } from './SystemRegistry';

const SYSTEMS_DIR = join(__dirname, '../../../../argocd/systems');
/** The repository's own registry, served as `acme/idp-platform@main`. */
const registryFiles = (): Record<string, string> =>
  Object.fromEntries(
    readdirSync(SYSTEMS_DIR)
      .filter(f => f.endsWith('.yaml'))
      .map(f => [
        `acme/idp-platform/main/argocd/systems/${f}`,
        readFileSync(join(SYSTEMS_DIR, f), 'utf8'),
      ]),
  );

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

function registry(files: Record<string, string>, refreshIntervalMs = 60_000) {
  const fake = fakeGithubContents('https://api.github.com', files);
  server.use(...fake.handlers);
  const integrations = ScmIntegrations.fromConfig(
    new ConfigReader({
      integrations: { github: [{ host: 'github.com', token: 't0ken' }] },
    }),
  );
  const reader = new SystemRegistry(
    new OctokitGithubContents(
      new GithubClients(
        integrations,
        DefaultGithubCredentialsProvider.fromIntegrations(integrations),
        {
          timeoutMs: 5_000,
          policy: { retries: 1, retryBaseDelayMs: 1, writeIntervalMs: 0 },
          logger: mockServices.logger.mock(),
        },
      ),
    ),
    {
      location: {
        host: 'github.com',
        owner: 'acme',
        repo: 'idp-platform',
        path: 'argocd/systems',
        ref: 'main',
      },
      logger: mockServices.logger.mock(),
      refreshIntervalMs,
      maxFileBytes: 64 * 1024,
    },
  );
  return { reader, fake, files };
}

describe('SystemRegistry', () => {
  it('reads every entry of argocd/systems through the contents API, typed and sorted', async () => {
    const { reader } = registry(registryFiles());
    const systems = await reader.systems();
    expect(systems.map(s => s.metadata.name)).toEqual(
      readdirSync(SYSTEMS_DIR)
        .filter(f => f.endsWith('.yaml'))
        .map(f => f.replace(/\.yaml$/, ''))
        .sort(),
    );
    const commerce = await reader.system('commerce');
    expect(commerce?.spec.owner).toBe('group:default/commerce');
    expect(commerce?.spec.environments?.prod?.approvers).toEqual([
      'acme:commerce-leads',
    ]);
    expect(await reader.system('nope')).toBeUndefined();
  });

  it('serves from memory within the refresh interval, and re-reads only files whose blob SHA changed', async () => {
    const { reader, fake, files } = registry(registryFiles(), 1);
    await reader.systems();
    const firstCalls = fake.state.calls;
    expect(firstCalls).toBe(1 + Object.keys(files).length);
    files['acme/idp-platform/main/argocd/systems/commerce.yaml'] = files[
      'acme/idp-platform/main/argocd/systems/commerce.yaml'
    ].replace('acme:commerce-leads', 'acme:commerce-release');
    await new Promise(r => setTimeout(r, 5));
    await reader.systems(); // starts the background refresh
    await new Promise(r => setTimeout(r, 200));
    // one listing and one changed file
    expect(fake.state.calls).toBe(firstCalls + 2);
    expect(
      (await reader.system('commerce'))?.spec.environments?.prod?.approvers,
    ).toEqual(['acme:commerce-release']);

    const cached = registry(registryFiles());
    await cached.reader.systems();
    const calls = cached.fake.state.calls;
    await cached.reader.systems();
    await cached.reader.system('hello');
    expect(cached.fake.state.calls).toBe(calls);
  });

  it('refuses an invalid entry with the file and the rule, and a repository registered twice', async () => {
    const bad = registry({
      ...registryFiles(),
      'acme/idp-platform/main/argocd/systems/broken.yaml':
        'apiVersion: idp.platform/v1alpha1\nkind: System\nmetadata:\n  name: other\nspec: {}\n',
    });
    await expect(bad.reader.systems()).rejects.toThrow(
      /broken\.yaml: metadata\.name must match the file name \(broken\.yaml\)/,
    );

    server.resetHandlers();
    const files = registryFiles();
    const twice = registry({
      ...files,
      'acme/idp-platform/main/argocd/systems/shop2.yaml': files[
        'acme/idp-platform/main/argocd/systems/commerce.yaml'
      ].replace('name: commerce', 'name: shop2'),
    });
    await expect(twice.reader.systems()).rejects.toThrow(
      /repository shop is registered to both commerce and shop2/,
    );
  });

  it('says which setting to check when the folder does not exist', async () => {
    const { reader } = registry({ 'acme/other/main/x.yaml': 'a: 1' });
    await expect(reader.systems()).rejects.toThrow(
      /acme\/idp-platform\/argocd\/systems@main does not exist: check stack.systemRegistry/,
    );
  });
});
