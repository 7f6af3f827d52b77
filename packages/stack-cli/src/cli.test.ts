import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/stack');
const FIXTURES = path.resolve(
  __dirname,
  '../../../plugins/stack-common/fixtures',
);

function stack(...args: string[]) {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('stack CLI (real process)', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-cli-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('prints help with the exit codes', () => {
    const r = stack('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('stack <command>');
    expect(r.stdout).toContain('3  check: committed manifests have drifted');
  });

  it('validates a good stack and lists every issue of a bad one on stderr', () => {
    expect(
      stack('validate', path.join(FIXTURES, 'fullstack.yaml')),
    ).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('valid (7 components, 8 links)'),
    });
    const bad = path.join(dir, 'stack.yaml');
    fs.writeFileSync(
      bad,
      fs
        .readFileSync(path.join(FIXTURES, 'single-node.yaml'), 'utf8')
        .replace(
          'type: nodejs',
          'type: nodejs\n      port: 70000\n      replicas: -1',
        ),
    );
    const r = stack('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('(2 issues)');
    expect(r.stderr).toContain(
      'spec.components[0].port: 70000 is outside 1–65535  [port]',
    );
    expect(r.stderr).toContain(
      'spec.components[0].replicas: -1 is outside 0–100  [range]',
    );
  });

  it('reports usage and file errors with exit code 2', () => {
    expect(stack('frobnicate')).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('unknown command frobnicate'),
    });
    expect(stack('validate', path.join(dir, 'nope.yaml'))).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('ENOENT'),
    });
    expect(stack()).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('missing command'),
    });
  });

  it("validate --systems warns (exit 0) where the system registry does not carry the stack's policies", () => {
    const systems = path.resolve(__dirname, '../../../argocd/systems');
    expect(
      stack(
        'validate',
        path.join(FIXTURES, 'fastapi-postgres.yaml'),
        '--systems',
        systems,
      ),
    ).toMatchObject({ code: 0, stderr: '' });
    const drifted = path.join(dir, 'stack.yaml');
    fs.writeFileSync(
      drifted,
      fs
        .readFileSync(path.join(FIXTURES, 'fastapi-postgres.yaml'), 'utf8')
        .replace('manualApproval: true', 'manualApproval: false'),
    );
    const r = stack('validate', drifted, '--systems', systems);
    expect(r.code).toBe(0);
    expect(r.stderr).toContain(
      "warning: spec.environments.prod.policies.manualApproval: false is not what system finance registers (true); the registry's value applies",
    );
    expect(
      stack('validate', drifted, '--systems', path.join(dir, 'none')),
    ).toMatchObject({
      code: 2,
      stderr: expect.stringContaining('cannot read the system registry'),
    });
  });

  it('generates, then check passes, then shows a diff and exits 3 on drift', () => {
    fs.copyFileSync(
      path.join(FIXTURES, 'fastapi-postgres.yaml'),
      path.join(dir, 'stack.yaml'),
    );
    const g = stack('generate', path.join(dir, 'stack.yaml'), '-o', dir);
    expect(g.code).toBe(0);
    expect(
      fs.existsSync(path.join(dir, 'deploy/overlays/prod/kustomization.yaml')),
    ).toBe(true);
    expect(stack('check', dir)).toMatchObject({
      code: 0,
      stdout: expect.stringContaining('matches stack.yaml'),
    });

    const deployment = path.join(dir, 'deploy/base/ledger-api/deployment.yaml');
    fs.writeFileSync(
      deployment,
      fs
        .readFileSync(deployment, 'utf8')
        .replace('maxUnavailable: 0', 'maxUnavailable: 3'),
    );
    fs.writeFileSync(
      path.join(dir, 'deploy/base/extra.yaml'),
      'kind: ConfigMap\n',
    );
    fs.rmSync(path.join(dir, 'deploy/overlays/dev/kustomization.yaml'));
    const c = stack('check', dir);
    expect(c.code).toBe(3);
    expect(c.stdout).toContain(
      '--- deploy/base/ledger-api/deployment.yaml (committed)',
    );
    expect(c.stdout).toContain('-      maxUnavailable: 3');
    expect(c.stdout).toContain('+      maxUnavailable: 0');
    expect(c.stdout).toContain('only in');
    expect(c.stdout).toContain('deploy/base/extra.yaml');
    expect(c.stdout).toContain('missing in');
    expect(c.stderr).toContain('has drifted');

    // generate repairs it, stale files included
    expect(
      stack('generate', path.join(dir, 'stack.yaml'), '-o', dir).code,
    ).toBe(0);
    expect(stack('check', dir).code).toBe(0);
  });

  describe('stays inside the repository', () => {
    let outside: string;
    /** Every file below `outside` with its content and mtime. */
    const snapshot = () => {
      const files: Record<string, string> = {};
      const walk = (d: string) => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
          const p = path.join(d, e.name);
          if (e.isDirectory()) walk(p);
          else
            files[path.relative(outside, p)] = `${fs.readFileSync(p, 'utf8')}@${
              fs.statSync(p).mtimeMs
            }`;
        }
      };
      walk(outside);
      return files;
    };
    beforeEach(() => {
      outside = fs.mkdtempSync(path.join(os.tmpdir(), 'stack-cli-outside-'));
      fs.mkdirSync(path.join(outside, 'base'));
      fs.writeFileSync(path.join(outside, 'base/old.yaml'), 'SENTINEL: old\n');
      fs.writeFileSync(
        path.join(outside, 'secret.yaml'),
        'SENTINEL: do-not-print\n',
      );
      fs.copyFileSync(
        path.join(FIXTURES, 'fastapi-postgres.yaml'),
        path.join(dir, 'stack.yaml'),
      );
    });
    afterEach(() => fs.rmSync(outside, { recursive: true, force: true }));

    it('refuses a symlinked deploy/: generate neither writes nor deletes through it, check prints nothing from it', () => {
      fs.symlinkSync(outside, path.join(dir, 'deploy'));
      const before = snapshot();
      const g = stack('generate', path.join(dir, 'stack.yaml'), '-o', dir);
      expect(g).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(
          'deploy is a symbolic link; stack reads and writes only inside',
        ),
      });
      const c = stack('check', dir);
      expect(c).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('deploy is a symbolic link'),
      });
      expect(c.stdout + c.stderr).not.toContain('SENTINEL');
      expect(snapshot()).toEqual(before);
    });

    it('refuses a symlinked file under deploy/ before changing anything', () => {
      expect(
        stack('generate', path.join(dir, 'stack.yaml'), '-o', dir).code,
      ).toBe(0);
      const link = path.join(dir, 'deploy/base/ledger-api/deployment.yaml');
      fs.rmSync(link);
      fs.symlinkSync(path.join(outside, 'secret.yaml'), link);
      fs.symlinkSync(
        path.join(outside, 'base/old.yaml'),
        path.join(dir, 'deploy/base/stale.yaml'),
      );
      const before = snapshot();
      const c = stack('check', dir);
      expect(c).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(
          'deploy/base/ledger-api/deployment.yaml is a symbolic link',
        ),
      });
      expect(c.stdout + c.stderr).not.toContain('SENTINEL');
      const g = stack('generate', path.join(dir, 'stack.yaml'), '-o', dir);
      expect(g).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('is a symbolic link'),
      });
      expect(snapshot()).toEqual(before);
      // nothing was written or removed in the repository either
      expect(fs.lstatSync(link).isSymbolicLink()).toBe(true);
      expect(
        fs.lstatSync(path.join(dir, 'deploy/base/stale.yaml')).isSymbolicLink(),
      ).toBe(true);
    });

    it('refuses a symlinked stack.yaml', () => {
      fs.rmSync(path.join(dir, 'stack.yaml'));
      fs.copyFileSync(
        path.join(FIXTURES, 'fastapi-postgres.yaml'),
        path.join(outside, 'stack.yaml'),
      );
      fs.symlinkSync(
        path.join(outside, 'stack.yaml'),
        path.join(dir, 'stack.yaml'),
      );
      expect(stack('validate', path.join(dir, 'stack.yaml'))).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(
          'it is a symbolic link; stack follows no links',
        ),
      });
      expect(stack('check', dir)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining('it is a symbolic link'),
      });
    });

    it('writes atomically: a file hard-linked to one outside is replaced, not written through, and no temporary file is left', () => {
      expect(
        stack('generate', path.join(dir, 'stack.yaml'), '-o', dir).code,
      ).toBe(0);
      const target = path.join(dir, 'deploy/base/ledger-api/deployment.yaml');
      fs.rmSync(target);
      fs.linkSync(path.join(outside, 'secret.yaml'), target);
      const before = snapshot();
      // check will not read a file that has another name
      expect(stack('check', dir)).toMatchObject({
        code: 2,
        stderr: expect.stringContaining(
          'deploy/base/ledger-api/deployment.yaml has 2 hard links',
        ),
      });
      expect(
        stack('generate', path.join(dir, 'stack.yaml'), '-o', dir).code,
      ).toBe(0);
      expect(snapshot()).toEqual(before);
      expect(fs.statSync(target).nlink).toBe(1);
      expect(stack('check', dir).code).toBe(0);
      const all = fs.readdirSync(path.join(dir, 'deploy'), {
        recursive: true,
      }) as string[];
      expect(all.filter(f => f.endsWith('.tmp'))).toEqual([]);
    });
  });

  describe('hostile stack.yaml', () => {
    it('reports an alias bomb as invalid (exit 1), naming the file and the rule', () => {
      const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x]'];
      for (let i = 1; i < 9; i++)
        lines.push(
          `a${i}: &a${i} [${Array(9)
            .fill(`*a${i - 1}`)
            .join(', ')}]`,
        );
      const bomb = path.join(dir, 'stack.yaml');
      fs.writeFileSync(bomb, `${lines.join('\n')}\n`);
      for (const r of [stack('validate', bomb), stack('check', dir)]) {
        expect(r.code).toBe(1);
        expect(r.stderr).toContain(`${bomb} is not a valid stack (1 issue):`);
        expect(r.stderr).toContain(
          'Excessive alias count indicates a resource exhaustion attack; at most 100 alias resolutions are allowed  [yaml-aliases]',
        );
      }
    });

    it('refuses a stack.yaml over 512 KiB before parsing it, saying the limit', () => {
      const big = path.join(dir, 'stack.yaml');
      fs.writeFileSync(big, `# ${'x'.repeat(600 * 1024)}\n`);
      const r = stack('validate', big);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain(
        `${big} is not a valid stack (1 issue):\n  (root): stack.yaml is ${
          600 * 1024 + 3
        } bytes; the limit is 524288 bytes (512 KiB)  [yaml-size]`,
      );
    });
  });
});
