import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';

const BIN = path.resolve(__dirname, '../bin/stack');
const WORKFLOW = path.resolve(
  __dirname,
  '../../../templates/nodejs-service/skeleton/.github/workflows/ci.yaml',
);
const SHA = '0123456789abcdef0123456789abcdef01234567';
const STACK = `apiVersion: idp.platform/v1alpha1
kind: Stack
metadata:
  name: shop
  system: hello
  owner: group:platform
spec:
  components:
    - name: shop
      type: nodejs
`;

function stack(cwd: string, ...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}
const git = (cwd: string, ...args: string[]) =>
  execFileSync('git', args, { cwd, encoding: 'utf8' });
function commitAll(cwd: string, message: string) {
  git(cwd, 'add', '-A');
  git(
    cwd,
    '-c',
    'user.name=t',
    '-c',
    'user.email=t@x',
    'commit',
    '-qm',
    message,
  );
}
/** Sets the first pin of `env` in its file directly, as a person editing it would. */
function editPinByHand(dir: string, env: string, tag: string) {
  const file = path.join(
    dir,
    `deploy/overlays/${env}/images/kustomization.yaml`,
  );
  fs.writeFileSync(
    file,
    fs.readFileSync(file, 'utf8').replace(/newTag: .*/, `newTag: ${tag}`),
  );
}

/**
 * The golden path's CI image flow on a generated repository, with the bump
 * step taken from the nodejs-service skeleton's workflow itself (only `npx`
 * replaced by this CLI and `git push` dropped).
 */
