/*
 * The edit-stack template (templates/edit-stack) end to end through the real
 * scaffolder backend (startTestBackend + scaffolder + catalog + this module +
 * the permission backend with the portal's stack policy), against GitHub
 * faked at the HTTP level. The service's catalog-info.yaml is read by the
 * catalog from the fake repository, so `managed-by-location` and the owner
 * come from the catalog as in production.
 */
import { mockCredentials } from '@backstage/backend-test-utils';
import {
  COMPONENT_KINDS,
  generateManifests,
  parseStackYaml,
  serializeStack,
  Stack,
  validateStack,
} from '@idp-stack/plugin-stack-common';
import path from 'node:path';
import { setupServer } from 'msw/node';
import request from 'supertest';
import { FakeGithub } from './__testUtils__/fakeGithub';
import {
  listenOutsideLoopback,
  startScaffolderBackend,
} from './__testUtils__/scaffolderBackend';
import { runTask } from './__testUtils__/scaffolderTasks';

jest.setTimeout(180_000);

const ROOT = path.resolve(__dirname, '../../..');
const SLUG = 'acme/shop-api';
const PIN = 'deploy/overlays/prod/images/kustomization.yaml';
const PIN_TEXT = [
  'apiVersion: kustomize.config.k8s.io/v1alpha1',
  'kind: Component',
  'images:',
  '  - name: registry.internal/shop-api',
  '    newTag: sha-4f2a9c1',
  '',
].join('\n');
const STALE = 'deploy/base/worker/deployment.yaml';

const seedStack: Stack = (() => {
  const r = parseStackYaml(
    [
      'apiVersion: idp.platform/v1alpha1',
      'kind: Stack',
      'metadata:',
      '  name: shop-api',
      '  system: shop',
      '  owner: user:default/mock',
      'spec:',
      '  components:',
      '    - name: shop-api',
      '      type: nodejs',
      '    - name: db',
      '      type: postgres',
      '      databases:',
      '        - name: app',
      '  links:',
      '    - from: shop-api',
      '      to: db/app',
      '  environments:',
      '    prod:',
      '      hostname: shop.example.com',
      '      replicas: 3',
      '',
    ].join('\n'),
  );
  if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
  return r.stack;
})();
// A comment the designer cannot see: kept when the model does not change.
const SEED_STACK_TEXT = `# owned by the shop team\n${serializeStack(
  seedStack,
)}`;

const CATALOG_INFO = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: shop-api
  annotations:
    github.com/project-slug: ${SLUG}
    idp.platform/stack-file: stack.yaml
spec:
  type: service
  lifecycle: production
  owner: user:default/mock
  system: shop
`;

const server = setupServer();
let github: FakeGithub;
let seedCommit: string;
let app: any;
const as = (user = 'user:default/mock') =>
  request.agent(app).set('Authorization', mockCredentials.user.header(user));

/** The seeded stack with a Redis linked from the service, as the designer submits it. */
function withRedis(): Stack {
  const next = structuredClone(seedStack);
  next.spec.components.push(COMPONENT_KINDS.redis.starter('cache'));
  next.spec.links = [
    ...(next.spec.links ?? []),
    { from: 'shop-api', to: 'cache' },
  ];
  const r = validateStack(next);
  if (!r.ok) throw new Error(r.issues.map(i => i.message).join('\n'));
  return r.stack;
}

async function runEdit(
  design: { stack: unknown; baseSha: string },
  user?: string,
  repoUrl = 'github.com?owner=acme&repo=shop-api',
) {
  const { task, log, output } = await runTask(
    () => as(user),
    'template:default/edit-stack',
    { entityRef: 'component:default/shop-api', repoUrl, design },
  );
  return { status: task.status as string, log, output };
}

const repo = () => github.repos.get(SLUG)!;
const writes = () =>
  github.calls.filter(c => !c.startsWith('GET ')).filter(c => c.includes(SLUG));

beforeAll(async () => {
  listenOutsideLoopback(server);
  github = new FakeGithub();
  github.seed(SLUG, {
    topics: ['idp-managed', 'idp-system-shop'],
    files: {
      'catalog-info.yaml': CATALOG_INFO,
      'stack.yaml': SEED_STACK_TEXT,
      'README.md': '# shop-api\n',
      ...Object.fromEntries(
        generateManifests(seedStack).map(f => [f.path, f.content]),
      ),
      [PIN]: PIN_TEXT,
      // Left over from a component removed by hand: regeneration deletes it.
      [STALE]:
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: worker }\n',
    },
  });
  seedCommit = repo().refs.get('refs/heads/main')!;
  server.use(...github.handlers());
  app = await startScaffolderBackend({
    allow: ['Component', 'Template', 'Group'],
    locations: [
      {
        type: 'file',
        target: path.join(ROOT, 'templates/edit-stack/template.yaml'),
      },
      {
        type: 'url',
        target: `https://github.com/${SLUG}/blob/main/catalog-info.yaml`,
      },
    ],
    entities: ['template/default/edit-stack', 'component/default/shop-api'],
  });
});
afterAll(() => server.close());

