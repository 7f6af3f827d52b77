import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { ConfigReader } from '@backstage/config';
import { API, FakeGithub } from '../__testUtils__/fakeGithub';
import { FakeGithubOrg } from '../__testUtils__/fakeGithubOrg';
import { readCiBot } from '../github/ciBot';
import { memoisingContext } from '../__testUtils__/memoisingContext';
import {
  fastPacing,
  makeWorkspace,
  testIntegrations,
} from '../__testUtils__/publishFixture';
import { createGithubPublishAction } from './githubPublish';

// Each test is about a second alone; on the shared 2 cores under load one
// took over jest's default 5 s, so the bound is wider (not a timing claim).
jest.setTimeout(20_000);

const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const OURS_CATALOG = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payments-api
  annotations:
    idp.platform/stack-file: stack.yaml
spec: { type: service, lifecycle: production, owner: group:payments }
`;

const files = {
  'stack.yaml': `apiVersion: idp.platform/v1alpha1
kind: Stack
metadata: { name: payments-api, system: payments, owner: group:payments }
spec:
  components: [{ name: payments-api, type: nodejs }]
`,
  'catalog-info.yaml': OURS_CATALOG,
  'deploy/base/kustomization.yaml': 'resources: []\n',
  'scripts/run.sh': '#!/bin/sh\necho hi\n',
  'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe]),
};

let github: FakeGithub;
beforeEach(() => {
  github = new FakeGithub();
  server.use(...github.handlers());
});

/** What the catalog ingested from a repository's catalog-info.yaml. */
function ingested(repo: string, owner: string) {
  return {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: {
      name: repo,
      namespace: 'default',
      annotations: {
        'backstage.io/managed-by-location': `url:https://github.com/acme/${repo}/tree/main/catalog-info.yaml`,
        'github.com/project-slug': `acme/${repo}`,
        'idp.platform/stack-file': 'stack.yaml',
      },
    },
    spec: { type: 'service', lifecycle: 'production', owner },
  };
}

const catalog = catalogServiceMock({
  entities: [
    ingested('payments-api', 'group:payments'),
    ingested('ledger', 'group:default/platform'),
    // Registered from another repository, claiming the ledger repository.
    {
      ...ingested('ledger-claim', 'group:payments'),
      metadata: {
        name: 'ledger-claim',
        namespace: 'default',
        annotations: {
          'backstage.io/managed-by-location':
            'url:https://github.com/acme/payments-api/tree/main/catalog-info.yaml',
          'github.com/project-slug': 'acme/ledger',
        },
      },
    },
  ],
});

/** The person running the template: alice, a member of payments. */
const ALICE = {
  ref: 'user:default/alice',
  entity: {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'User',
    metadata: { name: 'alice', namespace: 'default' },
    spec: { memberOf: ['payments'] },
    relations: [{ type: 'memberOf', targetRef: 'group:default/payments' }],
  },
} as const;

const action = createGithubPublishAction({
  integrations: testIntegrations,
  pacing: fastPacing,
  catalog,
  // nobody and alice are listed so that GitHub's own refusals stay testable
  allowedOwners: ['acme', 'robot', 'alice', 'nobody'],
});

async function run(
  input: Record<string, unknown>,
  extra: {
    store?: Map<string, unknown>;
    isDryRun?: boolean;
    user?: unknown;
    /** Another configuration of the action (the CI bot tests). */
    action?: typeof action;
    logger?: unknown;
  } = {},
) {
  const workspacePath = await makeWorkspace(files, ['scripts/run.sh']);
  const { ctx, ran, store } = memoisingContext({
    ...(extra.logger ? { logger: extra.logger as any } : {}),
    input: {
      repoUrl: 'github.com?owner=acme&repo=payments-api',
      ...input,
    } as any,
    workspacePath,
    store: extra.store,
    user: (extra.user === undefined ? ALICE : extra.user) as any,
  });
  const c = extra.isDryRun ? { ...ctx, isDryRun: true } : ctx;
  await (extra.action ?? action).handler(c as any);
  return { ctx: c, ran, store };
}

const writes = () => github.calls.filter(c => !c.startsWith('GET'));

