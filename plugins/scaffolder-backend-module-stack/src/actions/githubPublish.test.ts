import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import { API, FakeGithub } from '../__testUtils__/fakeGithub';
import { memoisingContext } from '../__testUtils__/memoisingContext';
import {
  fastPacing,
  makeWorkspace,
  testIntegrations,
} from '../__testUtils__/publishFixture';
import { createGithubPublishAction } from './githubPublish';

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

const action = createGithubPublishAction({
  integrations: testIntegrations,
  pacing: fastPacing,
});

async function run(
  input: Record<string, unknown>,
  extra: { store?: Map<string, unknown>; isDryRun?: boolean } = {},
) {
  const workspacePath = await makeWorkspace(files, ['scripts/run.sh']);
  const { ctx, ran, store } = memoisingContext({
    input: {
      repoUrl: 'github.com?owner=acme&repo=payments-api',
      ...input,
    } as any,
    workspacePath,
    store: extra.store,
  });
  const c = extra.isDryRun ? { ...ctx, isDryRun: true } : ctx;
  await action.handler(c as any);
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
      /401 .*Bad credentials.*integrations\.github/,
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