describe('CI image flow on a generated repository', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-flow-'));
    fs.writeFileSync(path.join(dir, 'stack.yaml'), STACK);
    const generated = stack(dir, 'generate', 'stack.yaml');
    if (generated.code !== 0) throw new Error(generated.stderr);
    git(dir, 'init', '-q', '-b', 'main');
    commitAll(dir, 'initial');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('bumps dev as the workflow does; check passes; generate keeps the pin; a stage promotion changes only the stage pin', () => {
    const workflow = parse(
      fs
        .readFileSync(WORKFLOW, 'utf8')
        .replace(/\{%.*%\}/g, '')
        .replace(/\$\{\{ values\.name \}\}/g, 'shop'),
    );
    const steps = Object.values<any>(workflow.jobs).flatMap(j => j.steps);
    const bump = steps.find(s => /stack-cli@[\d.]+ pin/.test(s.run ?? ''));
    expect(workflow.on.push['paths-ignore']).toEqual([
      'deploy/overlays/dev/images/**',
      'deploy/rendered/dev/**',
    ]);
    const script = (bump.run as string)
      .replace(
        /npx --yes @idp-stack\/stack-cli@[\d.]+/,
        `"${process.execPath}" "${BIN}"`,
      )
      .replace(/^git push$/m, '');
    execFileSync('bash', ['-euo', 'pipefail', '-c', script], {
      cwd: dir,
      env: { ...process.env, IMAGE: workflow.env.IMAGE, GITHUB_SHA: SHA },
    });
    expect(git(dir, 'show', '--name-only', '--format=%s', 'HEAD').trim()).toBe(
      `deploy(dev): ${SHA.slice(
        0,
        7,
      )}\n\ndeploy/overlays/dev/images/kustomization.yaml`,
    );
    const devPins = fs.readFileSync(
      path.join(dir, 'deploy/overlays/dev/images/kustomization.yaml'),
      'utf8',
    );
    expect(devPins).toContain(
      `  - name: registry.internal/shop/shop\n    newTag: sha-${SHA}\n`,
    );

    expect(stack(dir, 'check', '.')).toMatchObject({ code: 0 });
    const gen = stack(dir, 'generate', 'stack.yaml');
    expect(gen.stdout).toContain('kept 3 image pin files');
    expect(git(dir, 'status', '--porcelain')).toBe('');

    // Promotion to stage: the same immutable tag, one file.
    expect(stack(dir, 'pin', '.', 'stage', `shop=sha-${SHA}`).code).toBe(0);
    expect(git(dir, 'status', '--porcelain').trim()).toBe(
      'M deploy/overlays/stage/images/kustomization.yaml',
    );
    expect(stack(dir, 'check', '.').code).toBe(0);
  });

  it('refuses a mutable tag in stage and prod, in `pin` and in a hand-edited pin file', () => {
    expect(stack(dir, 'pin', '.', 'dev', 'shop=main').code).toBe(0);
    const r = stack(dir, 'pin', '.', 'prod', 'shop=latest');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('prod shop: tag "latest" is mutable');
    editPinByHand(dir, 'stage', 'main');
    const check = stack(dir, 'check', '.');
    expect(check.code).toBe(1);
    expect(check.stderr).toContain(
      'deploy/overlays/stage/images/kustomization.yaml: images[0] tag "main" is mutable',
    );
    expect(check.stderr).toContain('[mutable-pin]');
  });

  it('a deleted pin file is drift that generate restores; an unknown component is a usage error', () => {
    fs.rmSync(path.join(dir, 'deploy/overlays/prod/images/kustomization.yaml'));
    const check = stack(dir, 'check', '.');
    expect(check.code).toBe(3);
    expect(check.stdout).toContain(
      'missing in .: deploy/overlays/prod/images/kustomization.yaml',
    );
    expect(stack(dir, 'generate', 'stack.yaml').code).toBe(0);
    expect(stack(dir, 'check', '.').code).toBe(0);
    expect(stack(dir, 'pin', '.', 'dev', 'nope=sha-abc1234')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining(
        'for a component built from this repository (shop)',
      ),
    });
  });

  it('deploy.render: manifests: pin re-renders its environment in the same change, check reports a render that does not match the pins, generate renders from the committed pins', () => {
    fs.writeFileSync(
      path.join(dir, 'stack.yaml'),
      `${STACK}  deploy:\n    render: manifests\n`,
    );
    expect(stack(dir, 'generate', 'stack.yaml').code).toBe(0);
    const rendered = (env: string) =>
      fs.readFileSync(
        path.join(dir, `deploy/rendered/${env}/manifests.yaml`),
        'utf8',
      );
    // A plain-manifests directory: no kustomization.yaml for Argo CD to detect.
    expect(fs.readdirSync(path.join(dir, 'deploy/rendered/dev'))).toEqual([
      'manifests.yaml',
    ]);
    expect(rendered('dev')).toContain(
      'image: registry.internal/shop/shop:0.0.0-unpromoted',
    );
    commitAll(dir, 'render');

    const pinned = stack(dir, 'pin', '.', 'dev', `shop=sha-${SHA}`);
    expect(pinned.stdout).toContain(
      're-rendered deploy/rendered/dev/manifests.yaml',
    );
    expect(
      git(dir, 'status', '--porcelain')
        .trim()
        .split('\n')
        .map(l => l.trim()),
    ).toEqual([
      'M deploy/overlays/dev/images/kustomization.yaml',
      'M deploy/rendered/dev/manifests.yaml',
    ]);
    expect(rendered('dev')).toContain(
      `image: registry.internal/shop/shop:sha-${SHA}`,
    );
    expect(rendered('stage')).not.toContain(SHA);
    expect(stack(dir, 'check', '.').code).toBe(0);

    // A pin edited by hand without re-rendering: the render no longer matches the pins.
    editPinByHand(dir, 'prod', '1.2.3');
    const drift = stack(dir, 'check', '.');
    expect(drift.code).toBe(3);
    expect(drift.stdout).toContain(
      '--- deploy/rendered/prod/manifests.yaml (committed)',
    );
    expect(drift.stdout).toMatch(
      /^\+\s+image: registry\.internal\/shop\/shop:1\.2\.3$/m,
    );
    expect(stack(dir, 'generate', 'stack.yaml').code).toBe(0);
    expect(rendered('prod')).toContain(
      'image: registry.internal/shop/shop:1.2.3',
    );
    expect(rendered('dev')).toContain(`shop:sha-${SHA}`);
    expect(stack(dir, 'check', '.').code).toBe(0);
  });
});