describe('idp:github:publish', () => {
  it('creates the repository, verifies the topics, pushes every file and protects main', async () => {
    const { ctx } = await run({
      topics: ['payments'],
      description: 'Payments',
    });

    const repo = github.repos.get('acme/payments-api')!;
    expect(repo.visibility).toBe('private');
    expect(repo.topics).toEqual([
      'idp-managed',
      'idp-system-payments',
      'payments',
    ]);
    // topics were read back after being written
    const putTopics = github.calls.indexOf(
      'PUT /repos/acme/payments-api/topics',
    );
    expect(
      github.calls.lastIndexOf('GET /repos/acme/payments-api/topics'),
    ).toBeGreaterThan(putTopics);
    const pushed = github.files('acme/payments-api');
    expect([...pushed.keys()].sort()).toEqual(Object.keys(files).sort());
    expect(pushed.get('deploy/base/kustomization.yaml')).toBe(
      'resources: []\n',
    );
    // the empty repository (409 on its ref, asked once: no retry heals it)
    // got its first file through the Contents API
    expect(github.calls.filter(c => c.includes('/git/ref/'))).toHaveLength(1);
    expect(github.calls).toContain(
      'PUT /repos/acme/payments-api/contents/catalog-info.yaml',
    );
    // the binary file went through a blob, the text files inline in the tree
    expect(github.calls.filter(c => c.endsWith('/git/blobs'))).toHaveLength(1);
    expect(repo.protection).toMatchObject({
      required_pull_request_reviews: { required_approving_review_count: 1 },
      allow_force_pushes: false,
    });
    const head = github.history('acme/payments-api')[0];
    expect(ctx.output).toHaveBeenCalledWith('commitHash', head);
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      'https://github.com/acme/payments-api',
    );
    expect(ctx.output).toHaveBeenCalledWith(
      'repoContentsUrl',
      'https://github.com/acme/payments-api/blob/main',
    );
    expect(ctx.output).toHaveBeenCalledWith('created', true);
  });

  it('keeps the executable bit of scripts', async () => {
    let tree: any;
    server.use(
      http.post(`${API}/repos/:o/:r/git/trees`, async ({ request }) => {
        tree = await request.clone().json();
        return undefined as any; // fall through to the fake
      }),
    );
    await run({});
    const modes = Object.fromEntries(
      tree.tree.map((e: any) => [e.path, e.mode]),
    );
    expect(modes['scripts/run.sh']).toBe('100755');
    expect(modes['stack.yaml']).toBe('100644');
  });

  it('makes no GitHub call at all in a dry run', async () => {
    const { ctx } = await run({}, { isDryRun: true });
    expect(github.calls).toEqual([]);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', 'dry-run');
    expect(ctx.output).toHaveBeenCalledWith(
      'remoteUrl',
      'https://github.com/acme/payments-api',
    );
  });

  it('creates a repository in the account of the credentials when the owner is a user', async () => {
    await run({
      repoUrl: 'github.com?owner=robot&repo=tools',
      repoVisibility: 'public',
    });
    expect(github.calls).toContain('POST /user/repos');
    expect(github.repos.get('robot/tools')!.private).toBe(false);
  });

  it.each([
    ['repository', 1],
    ['topics', 2],
    ['push', 3],
    ['protection', 4],
  ])(
    'a task retried after crashing behind the %s checkpoint finishes without duplicates',
    async (_step, crashAfter) => {
      const store = new Map<string, unknown>();
      // attempt 1: the worker dies right after the n-th checkpoint is stored
      const workspacePath = await makeWorkspace(files);
      const first = memoisingContext({
        input: { repoUrl: 'github.com?owner=acme&repo=payments-api' } as any,
        workspacePath,
        store,
      });
      const checkpoint = first.ctx.checkpoint;
      let stored = 0;
      let crash = () => {};
      const crashed = new Promise<void>(r => {
        crash = r;
      });
      first.ctx.checkpoint = (async (opts: any) => {
        const value = await checkpoint(opts);
        if (++stored === crashAfter) {
          crash();
          await new Promise(() => {}); // the worker is gone: nothing after this runs
        }
        return value;
      }) as any;
      void action.handler(first.ctx as any);
      await crashed;
      expect(store.size).toBe(crashAfter);

      // attempt 2 re-enters with the stored checkpoints
      const second = await run({}, { store });
      expect(second.ran).toHaveLength(4 - crashAfter);
      expect(
        github.calls.filter(c => c === 'POST /orgs/acme/repos'),
      ).toHaveLength(1);
      expect(github.deleted).toEqual([]);
      // one commit for the first file (Contents API), one for the whole tree
      expect(github.history('acme/payments-api')).toHaveLength(2);
      expect(github.repos.get('acme/payments-api')!.topics).toEqual([
        'idp-managed',
        'idp-system-payments',
      ]);
      expect(github.files('acme/payments-api').size).toBe(
        Object.keys(files).length,
      );
    },
  );

  it('does not commit twice when the push ran but its checkpoint was not recorded', async () => {
    const store = new Map<string, unknown>();
    await run({}, { store });
    const head = github.history('acme/payments-api');
    for (const key of [...store.keys()]) {
      if (key.endsWith(':push') || key.endsWith(':protection'))
        store.delete(key);
    }
    const { ctx, ran } = await run({}, { store });
    expect(ran.map(k => k.split(':').pop())).toEqual(['push', 'protection']);
    expect(github.history('acme/payments-api')).toEqual(head);
    expect(ctx.output).toHaveBeenCalledWith('commitHash', head[0]);
  });

  it('creates the repository again when an earlier attempt deleted it after a failure', async () => {
    const store = new Map<string, unknown>();
    server.use(
      http.put(
        `${API}/repos/:o/:r/branches/:b/protection`,
        () =>
          HttpResponse.json(
            {
              message:
                'Upgrade to GitHub Pro or make this repository public to enable this feature.',
            },
            { status: 403 },
          ),
        { once: true },
      ),
    );
    // the error keeps its kind (what GitHub said) and tells what was cleaned up
    await expect(run({}, { store })).rejects.toMatchObject({
      name: 'NotAllowedError',
      message: expect.stringMatching(
        /Upgrade to GitHub Pro.*was deleted again$/,
      ),
    });
    expect(github.repos.has('acme/payments-api')).toBe(false);

    const { ran } = await run({}, { store });
    expect(ran.map(k => k.split(':').slice(-2).join(':'))).toEqual([
      expect.stringMatching(/^replaces:\d+$/),
      expect.stringMatching(/\d+:topics/),
      expect.stringMatching(/\d+:push/),
      expect.stringMatching(/\d+:protection/),
    ]);
    const repo = github.repos.get('acme/payments-api')!;
    expect(repo.topics).toEqual(['idp-managed', 'idp-system-payments']);
    expect(github.files('acme/payments-api').size).toBe(
      Object.keys(files).length,
    );
  });

  it('refuses to continue on a repository that replaced the one an earlier attempt created', async () => {
    const store = new Map<string, unknown>();
    await run({}, { store });
    for (const key of [...store.keys()]) {
      if (!key.endsWith(':repository')) store.delete(key);
    }
    github.repos.delete('acme/payments-api');
    github.seed('acme/payments-api', {
      files: { 'README.md': 'someone else' },
    });
    const writesBefore = writes().length;
    await expect(run({}, { store })).rejects.toThrow(
      /repoUrl: acme\/payments-api is no longer the repository an earlier attempt of this task created .*nothing was changed/,
    );
    expect(writes().length).toBe(writesBefore);
    expect(github.files('acme/payments-api').get('README.md')).toBe(
      'someone else',
    );
  });

  it('adopts an existing repository that is ours, keeping its other files and topics', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed', 'legacy', 'idp-system-old'],
      files: {
        'catalog-info.yaml': OURS_CATALOG,
        'docs/notes.md': 'keep me\n',
      },
    });
    const { ctx } = await run({ topics: ['payments'] });
    expect(github.calls).not.toContain('POST /orgs/acme/repos');
    // the stale system topic is replaced, the others kept
    expect(github.repos.get('acme/payments-api')!.topics).toEqual([
      'idp-managed',
      'legacy',
      'idp-system-payments',
      'payments',
    ]);
    const pushed = github.files('acme/payments-api');
    expect(pushed.get('docs/notes.md')).toBe('keep me\n');
    expect(pushed.has('stack.yaml')).toBe(true);
    expect(github.history('acme/payments-api')).toHaveLength(2);
    expect(ctx.output).toHaveBeenCalledWith('created', false);
  });

  it('survives the 404 GitHub gives right after creating a repository', async () => {
    server.use(
      http.get(
        `${API}/repos/:o/:r/topics`,
        () => HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
        { once: true },
      ),
      http.put(
        `${API}/repos/:o/:r/topics`,
        () => HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
        { once: true },
      ),
      http.get(
        `${API}/repos/:o/:r/git/ref/*`,
        () => HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
        { once: true },
      ),
      http.put(
        `${API}/repos/:o/:r/contents/*`,
        () => HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
        { once: true },
      ),
    );
    await run({});
    expect(github.files('acme/payments-api').size).toBe(
      Object.keys(files).length,
    );
    expect(github.repos.get('acme/payments-api')!.topics).toEqual([
      'idp-managed',
      'idp-system-payments',
    ]);
  });

  it('retries a 500 and a 403 rate limit a bounded number of times', async () => {
    server.use(
      http.post(
        `${API}/orgs/:org/repos`,
        () => HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
        { once: true },
      ),
      http.put(
        `${API}/repos/:o/:r/topics`,
        () =>
          HttpResponse.json(
            {
              message: 'API rate limit exceeded for installation ID 1.',
              documentation_url:
                'https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting',
            },
            {
              status: 403,
              headers: {
                'x-ratelimit-remaining': '0',
                'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
              },
            },
          ),
        { once: true },
      ),
    );
    await run({});
    expect(github.repos.get('acme/payments-api')!.topics).toEqual([
      'idp-managed',
      'idp-system-payments',
    ]);
  });
});

