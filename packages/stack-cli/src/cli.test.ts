import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const BIN = path.resolve(__dirname, '../bin/stack');
const FIXTURES = path.resolve(__dirname, '../../../plugins/stack-common/fixtures');

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
    expect(stack('validate', path.join(FIXTURES, 'fullstack.yaml'))).toMatchObject({ code: 0, stdout: expect.stringContaining('valid (7 components, 8 links)') });
    const bad = path.join(dir, 'stack.yaml');
    fs.writeFileSync(bad, fs.readFileSync(path.join(FIXTURES, 'single-node.yaml'), 'utf8').replace('type: nodejs', 'type: nodejs\n      port: 70000\n      replicas: -1'));
    const r = stack('validate', bad);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toContain('(2 issues)');
    expect(r.stderr).toContain('spec.components[0].port: 70000 is outside 1–65535  [port]');
    expect(r.stderr).toContain('spec.components[0].replicas: -1 is outside 0–100  [range]');
  });

  it('reports usage and file errors with exit code 2', () => {
    expect(stack('frobnicate')).toMatchObject({ code: 2, stderr: expect.stringContaining('unknown command frobnicate') });
    expect(stack('validate', path.join(dir, 'nope.yaml'))).toMatchObject({ code: 2, stderr: expect.stringContaining('ENOENT') });
    expect(stack()).toMatchObject({ code: 2, stderr: expect.stringContaining('missing command') });
  });

  it('generates, then check passes, then shows a diff and exits 3 on drift', () => {
    fs.copyFileSync(path.join(FIXTURES, 'fastapi-postgres.yaml'), path.join(dir, 'stack.yaml'));
    const g = stack('generate', path.join(dir, 'stack.yaml'), '-o', dir);
    expect(g.code).toBe(0);
    expect(fs.existsSync(path.join(dir, 'deploy/overlays/prod/kustomization.yaml'))).toBe(true);
    expect(stack('check', dir)).toMatchObject({ code: 0, stdout: expect.stringContaining('matches stack.yaml') });

    const deployment = path.join(dir, 'deploy/base/ledger-api/deployment.yaml');
    fs.writeFileSync(deployment, fs.readFileSync(deployment, 'utf8').replace('maxUnavailable: 0', 'maxUnavailable: 3'));
    fs.writeFileSync(path.join(dir, 'deploy/base/extra.yaml'), 'kind: ConfigMap\n');
    fs.rmSync(path.join(dir, 'deploy/overlays/dev/namespace.yaml'));
    const c = stack('check', dir);
    expect(c.code).toBe(3);
    expect(c.stdout).toContain('--- deploy/base/ledger-api/deployment.yaml (committed)');
    expect(c.stdout).toContain('-      maxUnavailable: 3');
    expect(c.stdout).toContain('+      maxUnavailable: 0');
    expect(c.stdout).toContain('only in');
    expect(c.stdout).toContain('deploy/base/extra.yaml');
    expect(c.stdout).toContain('missing in');
    expect(c.stderr).toContain('has drifted');

    // generate repairs it, stale files included
    expect(stack('generate', path.join(dir, 'stack.yaml'), '-o', dir).code).toBe(0);
    expect(stack('check', dir).code).toBe(0);
  });
});
