/*
 * Each golden-path template run end to end through the real scaffolder
 * backend (startTestBackend + scaffolder + catalog + this module + the
 * permission backend with the portal's stack policy, as user:default/mock,
 * who is outside the platform group), reading the templates from templates/
 * on disk: once as a dry run, once for real against GitHub faked at the HTTP
 * level. Then what was pushed is inspected.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import githubScaffolderModule from '@backstage/plugin-scaffolder-backend-module-github';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { parse } from 'yaml';
// The registry schema CI and the gitops package apply to argocd/systems.
import { systemRegistrationIssues } from '@idp-stack/plugin-stack-common';
import { FakeGithub } from './__testUtils__/fakeGithub';
import {
  listenOutsideLoopback,
  startScaffolderBackend,
} from './__testUtils__/scaffolderBackend';
import { runTask, waitFor } from './__testUtils__/scaffolderTasks';
import {
  FakePullRequest,
  pullRequestHandlers,
} from './__testUtils__/fakeGithubPullRequests';
import { inspectRepo, run } from './__testUtils__/inspectRepo';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');
const TEMPLATES = path.join(ROOT, 'templates');

const server = setupServer();
const KUBE = 'https://kubernetes.test:6443';
/** Merge patches the fake Kubernetes API received for argocd/workloads. */
const refreshes: unknown[] = [];
let github: FakeGithub;
let baseHandlers: ReturnType<FakeGithub['handlers']> = [];
/** Pull requests opened against the fake (register-system). */
let pulls: FakePullRequest[] = [];
let app: any;
/** Requests as user:default/mock, a user outside the platform group. */
const api = () =>
  request.agent(app).set('Authorization', mockCredentials.user.header());

beforeAll(async () => {
  listenOutsideLoopback(server);
  github = new FakeGithub();
  // The platform repository the register-system template opens its pull request on.
  github.seed('acme/idp-portal', {
    files: { 'argocd/systems/finance.yaml': 'kind: System\n' },
  });
  const prs = pullRequestHandlers(github);
  pulls = prs.pulls;
  baseHandlers = [
    // First, so register-system's pull request (the create-pull-request
    // plugin's calls) is answered by them, not by the FakeGithub pulls route.
    ...prs.handlers,
    ...github.handlers(),
    http.patch(
      `${KUBE}/apis/argoproj.io/v1alpha1/namespaces/argocd/applicationsets/workloads`,
      async ({ request: patch }) => {
        refreshes.push(await patch.json());
        return HttpResponse.json({
          apiVersion: 'argoproj.io/v1alpha1',
          kind: 'ApplicationSet',
          metadata: { name: 'workloads', namespace: 'argocd' },
        });
      },
    ),
  ];
  server.use(...baseHandlers);
  app = await startScaffolderBackend({
    // publish:github:pull-request (templates/register-system), as in packages/backend.
    features: [githubScaffolderModule],
    idp: { argocd: { cluster: { url: KUBE, token: 'sa-token' } } },
    allow: [
      'Component',
      'System',
      'API',
      'Resource',
      'Location',
      'Template',
      'Group',
    ],
    locations: [
      ...[
        'nodejs-service',
        'fastapi-service',
        'fullstack',
        'register-system',
      ].map(t => ({
        type: 'file',
        target: path.join(TEMPLATES, t, 'template.yaml'),
      })),
      { type: 'file', target: path.join(__dirname, '__testUtils__/org.yaml') },
    ],
    entities: [
      'template/default/nodejs-service',
      'template/default/fastapi-service',
      'template/default/fullstack',
      'template/default/register-system',
      'group/default/payments',
    ],
  });
});
afterAll(() => server.close());

const runTemplate = (template: string, values: Record<string, unknown>) =>
  runTask(api, `template:default/${template}`, values);

async function directoryContents(
  dir: string,
  rel = '',
): Promise<{ path: string; base64Content: string }[]> {
  const out = [];
  for (const e of await fs.readdir(path.join(dir, rel), {
    withFileTypes: true,
  })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...(await directoryContents(dir, r)));
    else
      out.push({
        path: r,
        base64Content: (await fs.readFile(path.join(dir, r))).toString(
          'base64',
        ),
      });
  }
  return out;
}