beforeEach(() => {
  // main back at the seed commit, no branches or pull requests left over
  repo().refs = new Map([['refs/heads/main', seedCommit]]);
  github.pulls.clear();
  github.failPulls = undefined;
});

it('adding a linked Redis opens a pull request: a branch, one commit with stack.yaml and the regenerated tree, the summary, the pin untouched', async () => {
  const before = github.calls.length;
  const { status, log, output } = await runEdit({
    stack: withRedis(),
    baseSha: seedCommit,
  });
  if (status !== 'completed') throw new Error(`task ${status}:\n${log}`);
  expect(output.links[0]).toEqual({
    title: 'Pull request',
    url: `https://github.com/${SLUG}/pull/1`,
  });

  const [pull] = github.pulls.get(SLUG)!;
  expect(pull).toMatchObject({ base: 'main', title: 'Edit stack shop-api' });
  expect(pull.head).toMatch(/^idp\/edit-stack-[0-9a-f]{12}$/);
  expect(repo().refs.get(`refs/heads/${pull.head}`)).toBe(pull.headSha);
  // one commit on top of main, which did not move
  expect(github.commit(pull.headSha)!.parents).toEqual([seedCommit]);
  expect(repo().refs.get('refs/heads/main')).toBe(seedCommit);
  // git data API only: one tree, one commit, one ref, one pull request
  expect(
    github.calls
      .slice(before)
      .filter(c => !c.startsWith('GET '))
      .map(c => c.replace(/\/repos\/acme\/shop-api/, '')),
  ).toEqual([
    'POST /git/trees',
    'POST /git/commits',
    'POST /git/refs',
    'POST /pulls',
  ]);

  const files = github.filesAt(pull.headSha);
  const expected = [
    ['stack.yaml', serializeStack(withRedis())],
    // Pin files are data (`preserve`): the edit keeps the repository's own.
    ...generateManifests(withRedis())
      .filter(f => !f.preserve)
      .map(f => [f.path, f.content]),
  ];
  for (const [p, content] of expected)
    expect([p, files.get(p)]).toEqual([p, content]);
  expect([...files.keys()].some(p => p.startsWith('deploy/base/cache/'))).toBe(
    true,
  );
  // the pin, the README and catalog-info.yaml as they were; the stale file removed
  expect(files.get(PIN)).toBe(PIN_TEXT);
  expect(files.get('README.md')).toBe('# shop-api\n');
  expect(files.get('catalog-info.yaml')).toBe(CATALOG_INFO);
  expect(files.has(STALE)).toBe(false);

  // the description: objects per environment and the files
  for (const env of ['dev', 'stage', 'prod']) {
    expect(pull.body).toContain(`### ${env}\n`);
  }
  expect(pull.body).toMatch(/- Added \(\d+\): .*`Service\/cache`/);
  expect(pull.body).toContain('- Changed (');
  expect(pull.body).toContain('`Deployment/shop-api`');
  // the summary compares the two models; the stale file is only in the file list
  expect(pull.body).not.toContain('- Removed');
  expect(pull.body).toContain(`- \`${STALE}\` (removed)`);
  expect(pull.body).toContain(
    'by `user:default/mock` for `component:default/shop-api`',
  );
  expect(pull.body).not.toContain(PIN);
  expect(output.text[0].content).toContain('### prod');
  // eslint-disable-next-line no-console
  if (process.env.PRINT_PR) console.log(pull.body);
});

it('switching to rendered manifests renders deploy/rendered/<env> from the committed pins, not the initial ones', async () => {
  const next = withRedis();
  next.spec.deploy = { render: 'manifests' };
  const { status, log } = await runEdit({ stack: next, baseSha: seedCommit });
  if (status !== 'completed') throw new Error(`task ${status}:\n${log}`);
  const [pull] = github.pulls.get(SLUG)!;
  const files = github.filesAt(pull.headSha);
  const expected = generateManifests(next, { prod: PIN_TEXT }).filter(f =>
    f.path.startsWith('deploy/rendered/'),
  );
  expect(expected.map(f => f.path).sort()).toEqual([
    'deploy/rendered/dev/manifests.yaml',
    'deploy/rendered/prod/manifests.yaml',
    'deploy/rendered/stage/manifests.yaml',
  ]);
  for (const f of expected)
    expect([f.path, files.get(f.path)]).toEqual([f.path, f.content]);
  expect(files.get('deploy/rendered/prod/manifests.yaml')).not.toContain(
    '0.0.0-unpromoted',
  );
  expect(files.get(PIN)).toBe(PIN_TEXT);
});