describe('idp:github:publish bad input and GitHub failures', () => {
  const noRepoLeft = () => {
    expect([...github.repos.keys()].filter(k => k !== 'acme/taken')).toEqual(
      [],
    );
  };
  const fail =
    (status: number, message: string, headers?: Record<string, string>) => () =>
      HttpResponse.json(
        { message, documentation_url: 'https://docs.github.com/rest' },
        { status, headers },
      );

  it.each<[string, Record<string, unknown>, () => void, RegExp]>([
    [
      'a name with capitals',
      { repoUrl: 'github.com?owner=acme&repo=Payments' },
      () => {},
      /repoUrl: repository name "Payments" must be a DNS label/,
    ],
    [
      'a name ending in a dash',
      { repoUrl: 'github.com?owner=acme&repo=payments-' },
      () => {},
      /repoUrl: .*must be a DNS label/,
    ],
    [
      'a name longer than 63',
      { repoUrl: `github.com?owner=acme&repo=${'a'.repeat(64)}` },
      () => {},
      /repoUrl: .*at most 63/,
    ],
    [
      'a repoUrl without repo',
      { repoUrl: 'github.com?owner=acme' },
      () => {},
      /repo/,
    ],
    [
      'a host without integration',
      { repoUrl: 'gitlab.com?owner=acme&repo=payments-api' },
      () => {},
      /gitlab\.com/,
    ],
    [
      'an invalid topic',
      { topics: ['Not A Topic'] },
      () => {},
      /topics: "Not A Topic" is not a GitHub topic/,
    ],
    [
      'a system too long for its topic',
      { system: 'a'.repeat(40) },
      () => {},
      /system: "a{40}" must be a DNS label of at most 39 characters to fit the topic idp-system-<system>/,
    ],
    [
      'too many topics',
      { topics: Array.from({ length: 20 }, (_, i) => `t${i}`) },
      () => {},
      /topics: GitHub allows at most 20/,
    ],
    [
      'a sourcePath outside the workspace',
      { sourcePath: '../../etc' },
      () => {},
      /outside|workspace/i,
    ],
    [
      'an unknown GitHub owner',
      { repoUrl: 'github.com?owner=nobody&repo=payments-api' },
      () => {},
      /repoUrl: GitHub owner "nobody" does not exist/,
    ],
    [
      "a user account other than the credentials'",
      { repoUrl: 'github.com?owner=alice&repo=x1' },
      () => {
        github.owners.set('alice', 'User');
      },
      /credentials belong to robot/,
    ],
    [
      'internal visibility for a user',
      { repoUrl: 'github.com?owner=robot&repo=x1', repoVisibility: 'internal' },
      () => {},
      /repoVisibility: "internal" needs an organization/,
    ],
    [
      'an existing repository without our topic',
      { repoUrl: 'github.com?owner=acme&repo=taken' },
      () => {
        github.seed('acme/taken', {
          files: { 'catalog-info.yaml': OURS_CATALOG },
        });
      },
      /acme\/taken already exists and is not managed by the IDP \(it lacks the topic idp-managed\)/,
    ],
    [
      'an existing repository with our topic but no annotation',
      { repoUrl: 'github.com?owner=acme&repo=taken' },
      () => {
        github.seed('acme/taken', {
          topics: ['idp-managed'],
          files: { 'README.md': 'x' },
        });
      },
      /acme\/taken already exists .*lacks the annotation idp\.platform\/stack-file/,
    ],
    [
      'GitHub 403 on create',
      {},
      () =>
        server.use(
          http.post(
            `${API}/orgs/:org/repos`,
            fail(403, 'Resource not accessible by integration'),
          ),
        ),
      /403 while trying to create repository acme\/payments-api: Resource not accessible/,
    ],
    [
      'GitHub 401 bad credentials',
      {},
      () =>
        server.use(
          http.get(`${API}/repos/:o/:r`, fail(401, 'Bad credentials')),
        ),
      /401\b.*Bad credentials.*integrations\.github/,
    ],
    [
      'GitHub 422 on create',
      {},
      () =>
        server.use(
          http.post(
            `${API}/orgs/:org/repos`,
            fail(422, 'Repository creation failed.'),
          ),
        ),
      /422 while trying to create repository/,
    ],
    [
      'GitHub 500 on create, every retry',
      {},
      () =>
        server.use(
          http.post(`${API}/orgs/:org/repos`, fail(500, 'Server Error')),
        ),
      /500 .*create repository .*after the bounded retries/,
    ],
    [
      'GitHub 500 on push, every retry',
      {},
      () =>
        server.use(
          http.post(`${API}/repos/:o/:r/git/trees`, fail(502, 'Bad Gateway')),
        ),
      /502 while trying to create the tree \(push to acme\/payments-api\).*was deleted again/,
    ],
    [
      'GitHub 404 on push that never clears',
      {},
      () =>
        server.use(
          http.get(`${API}/repos/:o/:r/git/ref/*`, fail(404, 'Not Found')),
        ),
      /404 while trying to read the branch head.*was deleted again/,
    ],
    [
      'a rate limit that never resets',
      {},
      () =>
        server.use(
          http.put(
            `${API}/repos/:o/:r/topics`,
            fail(403, 'API rate limit exceeded', {
              'x-ratelimit-remaining': '0',
              'x-ratelimit-reset': String(Math.floor(Date.now() / 1000)),
            }),
          ),
        ),
      /rate limit was still exhausted.*was deleted again/,
    ],
    [
      'a topic write that silently does not stick',
      {},
      () =>
        server.use(
          http.get(`${API}/repos/:o/:r/topics`, () =>
            HttpResponse.json({ names: [] }),
          ),
        ),
      /topics: GitHub accepted the topics of acme\/payments-api but reading them back lacks idp-managed.*was deleted again/,
    ],
    [
      'branch protection refused',
      {},
      () =>
        server.use(
          http.put(
            `${API}/repos/:o/:r/branches/:b/protection`,
            fail(
              403,
              'Upgrade to GitHub Pro or make this repository public to enable this feature.',
            ),
          ),
        ),
      /protect branch main of acme\/payments-api: Upgrade to GitHub Pro.*was deleted again/,
    ],
  ])('rejects %s', async (_name, input, arrange, expected) => {
    arrange();
    await expect(run(input)).rejects.toThrow(expected);
    noRepoLeft();
  });

  it('says so when the repository it created cannot be deleted', async () => {
    server.use(
      http.put(`${API}/repos/:o/:r/topics`, fail(422, 'Invalid topics')),
      http.delete(
        `${API}/repos/:o/:r`,
        fail(403, 'Must have admin rights to Repository.'),
      ),
    );
    await expect(run({})).rejects.toThrow(
      /could NOT be deleted .*admin rights.*delete it by hand/,
    );
  });

  it('leaves a foreign repository untouched', async () => {
    github.seed('acme/taken', { files: { 'README.md': 'theirs' } });
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=taken' }),
    ).rejects.toThrow(/nothing was changed/);
    expect(writes()).toEqual([]);
    expect(github.files('acme/taken').get('README.md')).toBe('theirs');
  });
});

