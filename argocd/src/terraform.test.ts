import { spawnSync } from 'child_process';
import {
  copyFileSync,
  rmSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { GITOPS_ROOT } from './manifestFiles';

/**
 * What of infra/ can be checked without downloading providers (no network here):
 * formatting and HCL syntax (`terraform fmt`), and the variable validation blocks
 * (a module holding only variables.tf needs no provider, so `terraform plan` runs
 * offline and evaluates them). `terraform validate` of the whole module cannot run.
 */
const INFRA = join(GITOPS_ROOT, '..', 'infra');
// An empty CLI config: no warning about a missing ~/.terraformrc in the output.
const scratch = mkdtempSync(join(tmpdir(), 'gitops-tf-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const CLI_CONFIG = join(scratch, 'terraformrc');
writeFileSync(CLI_CONFIG, '');

function terraform(args: string[], cwd: string) {
  const r = spawnSync('terraform', [...args, '-no-color'], {
    cwd,
    encoding: 'utf8',
    env: {
      ...process.env,
      TF_CLI_CONFIG_FILE: CLI_CONFIG,
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      CHECKPOINT_DISABLE: '1',
    },
  });
  return { status: r.status, output: `${r.stdout}${r.stderr}` };
}

describe('infra/ (Terraform for the kind cluster)', () => {
  it('is formatted: terraform fmt -check -recursive', () => {
    const r = terraform(['fmt', '-check', '-recursive', '-diff', INFRA], INFRA);
    expect(r.output).toBe('');
    expect(r.status).toBe(0);
  });

  it('the fmt check fails on a misformatted file (so the check above can fail)', () => {
    const dir = mkdtempSync(join(scratch, 'fmt-'));
    writeFileSync(join(dir, 'bad.tf'), 'variable "x" {\ntype=string\n}\n');
    expect(
      terraform(['fmt', '-check', '-recursive', dir], dir).status,
    ).not.toBe(0);
  });

  describe('variable validations', () => {
    const dir = mkdtempSync(join(scratch, 'vars-'));
    copyFileSync(join(INFRA, 'variables.tf'), join(dir, 'variables.tf'));
    const plan = (vars: Record<string, string>) =>
      terraform(
        [
          'plan',
          '-input=false',
          ...Object.entries(vars).flatMap(([k, v]) => ['-var', `${k}=${v}`]),
        ],
        dir,
      );

    beforeAll(() => {
      const init = terraform(['init', '-input=false', '-backend=false'], dir);
      if (init.status !== 0)
        throw new Error(`terraform init failed: ${init.output}`);
    });

    it('accepts the defaults and sensible overrides', () => {
      expect(plan({}).status).toBe(0);
      const r = plan({
        cluster_name: 'dev-1',
        node_image: `kindest/node:v1.31.4@sha256:${'a'.repeat(64)}`,
        listen_address: '0.0.0.0',
        http_host_port: '9080',
        https_host_port: '9443',
        kubeconfig_path: '~/.kube/dev-1',
        argocd_chart_version: '8.1.2',
      });
      expect(r.output).not.toMatch(/Error/);
      expect(r.status).toBe(0);
    });

    it.each([
      ['cluster_name', 'Bad_Name', 'cluster_name must be a DNS label'],
      ['cluster_name', 'x'.repeat(33), 'cluster_name must be a DNS label'],
      ['node_image', 'nginx:latest', 'node_image must be kindest/node'],
      ['node_image', 'kindest/node:v1.20.0', 'node_image must be kindest/node'],
      ['listen_address', 'localhost', 'listen_address must be an IPv4 address'],
      ['http_host_port', '80', 'http_host_port must be an unprivileged port'],
      [
        'https_host_port',
        '443',
        'https_host_port must be an unprivileged port',
      ],
      [
        'https_host_port',
        '8880',
        'https_host_port must differ from http_host_port',
      ],
      [
        'kubeconfig_path',
        'relative/path',
        'kubeconfig_path must be empty or a path',
      ],
      [
        'argocd_chart_version',
        '~> 8.0',
        'argocd_chart_version must be an exact chart version',
      ],
    ])('rejects %s = %s', (name, value, message) => {
      const r = plan({ [name]: value });
      expect(r.status).not.toBe(0);
      expect(r.output.replace(/\s+/g, ' ')).toContain(message);
    });
  });

  it('bootstraps from the same argocd/bootstrap folder the README tells operators to apply', () => {
    const main = readFileSync(join(INFRA, 'main.tf'), 'utf8');
    expect(main).toContain('"${path.module}/../argocd/bootstrap"');
    expect(
      existsSync(join(GITOPS_ROOT, 'bootstrap', 'kustomization.yaml')),
    ).toBe(true);
  });
});
