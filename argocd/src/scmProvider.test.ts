import { listScmRepos } from './scmProvider';
import { inMemoryGithubOrg, InMemoryRepo } from './inMemoryGithubOrg';

const repos: InMemoryRepo[] = [
  {
    name: 'orders',
    topics: ['idp-managed', 'idp-system-commerce'],
    files: ['deploy/overlays/dev/kustomization.yaml'],
  },
  {
    name: 'no-topic',
    topics: ['team-a'],
    files: ['deploy/overlays/dev/kustomization.yaml'],
  },
  { name: 'no-overlay', topics: ['idp-managed'], files: ['README.md'] },
  {
    name: 'topic-prefix',
    topics: ['idp-managed-legacy'],
    files: ['deploy/overlays/dev/kustomization.yaml'],
  },
  {
    name: 'old',
    topics: ['idp-managed'],
    archived: true,
    files: ['deploy/overlays/dev/kustomization.yaml'],
  },
];
const org = (options = { excludeArchivedRepos: true }) =>
  inMemoryGithubOrg('acme', repos, options);
const names = (r: { repository: string }[]) => r.map(x => x.repository);
const topicAndPath = [
  { labelMatch: '^idp-managed$', pathsExist: ['deploy/overlays/dev'] },
];

describe('listScmRepos (Argo CD SCM provider filters)', () => {
  it('ANDs the conditions of one entry: the topic must match exactly and the path must exist', () => {
    expect(names(listScmRepos(org(), topicAndPath, 'https'))).toEqual([
      'orders',
    ]);
  });

  it('checks the topic before any per-repository API call', () => {
    const gh = org();
    listScmRepos(gh, topicAndPath, 'https');
    expect(gh.calls.listRepos).toBe(1);
    // Only the two repos with the exact topic cost a branch lookup and a contents lookup.
    expect(gh.calls.getBranch).toBe(2);
    expect(gh.calls.getContents).toEqual([
      'orders:deploy/overlays/dev',
      'no-overlay:deploy/overlays/dev',
    ]);
  });

  it('ORs separate entries', () => {
    const either = [
      { labelMatch: '^team-a$' },
      { repositoryMatch: '^orders$' },
    ];
    expect(names(listScmRepos(org(), either, 'https'))).toEqual([
      'orders',
      'no-topic',
    ]);
  });

  it('follows the controller, not the docs, when entries of different phases are split', () => {
    // The docs say entries are ORed (which would add no-topic, no-overlay and topic-prefix);
    // the controller filters repos by the repo-phase entries, then branches by the
    // branch-phase entries, so split entries end up ANDed. One entry means the same in both.
    const split = [
      { labelMatch: '^idp-managed$' },
      { pathsExist: ['deploy/overlays/dev'] },
    ];
    expect(names(listScmRepos(org(), split, 'https'))).toEqual(['orders']);
  });

  it('agrees with the documented semantics for every repo under our single-entry filter', () => {
    // The documentation as an oracle: any entry whose conditions all hold.
    const documented = (r: InMemoryRepo) =>
      !r.archived &&
      r.topics.some(t => /^idp-managed$/.test(t)) &&
      r.files.some(f => f.startsWith('deploy/overlays/dev/'));
    expect(names(listScmRepos(org(), topicAndPath, 'https'))).toEqual(
      repos.filter(documented).map(r => r.name),
    );
  });

  it('returns every repository without filters, and honours pathsDoNotExist and trailing slashes', () => {
    expect(names(listScmRepos(org(), [], 'https'))).toEqual([
      'orders',
      'no-topic',
      'no-overlay',
      'topic-prefix',
    ]);
    expect(
      names(listScmRepos(org(), [{ pathsDoNotExist: ['deploy/'] }], 'https')),
    ).toEqual(['no-overlay']);
  });

  it('drops archived repositories only when excludeArchivedRepos is set', () => {
    expect(
      names(
        listScmRepos(
          org({ excludeArchivedRepos: false }),
          topicAndPath,
          'https',
        ),
      ),
    ).toEqual(['orders', 'old']);
    expect(names(listScmRepos(org(), topicAndPath, 'https'))).not.toContain(
      'old',
    );
  });

  it('reports the clone URL of the protocol and the branch with its sha', () => {
    const [repo] = listScmRepos(org(), topicAndPath, 'https');
    expect(repo.url).toBe('https://github.com/acme/orders.git');
    expect(repo.branch).toBe('main');
    expect(repo.sha).toMatch(/^[0-9a-f]{40}$/);
    expect(listScmRepos(org(), topicAndPath, 'ssh')[0].url).toBe(
      'git@github.com:acme/orders.git',
    );
  });

  it('refuses unknown filter fields instead of ignoring them', () => {
    expect(() =>
      listScmRepos(org(), [{ pathExist: ['x'] } as any], 'https'),
    ).toThrow(/pathExist is not an SCM provider filter/);
  });
});