describe('idp:github:publish between teams', () => {
  const LEDGER_CATALOG = OURS_CATALOG.replace(
    /payments-api/g,
    'ledger',
  ).replace('group:payments', 'group:platform');
  /** Main's protection as the other team left it (a PUT body). */
  const STRICT = {
    required_status_checks: {
      strict: true,
      contexts: ['ci/build'],
      checks: [{ context: 'ci/build', app_id: 15368 }],
    },
    enforce_admins: true,
    required_pull_request_reviews: {
      dismiss_stale_reviews: true,
      require_code_owner_reviews: true,
      required_approving_review_count: 3,
      require_last_push_approval: true,
      dismissal_restrictions: { users: ['lead'], teams: ['payments'] },
    },
    restrictions: {
      users: ['release-bot'],
      teams: ['payments'],
      apps: ['deployer'],
    },
    required_linear_history: true,
    allow_force_pushes: false,
    allow_deletions: false,
    required_conversation_resolution: true,
  };
  const snapshot = (slug: string) => {
    const repo = github.repos.get(slug)!;
    return structuredClone({
      topics: repo.topics,
      files: [...github.files(slug)],
      history: github.history(slug),
      protection: repo.protection,
      defaultBranch: repo.defaultBranch,
    });
  };

  it("refuses another team's golden-path repository and leaves it exactly as it was", async () => {
    github.seed('acme/ledger', {
      topics: ['idp-managed', 'idp-system-ledger', 'python'],
      files: { 'catalog-info.yaml': LEDGER_CATALOG, 'main.py': 'theirs\n' },
      protection: STRICT,
    });
    const before = snapshot('acme/ledger');
    // The catalog also holds an entity from acme/payments-api claiming the
    // ledger's project slug: it does not count, it was not read from there.
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=ledger' }),
    ).rejects.toMatchObject({
      name: 'NotAllowedError',
      message:
        'repoUrl: acme/ledger belongs to group:default/platform (its catalog owner), not to user:default/alice or their groups; nothing was changed, choose another name',
    });
    expect(writes()).toEqual([]);
    expect(snapshot('acme/ledger')).toEqual(before);
  });

  it('refuses a golden-path repository the catalog has not read, whatever its file claims', async () => {
    const claim = OURS_CATALOG.replace(/payments-api/g, 'orphan');
    github.seed('acme/orphan', {
      topics: ['idp-managed', 'idp-system-payments'],
      files: { 'catalog-info.yaml': claim },
    });
    const before = snapshot('acme/orphan');
    await expect(
      run({ repoUrl: 'github.com?owner=acme&repo=orphan' }),
    ).rejects.toThrow(
      /^repoUrl: acme\/orphan already exists and the catalog has no entity read from it, so its owner cannot be verified; nothing was changed/,
    );
    expect(writes()).toEqual([]);
    expect(snapshot('acme/orphan')).toEqual(before);
  });

  it('refuses adoption to a task without a user (no ownership to compare)', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
    });
    await expect(run({}, { user: null })).rejects.toThrow(
      'repoUrl: acme/payments-api belongs to group:default/payments (its catalog owner), not to an anonymous caller or their groups',
    );
    expect(writes()).toEqual([]);
  });

  it.each([
    ['a real run', false],
    ['a dry run', true],
  ])(
    'refuses an organisation outside idp.github.allowedOwners in %s, before any GitHub call',
    async (_name, isDryRun) => {
      await expect(
        run(
          { repoUrl: 'github.com?owner=evil-corp&repo=payments-api' },
          {
            isDryRun,
          },
        ),
      ).rejects.toMatchObject({
        name: 'NotAllowedError',
        message:
          'repoUrl: GitHub owner "evil-corp" is not one this portal publishes to (idp.github.allowedOwners: acme, robot, alice, nobody); nothing was changed',
      });
      expect(github.calls).toEqual([]);
    },
  );

  it('publishes nowhere when idp.github.allowedOwners is not configured', async () => {
    const unconfigured = createGithubPublishAction({
      integrations: testIntegrations,
      pacing: fastPacing,
      catalog,
      allowedOwners: [],
    });
    const { ctx } = memoisingContext({
      input: { repoUrl: 'github.com?owner=acme&repo=payments-api' } as any,
      workspacePath: await makeWorkspace(files),
    });
    await expect(unconfigured.handler(ctx as any)).rejects.toThrow(
      /idp\.github\.allowedOwners is not configured, so this portal publishes to no GitHub owner/,
    );
    expect(github.calls).toEqual([]);
  });

  it('adds its protection to what an adopted main already has, never weakening it', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
      protection: { ...STRICT, allow_force_pushes: true },
      requiredSignatures: true,
    });
    await run({ requiredApprovingReviewCount: 1 });
    const repo = github.repos.get('acme/payments-api')!;
    // read before written
    expect(
      github.calls.indexOf(
        'GET /repos/acme/payments-api/branches/main/protection',
      ),
    ).toBeLessThan(
      github.calls.indexOf(
        'PUT /repos/acme/payments-api/branches/main/protection',
      ),
    );
    // everything they had, unchanged, plus the settings they left unset
    expect(repo.protection).toEqual({
      ...STRICT,
      required_pull_request_reviews: {
        ...STRICT.required_pull_request_reviews,
        // the larger of theirs (3) and ours (1)
        required_approving_review_count: 3,
        dismissal_restrictions: {
          users: ['lead'],
          teams: ['payments'],
          apps: [],
        },
      },
      // theirs allowed force pushes; ours forbids them
      allow_force_pushes: false,
      block_creations: false,
      lock_branch: false,
      allow_fork_syncing: false,
    });
    expect(repo.requiredSignatures).toBe(true);
  });

  it('protects an adopted main that had no protection', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
    });
    await run({});
    expect(github.repos.get('acme/payments-api')!.protection).toMatchObject({
      enforce_admins: false,
      required_pull_request_reviews: { required_approving_review_count: 1 },
      allow_force_pushes: false,
    });
  });

  it('stops rather than replace a protection it was not allowed to read', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
      protection: STRICT,
    });
    server.use(
      http.get(`${API}/repos/:o/:r/branches/:b/protection`, () =>
        HttpResponse.json({ message: 'Not Found' }, { status: 404 }),
      ),
    );
    await expect(run({})).rejects.toThrow(
      /GitHub answered 404 while trying to read the protection of main of acme\/payments-api: Not Found.*the topics of acme\/payments-api were restored to idp-managed$/,
    );
    expect(github.repos.get('acme/payments-api')!.protection).toEqual(STRICT);
    expect(writes()).not.toContain(
      'PUT /repos/acme/payments-api/branches/main/protection',
    );
  });

  it('raises an adopted main to the requested approvals', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
      protection: {
        required_status_checks: null,
        enforce_admins: false,
        required_pull_request_reviews: { required_approving_review_count: 1 },
        restrictions: null,
      },
    });
    await run({ requiredApprovingReviewCount: 2 });
    expect(
      github.repos.get('acme/payments-api')!.protection
        .required_pull_request_reviews.required_approving_review_count,
    ).toBe(2);
  });

  it('restores the topics of an adopted repository when the run fails, and a retry writes them again', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed', 'legacy', 'idp-system-old'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
    });
    server.use(
      http.post(`${API}/repos/:o/:r/git/trees`, () =>
        HttpResponse.json({ message: 'Bad Gateway' }, { status: 502 }),
      ),
    );
    const store = new Map<string, unknown>();
    await expect(run({ topics: ['payments'] }, { store })).rejects.toThrow(
      /502 while trying to create the tree.*; the topics of acme\/payments-api were restored to idp-managed, legacy, idp-system-old$/,
    );
    // the topics were written during the run, then put back
    expect(
      github.calls.filter(c => c === 'PUT /repos/acme/payments-api/topics'),
    ).toHaveLength(2);
    const repo = github.repos.get('acme/payments-api')!;
    expect(repo.topics).toEqual(['idp-managed', 'legacy', 'idp-system-old']);
    expect(github.deleted).toEqual([]);

    server.resetHandlers(...github.handlers());
    await run({ topics: ['payments'] }, { store });
    expect(repo.topics).toEqual([
      'idp-managed',
      'legacy',
      'idp-system-payments',
      'payments',
    ]);
  });

  it('says so when the topics of an adopted repository cannot be restored', async () => {
    github.seed('acme/payments-api', {
      topics: ['idp-managed', 'legacy'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
    });
    let puts = 0;
    server.use(
      http.put(`${API}/repos/:o/:r/topics`, () =>
        ++puts === 1
          ? undefined
          : HttpResponse.json(
              { message: 'Must have admin rights to Repository.' },
              { status: 403 },
            ),
      ),
      http.post(`${API}/repos/:o/:r/git/trees`, () =>
        HttpResponse.json({ message: 'Bad Gateway' }, { status: 502 }),
      ),
    );
    await expect(run({})).rejects.toThrow(
      /the topics of acme\/payments-api could NOT be restored to idp-managed, legacy \(.*admin rights.*\), restore them by hand$/,
    );
  });
});

