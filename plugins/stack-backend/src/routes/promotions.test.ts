import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import request from 'supertest';
import { mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  commitTag,
  generateManifests,
  imagePinsPath,
  parseStackYaml,
  renderedManifestsPath,
  setImagePin,
} from '@idp-stack/plugin-stack-common';
import { fakeGithubContents } from '../__testUtils__/githubContents';
import { fakeGithubPromotions } from '../__testUtils__/githubPromotions';
import { workflowRun } from '../__testUtils__/githubFixtures';
import { startStackBackend } from '../__testUtils__/startStackBackend';

jest.setTimeout(30_000);

const STACK_YAML = `apiVersion: idp.platform/v1alpha1
kind: Stack
metadata:
  name: payments-api
  system: commerce
  owner: group:payments-team
spec:
  components:
    - name: payments-api
      type: nodejs
`;
const stack = (parseStackYaml(STACK_YAML) as any).stack;
const IMAGE = 'registry.internal/payments-api/payments-api';
const GOOD = 'a1'.repeat(20);
const FAILED = 'f0'.repeat(20);
const runs = [
  workflowRun({
    id: 501,
    owner: 'acme',
    repo: 'payments-api',
    workflow: 'ci',
    headSha: GOOD,
  }),
  workflowRun({
    id: 502,
    owner: 'acme',
    repo: 'payments-api',
    workflow: 'ci',
    headSha: FAILED,
    conclusion: 'failure',
  }),
];
/** The repository's pin files as `stack generate` wrote them, dev already running GOOD. */
function pinFiles(stageTag?: string) {
  const files = Object.fromEntries(
    generateManifests(stack)
      .filter(f => f.preserve)
      .map(f => [f.path, f.content]),
  );
  files[imagePinsPath('dev')] = setImagePin(
    files[imagePinsPath('dev')],
    IMAGE,
    {
      newTag: commitTag(GOOD),
    },
  );
  if (stageTag)
    files[imagePinsPath('stage')] = setImagePin(
      files[imagePinsPath('stage')],
      IMAGE,
      {
        newTag: stageTag,
      },
    );
  return files;
}
const RENDERED_STACK_YAML = `${STACK_YAML}  deploy:\n    render: manifests\n`;
const renderedStack = (parseStackYaml(RENDERED_STACK_YAML) as any).stack;
/** deploy/rendered/<env>/manifests.yaml as `stack generate` renders them from `pins`. */
function renderedFiles(pins: Record<string, string>) {
  const pinOf = (env: string) => pins[imagePinsPath(env)];
  return Object.fromEntries(
    generateManifests(renderedStack, {
      dev: pinOf('dev'),
      stage: pinOf('stage'),
      prod: pinOf('prod'),
    })
      .filter(f => f.path.startsWith('deploy/rendered/'))
      .map(f => [f.path, f.content]),
  );
}
const SYSTEMS = join(__dirname, '../../../../argocd/systems');
const registry = Object.fromEntries(
  readdirSync(SYSTEMS).map(f => [
    `acme/idp-platform/main/argocd/systems/${f}`,
    readFileSync(join(SYSTEMS, f), 'utf8'),
  ]),
);

