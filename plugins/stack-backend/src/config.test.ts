import { ConfigReader } from '@backstage/config';
import { readStackConfig } from './config';

const read = (stack: object) => readStackConfig(new ConfigReader({ stack }));

describe('readStackConfig', () => {
  it('applies defaults: 30 s Argo CD refresh, 60 s GitHub refresh, actions off', () => {
    const c = readStackConfig(new ConfigReader({}));
    expect(c.argocd).toMatchObject({
      instances: [],
      selector: 'idp.platform/repo',
      refreshIntervalMs: 30_000,
      timeoutMs: 10_000,
    });
    expect(c.github).toMatchObject({ refreshIntervalMs: 60_000, maxRuns: 20 });
    expect(c.actionsEnabled).toBe(false);
  });

  it('reads durations in any Backstage form and strips a trailing slash', () => {
    const c = read({
      argocd: {
        refreshInterval: '2m',
        timeout: { seconds: 3 },
        instances: [
          { name: 'main', url: 'https://argocd.example.com/', token: 't' },
        ],
      },
    });
    expect(c.argocd.refreshIntervalMs).toBe(120_000);
    expect(c.argocd.timeoutMs).toBe(3_000);
    expect(c.argocd.instances[0]).toMatchObject({
      url: 'https://argocd.example.com',
      uiUrl: 'https://argocd.example.com',
    });
  });

  it('rejects an instance without credentials, naming it', () => {
    expect(() =>
      read({
        argocd: { instances: [{ name: 'main', url: 'https://a.example.com' }] },
      }),
    ).toThrow(
      'stack.argocd.instances[0] (main) needs either token or username and password',
    );
  });

  it('rejects a URL without scheme and duplicate names', () => {
    expect(() =>
      read({
        argocd: {
          instances: [{ name: 'a', url: 'a.example.com', token: 't' }],
        },
      }),
    ).toThrow(
      'stack.argocd.instances[0].url must start with http:// or https://',
    );
    expect(() =>
      read({
        argocd: {
          instances: [
            { name: 'a', url: 'https://a.example.com', token: 't' },
            { name: 'a', url: 'https://b.example.com', token: 't' },
          ],
        },
      }),
    ).toThrow('name "a" is used twice');
  });

  it.each([
    ['url', { url: 'https://admin:hunter2@argocd.example.com', token: 't' }],
    [
      'uiUrl',
      {
        url: 'https://argocd.example.com',
        uiUrl: 'https://admin:hunter2@argocd.example.com',
        token: 't',
      },
    ],
  ])('refuses credentials in %s without echoing them', (key, instance) => {
    let error: Error | undefined;
    try {
      read({ argocd: { instances: [{ name: 'main', ...instance }] } });
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toBe(
      `stack.argocd.instances[0].${key} must not contain credentials (user:password@): set token, or username and password, instead`,
    );
    expect(error?.message).not.toMatch(/hunter2|admin/);
  });

  it('reads the trusted organisations, the read credential and the approval environments', () => {
    const c = read({
      github: {
        organizations: ['acme'],
        integrations: [{ host: 'github.com', token: 'read-only' }],
      },
      actions: { approvalEnvironments: ['stage', 'prod'] },
    });
    expect(c.github.organizations).toEqual(['acme']);
    expect(c.github.integrations?.[0].getString('token')).toBe('read-only');
    expect(c.github.maxFileBytes).toBe(262_144);
    expect(c.approvalEnvironments).toEqual(['stage', 'prod']);
    expect(readStackConfig(new ConfigReader({})).approvalEnvironments).toEqual([
      'prod',
    ]);
  });

  it('rejects a non-positive maxRuns', () => {
    expect(() => read({ github: { maxRuns: 0 } })).toThrow(
      'stack.github.maxRuns must be a positive integer',
    );
  });
});

describe('stack.systemRegistry', () => {
  it('is undefined unless configured, and defaults path, ref and host', () => {
    expect(
      readStackConfig(new ConfigReader({})).systemRegistry,
    ).toBeUndefined();
    expect(
      read({ systemRegistry: { repository: 'acme/idp-platform' } })
        .systemRegistry,
    ).toEqual({
      host: 'github.com',
      owner: 'acme',
      repo: 'idp-platform',
      path: 'argocd/systems',
      ref: 'main',
    });
  });

  it('names the key for a repository that is not owner/repo or a path with ..', () => {
    expect(() =>
      read({ systemRegistry: { repository: 'idp-platform' } }),
    ).toThrow('stack.systemRegistry.repository must be owner/repo');
    expect(() =>
      read({ systemRegistry: { repository: 'acme/p', path: '../etc' } }),
    ).toThrow('stack.systemRegistry.path must not contain . or ..');
  });
});