async function dryRun(template: string, values: Record<string, unknown>) {
  const dir = path.join(TEMPLATES, template);
  const res = await api()
    .post('/api/scaffolder/v2/dry-run')
    .send({
      template: parse(
        await fs.readFile(path.join(dir, 'template.yaml'), 'utf8'),
      ),
      values,
      secrets: {},
      directoryContents: await directoryContents(dir),
    });
  return res;
}

/** Runs the rendered Node.js skeleton's tests with the workspace's node_modules. */
async function nodeSkeletonTests(dir: string) {
  await fs.symlink(
    path.join(ROOT, 'node_modules'),
    path.join(dir, 'node_modules'),
  );
  const { stdout } = await run(process.execPath, ['--test'], { cwd: dir });
  expect(stdout).toMatch(/# fail 0/);
  expect(stdout).toMatch(/# pass [1-9]/);
}

/** python3 -m py_compile on every rendered Python file. */
async function pythonSkeletonSyntax(dir: string, files: Map<string, string>) {
  const py = [...files.keys()].filter(f => f.endsWith('.py'));
  expect(py).toEqual(
    expect.arrayContaining([
      'app/main.py',
      'app/logs.py',
      'app/metrics.py',
      'tests/test_main.py',
    ]),
  );
  await run('python3', ['-m', 'py_compile', ...py], { cwd: dir });
}

/** The fullstack api's own tests (no dependencies). */
async function fullstackApiTests(dir: string) {
  const { stdout } = await run(process.execPath, ['--test'], {
    cwd: path.join(dir, 'api'),
  });
  expect(stdout).toMatch(/# fail 0/);
  expect(stdout).toMatch(/# pass [1-9]/);
}

it('the policy is in the path: the test user may not register a location itself', async () => {
  const res = await api().post('/api/catalog/locations').send({
    type: 'url',
    target: 'https://github.com/acme/payments-api/blob/main/catalog-info.yaml',
  });
  expect({ status: res.status, error: res.body.error?.name }).toEqual({
    status: 403,
    error: 'NotAllowedError',
  });
});

const cases = [
  {
    template: 'nodejs-service',
    repo: 'payments-api',
    values: {
      name: 'payments-api',
      owner: 'group:default/payments',
      system: 'payments',
      description: 'Payments API',
      port: 8080,
      extras: ['database', 'queue'],
      environments: { prod: { hostname: 'payments.example.com', replicas: 3 } },
      repoUrl: 'github.com?owner=acme&repo=payments-api',
      repoVisibility: 'private',
    },
    components: ['payments-api', 'db', 'mq'],
    topic: 'nodejs',
    checkSkeleton: nodeSkeletonTests,
  },
  {
    template: 'fastapi-service',
    repo: 'ledger',
    values: {
      name: 'ledger',
      owner: 'group:default/payments',
      system: 'payments',
      description: 'Ledger service',
      extras: ['bucket', 'cache'],
      repoUrl: 'github.com?owner=acme&repo=ledger',
    },
    components: ['ledger', 'store', 'cache'],
    topic: 'python',
    checkSkeleton: pythonSkeletonSyntax,
  },
  {
    template: 'fullstack',
    repo: 'shop',
    values: {
      name: 'shop',
      owner: 'group:default/payments',
      system: 'commerce',
      description: 'Web shop',
      environments: { dev: { hostname: 'shop.dev.example.com' } },
      repoUrl: 'github.com?owner=acme&repo=shop',
    },
    components: ['web', 'api', 'db', 'mq', 'store'],
    topic: 'fullstack',
    checkSkeleton: fullstackApiTests,
  },
];

describe.each(cases)(
  'template $template',
  ({ template, repo, values, components, topic, checkSkeleton }) => {
    it('dry run: renders and generates everything without calling GitHub', async () => {
      const before = github.calls.length;
      const locationsBefore = await api().get('/api/catalog/locations');
      const res = await dryRun(template, values);
      expect(res.status).toBe(200);
      // idp:catalog:register ran its checks (supportsDryRun) and registered nothing
      expect(JSON.stringify(res.body.log)).toContain(
        `Dry run: would register https://github.com/acme/${repo}/tree/main/catalog-info.yaml`,
      );
      expect((await api().get('/api/catalog/locations')).body).toEqual(
        locationsBefore.body,
      );
      const paths = res.body.directoryContents.map((f: any) => f.path);
      expect(paths).toEqual(
        expect.arrayContaining(
          [
            'stack.yaml',
            'catalog-info.yaml',
            'deploy/base/kustomization.yaml',
            'deploy/overlays/dev/kustomization.yaml',
            'deploy/overlays/stage/kustomization.yaml',
            'deploy/overlays/prod/kustomization.yaml',
            '.github/workflows/ci.yaml',
            'Dockerfile',
          ].filter(p => template !== 'fullstack' || p !== 'Dockerfile'),
        ),
      );
      // The catalog may re-read earlier runs' catalog-info.yaml meanwhile; nothing else may reach GitHub.
      expect(
        github.calls
          .slice(before)
          .filter(c => !c.endsWith('/contents/catalog-info.yaml')),
      ).toEqual([]);
      expect(res.body.output.links[0].url).toBe(
        `https://github.com/acme/${repo}`,
      );
      const files = new Map<string, string>(
        res.body.directoryContents.map((f: any) => [
          f.path,
          Buffer.from(f.base64Content, 'base64').toString('utf8'),
        ]),
      );
      const { stack } = await inspectRepo(files, repo);
      expect(stack.spec.components.map(c => c.name)).toEqual(components);
    });

    it('real run by a user outside the platform group: creates the repository, tags it, pushes a valid tree and registers it', async () => {
      const refreshesBefore = refreshes.length;
      const { task, log, output } = await runTemplate(template, values);
      if (task.status !== 'completed')
        throw new Error(`task ${task.status}:\n${log}`);
      // Argo CD was asked to look for the new repository at once
      expect(refreshes.slice(refreshesBefore)).toEqual([
        {
          metadata: {
            annotations: {
              'argocd.argoproj.io/application-set-refresh': 'true',
            },
          },
        },
      ]);
      const slug = `acme/${repo}`;
      const ghRepo = github.repos.get(slug)!;
      expect(ghRepo.topics).toEqual([
        'idp-managed',
        `idp-system-${values.system}`,
        topic,
      ]);
      expect(ghRepo.protection).toBeDefined();
      const files = github.files(slug);
      const { stack, entities, overlays, dir } = await inspectRepo(files, repo);
      expect(stack.spec.components.map(c => c.name)).toEqual(components);
      expect(
        entities.find(e => e.kind === 'Component' && e.metadata.name === repo)
          ?.metadata.annotations,
      ).toMatchObject({
        'github.com/project-slug': slug,
        'argocd/app-selector': `idp.platform/repo=${repo}`,
        'idp.platform/stack-file': 'stack.yaml',
      });
      for (const env of ['dev', 'stage', 'prod']) {
        expect(overlays[env]).toContain(
          `namespace: ${stack.metadata.system}-${env}`,
        );
        expect(overlays[env]).toContain('kind: Deployment');
      }
      // the skeleton's own tests (or, for Python, its syntax)
      await checkSkeleton(dir, files);
      // GitHub Actions expressions survive templating; our values are filled in
      const workflow = files.get('.github/workflows/ci.yaml')!;
      expect(workflow).toContain('${{ secrets.IDP_BOT_PRIVATE_KEY }}');
      expect(workflow).toContain(`registry.internal/${repo}`);
      expect(workflow).not.toContain('{% raw %}');
      // registered in the catalog and linked from the output
      const locations = await api().get('/api/catalog/locations');
      // The GitHub integration resolves blob/main + /catalog-info.yaml to a tree URL.
      expect(locations.body.map((l: any) => l.data.target)).toContain(
        `https://github.com/${slug}/tree/main/catalog-info.yaml`,
      );
      expect(output.links).toEqual([
        { title: 'Repository', url: `https://github.com/${slug}` },
        {
          title: 'Open in catalog',
          icon: 'catalog',
          entityRef: `component:default/${repo}`,
        },
      ]);
      expect(log).toContain(`Topics of ${slug} verified`);
    });
  },
);

it('a service template with no data components ticked and no environments gives a one-component stack', async () => {
  const { name, owner, system, repoUrl } = cases[0].values;
  const res = await dryRun('nodejs-service', { name, owner, system, repoUrl });
  expect(res.status).toBe(200);
  const stackFile = res.body.directoryContents.find(
    (f: any) => f.path === 'stack.yaml',
  );
  const stack = parse(
    Buffer.from(stackFile.base64Content, 'base64').toString('utf8'),
  );
  expect(stack.spec.components.map((c: any) => c.name)).toEqual([
    'payments-api',
  ]);
  expect(stack.spec.links).toBeUndefined();
});

describe('fullstack with the StackDesigner field', () => {
  const fullstack = cases[2];
  const filesOf = (res: request.Response) =>
    new Map<string, string>(
      res.body.directoryContents.map((f: any) => [
        f.path,
        Buffer.from(f.base64Content, 'base64').toString('utf8'),
      ]),
    );

  it('adds the designed components and links to the golden path, wired in deploy/', async () => {
    const res = await dryRun('fullstack', {
      ...fullstack.values,
      design: {
        components: [{ name: 'worker', type: 'nodejs', port: 9090 }],
        links: [
          { from: 'api', to: 'worker' },
          { from: 'worker', to: 'mq/shop-events' },
        ],
      },
    });
    expect(res.status).toBe(200);
    const files = filesOf(res);
    // inspectRepo also builds every overlay with kubectl kustomize
    const { stack } = await inspectRepo(files, fullstack.repo);
    expect(stack.spec.components.map(c => c.name)).toEqual([
      ...fullstack.components,
      'worker',
    ]);
    const base = [...files]
      .filter(([p]) => p.startsWith('deploy/base/'))
      .map(([, text]) => text)
      .join('\n');
    expect(base).toContain('http://worker:9090');
  });

  it("keeps the golden path as it is with the field's empty starting value", async () => {
    const res = await dryRun('fullstack', {
      ...fullstack.values,
      design: { components: [], links: [] },
    });
    expect(res.status).toBe(200);
    const { stack } = await inspectRepo(filesOf(res), fullstack.repo);
    expect(stack.spec.components.map(c => c.name)).toEqual(
      fullstack.components,
    );
  });

  it('refuses a design that reuses a golden-path name, naming the field', async () => {
    const res = await dryRun('fullstack', {
      ...fullstack.values,
      design: { components: [{ name: 'api', type: 'fastapi' }], links: [] },
    });
    expect(JSON.stringify(res.body)).toMatch(
      /design: components\[0\]\.name: \\"api\\" is already the name of spec\.components\[1\] \[unique-name\]/,
    );
  });
});

describe('templates through the scaffolder: bad input', () => {
  afterEach(() => server.resetHandlers(...baseHandlers));

  it('refuses a name the form pattern forbids before any step runs', async () => {
    const before = github.calls.length;
    const res = await api()
      .post('/api/scaffolder/v2/tasks')
      .send({
        templateRef: 'template:default/nodejs-service',
        values: {
          ...cases[0].values,
          name: 'Fresh_API',
          repoUrl: 'github.com?owner=acme&repo=Fresh_API',
        },
      });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(
      /instance\.name does not match pattern/,
    );
    expect(
      github.calls
        .slice(before)
        .filter(c => !c.endsWith('/contents/catalog-info.yaml')),
    ).toEqual([]);
  });

  const githubFails =
    (
      method: 'post' | 'put' | 'get',
      route: string,
      status: number,
      message: string,
    ) =>
    () =>
      server.use(
        http[method](`https://api.github.com${route}`, () =>
          HttpResponse.json(
            { message, documentation_url: 'https://docs.github.com/rest' },
            { status },
          ),
        ),
      );
  const none = () => {};
  it.each<[string, Record<string, unknown>, () => void, RegExp]>([
    [
      'GitHub refusing to create the repository (403)',
      {},
      githubFails(
        'post',
        '/orgs/:org/repos',
        403,
        'Resource not accessible by integration',
      ),
      /403 while trying to create repository acme\/fresh-api: Resource not accessible by integration/,
    ],
    [
      'GitHub failing every push (502)',
      {},
      githubFails('post', '/repos/:o/:r/git/trees', 502, 'Bad Gateway'),
      /502 while trying to create the tree.*acme\/fresh-api, created by this run, was deleted again/,
    ],
    [
      'a topic write that silently does not stick',
      {},
      () =>
        server.use(
          http.get('https://api.github.com/repos/:o/:r/topics', () =>
            HttpResponse.json({ names: [] }),
          ),
        ),
      /reading them back lacks idp-managed.*was deleted again/,
    ],
    [
      'a reserved name',
      { name: 'backstage', repoUrl: 'github.com?owner=acme&repo=backstage' },
      none,
      /name: "backstage" is reserved/,
    ],
    [
      'an unknown owner',
      { owner: 'group:default/nobody' },
      none,
      /owner: group:default\/nobody does not exist in the catalog/,
    ],
    [
      'a repository not named like the stack',
      { repoUrl: 'github.com?owner=acme&repo=other-name' },
      none,
      /repoUrl: the repository "other-name" must be named like the stack/,
    ],
    [
      'a foreign repository with the same name',
      { name: 'taken', repoUrl: 'github.com?owner=acme&repo=taken' },
      none,
      /acme\/taken already exists and is not managed by the IDP/,
    ],
  ])(
    'fails the task on %s, leaving no repository behind',
    async (_n, patch, arrange, expected) => {
      arrange();
      github.seed('acme/taken', { files: { 'README.md': 'theirs' } });
      const reposBefore = [...github.repos.keys()].sort();
      const { task, log } = await runTemplate('nodejs-service', {
        ...cases[0].values,
        name: 'fresh-api',
        repoUrl: 'github.com?owner=acme&repo=fresh-api',
        ...patch,
      });
      expect(task.status).toBe('failed');
      expect(log).toMatch(expected);
      expect([...github.repos.keys()].sort()).toEqual(reposBefore);
    },
  );
});

describe('publishing between teams through the scaffolder', () => {
  const writesSince = (n: number) =>
    github.calls.slice(n).filter(c => !c.startsWith('GET '));

  it('refuses a hand-made task for an organisation outside idp.github.allowedOwners', async () => {
    const before = github.calls.length;
    // The form's RepoUrlPicker offers acme only; this request skips the form.
    const { task, log } = await runTemplate('nodejs-service', {
      ...cases[0].values,
      name: 'exfil',
      repoUrl: 'github.com?owner=evil-corp&repo=exfil',
    });
    expect(task.status).toBe('failed');
    expect(log).toContain(
      'repoUrl: GitHub owner "evil-corp" is not one this portal publishes to (idp.github.allowedOwners: acme); nothing was changed',
    );
    expect(
      github.calls.slice(before).filter(c => c.includes('evil-corp')),
    ).toEqual([]);
    expect(github.repos.has('evil-corp/exfil')).toBe(false);
  });

  it('refuses to run the golden path over a repository its catalog owner did not give to the caller', async () => {
    // payments-api was created and registered by the nodejs-service real run
    // above; the catalog reads it back from the (fake) repository.
    const entity = await waitFor(async () => {
      const res = await api().get(
        '/api/catalog/entities/by-name/component/default/payments-api',
      );
      return res.status === 200 ? res.body : undefined;
    }, 'component:default/payments-api from acme/payments-api');
    expect(
      entity.metadata.annotations['backstage.io/managed-by-location'],
    ).toMatch(/^url:https:\/\/github\.com\/acme\/payments-api\//);
    const repo = github.repos.get('acme/payments-api')!;
    const before = structuredClone({
      topics: repo.topics,
      files: [...github.files('acme/payments-api')],
      protection: repo.protection,
    });
    const calls = github.calls.length;
    // The test backend's caller is user:default/mock, not in group payments.
    const { task, log } = await runTemplate('nodejs-service', {
      ...cases[0].values,
      system: 'takeover',
    });
    expect(task.status).toBe('failed');
    expect(log).toContain(
      'repoUrl: acme/payments-api belongs to group:default/payments (its catalog owner), not to user:default/mock or their groups; nothing was changed',
    );
    expect(writesSince(calls)).toEqual([]);
    expect({
      topics: repo.topics,
      files: [...github.files('acme/payments-api')],
      protection: repo.protection,
    }).toEqual(before);
  });
});

describe('template register-system', () => {
  const values = {
    system: 'ledgers',
    owner: 'group:default/payments',
    codeOwners: ['@acme/payments-team'],
    repositories: ['ledger', 'ledger-web'],
    domains: ['ledger.apps.example.com'],
    prodManualApproval: true,
    prodApprovers: ['acme:payments-leads'],
  };

  it('opens a pull request on the platform repository whose registry entry the gitops schema accepts', async () => {
    const { task, output } = await runTemplate('register-system', values);
    expect(task.status).toBe('completed');
    expect(pulls).toEqual([
      expect.objectContaining({
        slug: 'acme/idp-portal',
        head: 'register-system-ledgers',
        base: 'main',
        title: 'Register system ledgers',
        teamReviewers: ['platform-team'],
      }),
    ]);
    expect(pulls[0].body).toContain(
      'Registers system `ledgers` (owner group:default/payments) with repositories ledger, ledger-web.',
    );
    expect(output.links).toEqual([
      {
        title: 'Pull request',
        url: 'https://github.com/acme/idp-portal/pull/1',
      },
    ]);
    const files = github.files('acme/idp-portal', 'register-system-ledgers');
    // The existing entries stay; the new one is added beside them.
    expect([...files.keys()].sort()).toEqual([
      'argocd/systems/finance.yaml',
      'argocd/systems/ledgers.yaml',
    ]);
    const entry = parse(files.get('argocd/systems/ledgers.yaml')!);
    expect(systemRegistrationIssues(entry, 'ledgers.yaml')).toEqual([]);
    expect(entry).toEqual({
      apiVersion: 'idp.platform/v1alpha1',
      kind: 'System',
      metadata: { name: 'ledgers' },
      spec: {
        owner: 'group:default/payments',
        codeOwners: ['@acme/payments-team'],
        repositories: ['ledger', 'ledger-web'],
        domains: ['ledger.apps.example.com'],
        environments: {
          prod: { manualApproval: true, approvers: ['acme:payments-leads'] },
        },
      },
    });
    // main is untouched until someone merges.
    expect(
      github.files('acme/idp-portal').has('argocd/systems/ledgers.yaml'),
    ).toBe(false);
  });

  it('refuses bad input naming the field and the rule, and opens nothing', async () => {
    const before = pulls.length;
    const res = await api()
      .post('/api/scaffolder/v2/tasks')
      .send({
        templateRef: 'template:default/register-system',
        values: { ...values, system: 'platform', domains: ['Not A Host'] },
      });
    expect(res.status).toBe(400);
    // The scaffolder checks the values against the template's JSON schema
    // (jsonschema's ValidationError: field path and the rule broken).
    expect(
      res.body.errors.map((e: any) => [e.property, e.name, e.message]),
    ).toEqual([
      [
        'instance.system',
        'pattern',
        expect.stringMatching(/^does not match pattern/),
      ],
      [
        'instance.domains[0]',
        'pattern',
        expect.stringMatching(/^does not match pattern/),
      ],
    ]);
    expect(pulls.length).toBe(before);
  });
});