describe('promotions', () => {
  let t: Awaited<ReturnType<typeof startStackBackend>>;
  let gh: ReturnType<typeof fakeGithubPromotions>;
  const asked: string[] = [];
  afterEach(() => t?.stop());

  async function start(
    opts: { stageTag?: string; deny?: string[]; rendered?: boolean } = {},
  ) {
    asked.length = 0;
    const permissions = mockServices.permissions.mock({
      authorize: async requests =>
        requests.map(r => {
          asked.push(r.permission.name);
          return {
            result: opts.deny?.includes(r.permission.name)
              ? AuthorizeResult.DENY
              : AuthorizeResult.ALLOW,
          };
        }),
    });
    t = await startStackBackend({
      permissions: permissions.factory,
      stack: { systemRegistry: { repository: 'acme/idp-platform' } },
    });
    const pins = pinFiles(opts.stageTag);
    gh = fakeGithubPromotions('https://api.github.com', 'acme/payments-api', {
      runs,
      files: opts.rendered ? { ...pins, ...renderedFiles(pins) } : pins,
      mainSha: 'e'.repeat(40),
    });
    const contents = fakeGithubContents('https://api.github.com', {
      'acme/payments-api/main/stack.yaml': opts.rendered
        ? RENDERED_STACK_YAML
        : STACK_YAML,
      ...registry,
    });
    t.msw.use(...gh.handlers, ...contents.handlers);
  }
  const promote = (body: object) =>
    request(t.server)
      .post('/api/stack/promotions')
      .set('Authorization', t.auth())
      .send({ entityRef: 'component:default/payments-api', ...body });

  it('a stage promotion is one pull request whose one commit changes only the stage pin', async () => {
    await start();
    const res = await promote({ runId: 501, environment: 'stage' });
    expect(res.status).toBe(201);
    const title = `Promote build #501 (${GOOD.slice(0, 7)}) from dev to stage`;
    expect(res.body).toMatchObject({
      title,
      environment: 'stage',
      pullRequest: {
        number: 100,
        url: 'https://github.com/acme/payments-api/pull/100',
      },
    });
    expect(gh.state.commits).toEqual([
      {
        branch: `promote/stage/${GOOD.slice(0, 7)}-501`,
        path: imagePinsPath('stage'),
        message: title,
      },
    ]);
    const branch = gh.state.trees.get(`promote/stage/${GOOD.slice(0, 7)}-501`)!;
    const main = gh.state.trees.get('main')!;
    const changed = [...branch.keys()].filter(
      p => branch.get(p) !== main.get(p),
    );
    expect(changed).toEqual([
      'deploy/overlays/stage/images/kustomization.yaml',
    ]);
    expect(branch.get(imagePinsPath('stage'))).toContain(`newTag: sha-${GOOD}`);
    expect(gh.state.pulls[0]).toMatchObject({
      title,
      base: 'main',
      team_reviewers: [],
    });
    expect(asked).toEqual(['stack.promote']);

    const open = await request(t.server)
      .get('/api/stack/promotions')
      .query({ entityRef: 'component:default/payments-api' })
      .set('Authorization', t.auth());
    expect(open.body.environments.stage).toEqual([
      expect.objectContaining({ number: 100, title }),
    ]);
    expect(open.body.environments.prod).toEqual([]);
  });

  it('a prod promotion asks the registry approvers for review, names the window, and needs stack.promote.approved', async () => {
    await start({ stageTag: commitTag(GOOD) });
    const res = await promote({ runId: 501, environment: 'prod' });
    expect(res.status).toBe(201);
    expect(gh.state.pulls[0].team_reviewers).toEqual(['commerce-leads']);
    expect(gh.state.pulls[0].body).toContain(
      'Required reviewers (system commerce, environments.prod.approvers): acme:commerce-leads.',
    );
    expect(gh.state.commits.map(c => c.path)).toEqual([imagePinsPath('prod')]);
    expect(asked).toEqual(['stack.promote.approved']);
  });

  it('refuses a failed build, a build not yet in the previous environment, and a user without the permission, changing nothing', async () => {
    await start({ deny: ['stack.promote.approved'] });
    const failed = await promote({ runId: 502, environment: 'stage' });
    expect(failed.status).toBe(409);
    expect(failed.body.error.message).toBe(
      `build #502 (${FAILED.slice(
        0,
        7,
      )}) is failure: only a successful build can be promoted`,
    );
    const skip = await promote({ runId: 501, environment: 'prod' });
    expect(skip.status).toBe(403);
    expect(skip.body.error.message).toContain('stack.promote.approved');
    expect(gh.state.commits).toEqual([]);
    expect(gh.state.pulls).toEqual([]);
    expect(gh.state.branches.size).toBe(1);
  });

  it('prod needs the build to run in stage first; bad input names the field', async () => {
    await start();
    const res = await promote({ runId: 501, environment: 'prod' });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toContain(
      'is not what stage runs: promote it to stage first',
    );
    expect(
      (await promote({ runId: 501, environment: 'dev' })).body.error.message,
    ).toBe('environment must be stage or prod');
    expect(
      (await promote({ runId: 'x', environment: 'stage' })).body.error.message,
    ).toBe('runId must be a positive integer');
    expect(gh.state.pulls).toEqual([]);
  });

  it('a stack with rendered manifests: the pull request changes the stage pin and the stage render, nothing else, the render equal to what stack generate writes', async () => {
    await start({ rendered: true });
    const res = await promote({ runId: 501, environment: 'stage' });
    expect(res.status).toBe(201);
    const branchName = `promote/stage/${GOOD.slice(0, 7)}-501`;
    expect(gh.state.commits.map(c => [c.branch, c.path])).toEqual([
      [branchName, imagePinsPath('stage')],
      [branchName, renderedManifestsPath('stage')],
    ]);
    const branch = gh.state.trees.get(branchName)!;
    const main = gh.state.trees.get('main')!;
    expect(
      [...branch.keys()].filter(p => branch.get(p) !== main.get(p)).sort(),
    ).toEqual([imagePinsPath('stage'), renderedManifestsPath('stage')].sort());
    const stagePins = branch.get(imagePinsPath('stage'))!;
    expect(branch.get(renderedManifestsPath('stage'))).toBe(
      renderedFiles({ [imagePinsPath('stage')]: stagePins })[
        renderedManifestsPath('stage')
      ],
    );
    expect(branch.get(renderedManifestsPath('stage'))).toContain(
      `image: ${IMAGE}:sha-${GOOD}`,
    );
    expect(gh.state.pulls[0].body).toContain(
      `and its render \`${renderedManifestsPath('stage')}\``,
    );
  });
});