describe('idp:github:publish sets up the CI bot (idp.github.ciBot)', () => {
  const APP = 'idp-bot';
  const botAction = createGithubPublishAction({
    integrations: testIntegrations,
    pacing: fastPacing,
    catalog,
    allowedOwners: ['acme', 'robot'],
    ciBot: { appSlug: APP, appId: 4242 },
  });
  const SECRET = 'acme/IDP_BOT_PRIVATE_KEY';
  const VARIABLE = 'acme/IDP_BOT_APP_ID';
  let org: FakeGithubOrg;
  /** The organisation as templates/README.md asks an owner to set it up. */
  beforeEach(() => {
    org = new FakeGithubOrg(github);
    org.installations.set('acme', [
      { id: 77, appId: 9, appSlug: 'other-app', repositorySelection: 'all' },
      { id: 78, appId: 4242, appSlug: APP, repositorySelection: 'all' },
    ]);
    // another repository is already selected
    org.secrets.set(SECRET, { visibility: 'selected', selected: new Set([7]) });
    org.variables.set(VARIABLE, {
      visibility: 'selected',
      value: '4242',
      selected: new Set([7]),
    });
    server.use(...org.handlers());
  });
  const logger = () => ({
    info: jest.fn(),
    warn: jest.fn(),
    error: jest.fn(),
    debug: jest.fn(),
    child() {
      return this;
    },
  });
  const orgWrites = () =>
    writes().filter(
      c => c.startsWith('PUT /orgs') || c.startsWith('DELETE /orgs'),
    );

  it('lets the App bypass pull requests on main and selects the new repository, by its id, for the secret and the variable before the push', async () => {
    await run({}, { action: botAction });
    const repo = github.repos.get('acme/payments-api')!;
    expect(
      repo.protection.required_pull_request_reviews
        .bypass_pull_request_allowances,
    ).toEqual({ users: [], teams: [], apps: [APP] });
    // the rest of the protection is ours, unchanged
    expect(repo.protection).toMatchObject({
      required_pull_request_reviews: { required_approving_review_count: 1 },
      allow_force_pushes: false,
      restrictions: null,
    });
    expect(org.secrets.get(SECRET)!.selected).toEqual(new Set([7, repo.id]));
    expect(org.variables.get(VARIABLE)!.selected).toEqual(
      new Set([7, repo.id]),
    );
    expect(orgWrites()).toEqual([
      `PUT /orgs/acme/actions/secrets/IDP_BOT_PRIVATE_KEY/repositories/${repo.id}`,
      `PUT /orgs/acme/actions/variables/IDP_BOT_APP_ID/repositories/${repo.id}`,
    ]);
    // the organisation was checked before the repository was created, and
    // the selections made before the pushed workflow could first run
    const at = (call: string) => github.calls.indexOf(call);
    expect(at('GET /orgs/acme/installations')).toBeLessThan(
      at('POST /orgs/acme/repos'),
    );
    expect(
      at(
        `PUT /orgs/acme/actions/variables/IDP_BOT_APP_ID/repositories/${repo.id}`,
      ),
    ).toBeLessThan(
      at('PUT /repos/acme/payments-api/contents/catalog-info.yaml'),
    );
    // GET protection answers the App as GitHub does (a slug object)
    expect(
      (
        await (
          await fetch(`${API}/repos/acme/payments-api/branches/main/protection`)
        ).json()
      ).required_pull_request_reviews.bypass_pull_request_allowances.apps,
    ).toEqual([{ slug: APP, name: APP }]);
  });

  it('selects nothing when the secret and variable reach all repositories', async () => {
    org.secrets.set(SECRET, { visibility: 'all', selected: new Set() });
    org.variables.set(VARIABLE, {
      visibility: 'all',
      value: '4242',
      selected: new Set(),
    });
    await run({}, { action: botAction });
    expect(orgWrites()).toEqual([]);
    expect(
      github.repos.get('acme/payments-api')!.protection
        .required_pull_request_reviews.bypass_pull_request_allowances.apps,
    ).toEqual([APP]);
  });

  it('fails naming the App and organisation when the App is not installed, leaving nothing behind', async () => {
    org.installations.set('acme', [
      { id: 77, appId: 9, appSlug: 'other-app', repositorySelection: 'all' },
    ]);
    await expect(run({}, { action: botAction })).rejects.toThrow(
      /^GitHub App idp-bot \(id 4242\), the CI bot of idp\.github\.ciBot, is not installed in organisation acme: .*install it on all repositories of acme/,
    );
    expect(github.repos.has('acme/payments-api')).toBe(false);
    expect(writes()).toEqual([]);
  });

  it('refuses an App installed on selected repositories only, nothing written', async () => {
    org.installations.set('acme', [
      { id: 78, appId: 4242, appSlug: APP, repositorySelection: 'selected' },
    ]);
    await expect(run({}, { action: botAction })).rejects.toThrow(
      /GitHub App idp-bot, the CI bot of idp\.github\.ciBot, is installed in acme on selected repositories only.*"All repositories"/,
    );
    expect(writes()).toEqual([]);
  });

  it('fails naming a missing organisation secret and what an owner must do', async () => {
    org.secrets.delete(SECRET);
    await expect(run({}, { action: botAction })).rejects.toThrow(
      /^organisation secret IDP_BOT_PRIVATE_KEY does not exist in acme .*visibility "selected repositories"$/,
    );
    expect(writes()).toEqual([]);
  });

  it('refuses a variable holding another App id', async () => {
    org.variables.get(VARIABLE)!.value = '17';
    await expect(run({}, { action: botAction })).rejects.toThrow(
      /organisation variable IDP_BOT_APP_ID of acme is "17", not the id 4242 of GitHub App idp-bot/,
    );
    expect(writes()).toEqual([]);
  });

  it('deletes the public repository it created when the secret reaches private repositories only', async () => {
    org.secrets.set(SECRET, { visibility: 'private', selected: new Set() });
    await expect(
      run({ repoVisibility: 'public' }, { action: botAction }),
    ).rejects.toThrow(
      /^repoVisibility: acme\/payments-api is public, but organisation secret IDP_BOT_PRIVATE_KEY of acme reaches private repositories only.*; acme\/payments-api, created by this run, was deleted again$/,
    );
    expect(github.deleted).toEqual(['acme/payments-api']);
    expect(orgWrites()).toEqual([]);
  });

  it('takes the new repository out of the selections again, then deletes it, when a later step fails', async () => {
    server.use(
      http.put(`${API}/repos/:o/:r/branches/:b/protection`, () =>
        HttpResponse.json({ message: 'Server Error' }, { status: 500 }),
      ),
    );
    await expect(run({}, { action: botAction })).rejects.toThrow(
      /500 while trying to protect branch main.*; acme\/payments-api was removed from organisation secret IDP_BOT_PRIVATE_KEY, variable IDP_BOT_APP_ID again; acme\/payments-api, created by this run, was deleted again$/,
    );
    expect(github.deleted).toEqual(['acme/payments-api']);
    expect(org.secrets.get(SECRET)!.selected).toEqual(new Set([7]));
    expect(org.variables.get(VARIABLE)!.selected).toEqual(new Set([7]));
    const deletes = writes().filter(c => c.startsWith('DELETE'));
    expect(deletes.map(c => c.replace(/\d+$/, 'ID'))).toEqual([
      'DELETE /orgs/acme/actions/secrets/IDP_BOT_PRIVATE_KEY/repositories/ID',
      'DELETE /orgs/acme/actions/variables/IDP_BOT_APP_ID/repositories/ID',
      'DELETE /repos/acme/payments-api',
    ]);
  });

  it('merges the App into an adopted main, keeping every bypass allowance and push restriction', async () => {
    const seeded = github.seed('acme/payments-api', {
      topics: ['idp-managed'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
      protection: {
        required_status_checks: null,
        enforce_admins: true,
        required_pull_request_reviews: {
          required_approving_review_count: 2,
          bypass_pull_request_allowances: {
            users: ['lead'],
            teams: ['release'],
            apps: ['other-app'],
          },
        },
        restrictions: { users: ['lead'], teams: [], apps: ['deployer'] },
      },
    });
    // already selected for the secret by an earlier run
    org.secrets.get(SECRET)!.selected.add(seeded.id);
    await run({}, { action: botAction });
    const p = github.repos.get('acme/payments-api')!.protection;
    expect(p.enforce_admins).toBe(true);
    expect(p.required_pull_request_reviews).toMatchObject({
      required_approving_review_count: 2,
      bypass_pull_request_allowances: {
        users: ['lead'],
        teams: ['release'],
        apps: ['other-app', APP],
      },
    });
    // pushes are restricted: the App may push too, the others still may
    expect(p.restrictions).toEqual({
      users: ['lead'],
      teams: [],
      apps: ['deployer', APP],
    });
    expect(orgWrites()).toEqual([
      `PUT /orgs/acme/actions/variables/IDP_BOT_APP_ID/repositories/${seeded.id}`,
    ]);
  });

  it('on a failed adoption removes only the selection it added and restores the topics', async () => {
    const seeded = github.seed('acme/payments-api', {
      topics: ['idp-managed', 'legacy'],
      files: { 'catalog-info.yaml': OURS_CATALOG },
    });
    org.secrets.get(SECRET)!.selected.add(seeded.id);
    server.use(
      http.post(`${API}/repos/:o/:r/git/trees`, () =>
        HttpResponse.json({ message: 'Bad Gateway' }, { status: 502 }),
      ),
    );
    await expect(run({}, { action: botAction })).rejects.toThrow(
      /502 while trying to create the tree.*; acme\/payments-api was removed from organisation variable IDP_BOT_APP_ID again; the topics of acme\/payments-api were restored to idp-managed, legacy$/,
    );
    expect(org.secrets.get(SECRET)!.selected).toEqual(new Set([7, seeded.id]));
    expect(org.variables.get(VARIABLE)!.selected).toEqual(new Set([7]));
    expect(github.repos.get('acme/payments-api')!.topics).toEqual([
      'idp-managed',
      'legacy',
    ]);
  });

  it('reports what it would do in a dry run without calling GitHub', async () => {
    const log = logger();
    await run({}, { action: botAction, isDryRun: true, logger: log });
    expect(github.calls).toEqual([]);
    expect(log.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^Dry run: would check that GitHub App idp-bot is installed on all repositories of acme .*IDP_BOT_PRIVATE_KEY.*IDP_BOT_APP_ID.*let idp-bot bypass pull requests on main$/,
      ),
    );
  });

  it('without idp.github.ciBot makes no organisation call and logs why', async () => {
    const log = logger();
    await run({}, { logger: log });
    expect(
      github.calls.filter(
        c => c.includes('/orgs/acme/') && !c.endsWith('/repos'),
      ),
    ).toEqual([]);
    expect(
      github.repos.get('acme/payments-api')!.protection
        .required_pull_request_reviews.bypass_pull_request_allowances,
    ).toBeUndefined();
    expect(log.info).toHaveBeenCalledWith(
      expect.stringMatching(
        /^CI bot set-up skipped: idp\.github\.ciBot is not configured/,
      ),
    );
  });

  it('refuses a configured slug that is not a GitHub App slug, naming the key', () => {
    expect(() =>
      readCiBot(
        new ConfigReader({
          idp: { github: { ciBot: { appSlug: 'IDP Bot' } } },
        }),
      ),
    ).toThrow(
      /^idp\.github\.ciBot\.appSlug: "IDP Bot" is not a GitHub App slug/,
    );
    expect(readCiBot(new ConfigReader({}))).toBeUndefined();
    expect(
      readCiBot(
        new ConfigReader({
          idp: { github: { ciBot: { appSlug: 'idp-bot' } } },
        }),
      ),
    ).toEqual({ appSlug: 'idp-bot', appId: undefined });
  });
});