it('builds on a main that moved in other files since the designer loaded, keeping that change', async () => {
  const moved = github.commitOnMain(SLUG, {
    'README.md': '# shop-api\n\nSomeone else was here.\n',
    [PIN]: PIN_TEXT.replace('sha-4f2a9c1', 'sha-77e0b3d'), // a promotion
  });
  const { status, log } = await runEdit({
    stack: withRedis(),
    baseSha: seedCommit,
  });
  if (status !== 'completed') throw new Error(`task ${status}:\n${log}`);
  expect(log).toContain(`moved from ${seedCommit} to ${moved}`);
  const [pull] = github.pulls.get(SLUG)!;
  expect(github.commit(pull.headSha)!.parents).toEqual([moved]);
  const files = github.filesAt(pull.headSha);
  expect(files.get('README.md')).toContain('Someone else was here.');
  expect(files.get(PIN)).toContain('sha-77e0b3d');
  expect(files.get('stack.yaml')).toBe(serializeStack(withRedis()));
  expect(pull.body).toContain(`Loaded at ${seedCommit}`);
});

it('refuses when main changed a file the edit also changes, naming it, and creates nothing', async () => {
  github.commitOnMain(SLUG, {
    'deploy/base/shop-api/deployment.yaml': 'edited by hand\n',
    'stack.yaml': `${SEED_STACK_TEXT}# a comment\n`,
  });
  const before = writes().length;
  const { status, log } = await runEdit({
    stack: withRedis(),
    baseSha: seedCommit,
  });
  expect(status).toBe('failed');
  expect(log).toContain('ConflictError');
  expect(log).toContain(
    'changed files this edit also changes: deploy/base/shop-api/deployment.yaml, stack.yaml',
  );
  expect(writes().length).toBe(before);
  expect([...repo().refs.keys()]).toEqual(['refs/heads/main']);
  expect(github.pulls.get(SLUG)).toBeUndefined();
});

it('a no-op edit opens no pull request and says so; the file keeps its comment', async () => {
  // the seed's stale file would be removed: a main without it
  const clean = github.commitOnMain(SLUG, { [STALE]: null });
  const before = writes().length;
  const { status, log, output } = await runEdit({
    stack: seedStack,
    baseSha: clean,
  });
  if (status !== 'completed') throw new Error(`task ${status}:\n${log}`);
  expect(log).toContain(
    'No change: stack.yaml and deploy/ of acme/shop-api already match the edited stack; no pull request opened',
  );
  expect(writes().length).toBe(before);
  expect(repo().refs.size).toBe(1);
  expect(github.pulls.get(SLUG)).toBeUndefined();
  expect(output.links[0]).toEqual({ title: 'Pull request' }); // no url: not shown
  expect(output.text[0].content).toContain('### dev\n\nNo object changes.');
});

it('refuses a user who does not own the entity, with the entity named and nothing created', async () => {
  const before = writes().length;
  const { status, log } = await runEdit(
    { stack: withRedis(), baseSha: seedCommit },
    'user:default/eve',
  );
  expect(status).toBe('failed');
  expect(log).toContain(
    'NotAllowedError: user:default/eve may not propose a stack change for component:default/shop-api (permission stack.change.propose',
  );
  expect(writes().length).toBe(before);
  expect([...repo().refs.keys()]).toEqual(['refs/heads/main']);
});

it('deletes its branch again when GitHub refuses the pull request', async () => {
  github.failPulls = 422;
  const { status, log } = await runEdit({
    stack: withRedis(),
    baseSha: seedCommit,
  });
  expect(status).toBe('failed');
  expect(log).toMatch(
    /GitHub answered 422 while trying to open a pull request from idp\/edit-stack-[0-9a-f]{12}.*; branch idp\/edit-stack-[0-9a-f]{12} was deleted again, nothing was left in acme\/shop-api/,
  );
  expect([...repo().refs.keys()]).toEqual(['refs/heads/main']);
});

it('refuses an invalid stack naming the field and the rule, a repository outside the allow-list, and an unknown base commit', async () => {
  const bad = structuredClone(withRedis()) as any;
  bad.spec.links.push({ from: 'shop-api', to: 'nowhere' });
  const invalid = await runEdit({ stack: bad, baseSha: seedCommit });
  expect(invalid.status).toBe('failed');
  expect(invalid.log).toMatch(
    /stack: spec\.links\[2\]\.to: .*nowhere.*\[link-target\]/,
  );

  const foreign = await runEdit(
    { stack: withRedis(), baseSha: seedCommit },
    undefined,
    'github.com?owner=evil&repo=shop-api',
  );
  expect(foreign.status).toBe('failed');
  expect(foreign.log).toContain(
    'repoUrl: GitHub owner "evil" is not one this portal publishes to',
  );

  const unknown = await runEdit({
    stack: withRedis(),
    baseSha: 'f'.repeat(40),
  });
  expect(unknown.status).toBe('failed');
  expect(unknown.log).toContain(
    `baseSha: commit ${'f'.repeat(40)} is not in acme/shop-api`,
  );
  expect(github.pulls.get(SLUG)).toBeUndefined();
});
