import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseAllDocuments } from 'yaml';
import { GITOPS_ROOT, kustomizeBuild } from '../manifestFiles';
import { applicationViolations, resourceViolations } from '../projectPolicy';
import { fixtureStacks } from '../testing/goldenPath';
import { gitopsObject } from '../testing/gitopsObjects';
import {
  parseSystemRegistration,
  readSystemRegistry,
  systemRegistrationIssues,
} from './registry';
import { hostPattern } from './renderTenancy';
import { paymentsSystem } from '../__testUtils__/systems';
import { staleTenancyFiles, SYSTEMS_DIR } from './tenancyFiles';

const systems = readSystemRegistry(SYSTEMS_DIR);
const cluster = kustomizeBuild(join(GITOPS_ROOT, 'tenancy', 'cluster'));
const find = (kind: string, name: string) => {
  const found = cluster.find(o => o.kind === kind && o.metadata.name === name);
  if (!found) throw new Error(`tenancy/cluster has no ${kind} ${name}`);
  return found;
};
const hostsOf = (o: any): string[] => {
  if (o?.kind === 'Ingress') return o.spec.rules.map((r: any) => r.host);
  if (o?.kind === 'HTTPRoute') return o.spec.hostnames;
  return [];
};
const valid = paymentsSystem(['payments-api']);

describe('the system registry (argocd/systems)', () => {
  it('has an entry per fixture system, each repository in exactly one system', () => {
    expect(systems.map(s => s.metadata.name)).toEqual([
      'billing',
      'commerce',
      'content',
      'finance',
      'fulfilment',
      'hello',
    ]);
    for (const stack of fixtureStacks()) {
      const entry = systems.find(s => s.metadata.name === stack.system)!;
      expect(entry.spec.repositories).toContain(stack.repo);
    }
  });

  it('refuses entries with a clear error naming the field and the rule', () => {
    expect(systemRegistrationIssues(valid, 'payments.yaml')).toEqual([]);
    const bad = (patch: any, file = 'payments.yaml') =>
      systemRegistrationIssues(
        { ...valid, ...patch, spec: { ...valid.spec, ...patch.spec } },
        file,
      );
    expect(bad({}, 'other.yaml')).toEqual([
      {
        path: 'metadata.name',
        message: 'must match the file name (other.yaml)',
      },
    ]);
    expect(bad({ metadata: { name: 'platform' } }, 'platform.yaml')).toEqual([
      {
        path: 'metadata.name',
        message: '"platform" is reserved for the platform',
      },
    ]);
    expect(bad({ spec: { repositories: ['Payments_API'] } })[0]).toMatchObject({
      path: 'spec.repositories[0]',
      message: expect.stringContaining('is not a normalised repository name'),
    });
    expect(bad({ spec: { domains: ['example'] } })[0].path).toBe(
      'spec.domains[0]',
    );
    expect(bad({ spec: { codeOwners: [] } })[0].path).toBe('spec.codeOwners');
    expect(bad({ spec: { sourceRepos: ['*'] } })).toEqual([
      { path: 'spec.sourceRepos', message: 'is not a known field' },
    ]);
    expect(bad({ spec: { environments: { qa: {} } } })[0].path).toBe(
      'spec.environments.qa',
    );
    expect(
      bad({
        spec: {
          environments: {
            prod: {
              deploymentWindows: [
                { days: ['someday'], start: '9', duration: 'x' },
              ],
            },
          },
        },
      }).map(i => i.path),
    ).toEqual([
      'spec.environments.prod.deploymentWindows.0.days.0',
      'spec.environments.prod.deploymentWindows.0.start',
      'spec.environments.prod.deploymentWindows.0.duration',
    ]);
    expect(() => parseSystemRegistration('apiVersion: x\n', 'x.yaml')).toThrow(
      /x\.yaml: apiVersion must be idp\.platform\/v1alpha1/,
    );
  });

  it('refuses a repository registered to two systems', () => {
    const dir = mkdtempSync(join(tmpdir(), 'systems-'));
    try {
      const yaml = (name: string) =>
        JSON.stringify({ ...valid, metadata: { name } });
      writeFileSync(join(dir, 'payments.yaml'), yaml('payments'));
      writeFileSync(join(dir, 'refunds.yaml'), yaml('refunds'));
      expect(() => readSystemRegistry(dir)).toThrow(
        'repository payments-api is registered to both payments and refunds',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is rendered: argocd/tenancy and .github/CODEOWNERS are exactly what the registry implies', () => {
    // If this fails, run `pnpm --filter @idp-stack/gitops render-systems` and commit the result.
    expect(staleTenancyFiles()).toEqual([]);
  });
});

describe('what the platform creates per system and environment', () => {
  const cases = systems.flatMap(s =>
    (['dev', 'stage', 'prod'] as const).map(
      env => [s.metadata.name, env] as const,
    ),
  );

  it.each(cases)(
    '%s-%s: namespace with Pod Security restricted, quota, limits, its own secret store',
    (system, env) => {
      const ns = `${system}-${env}`;
      const namespace = find('Namespace', ns);
      expect(namespace.metadata.labels).toEqual({
        'idp.platform/system': system,
        'idp.platform/environment': env,
        'pod-security.kubernetes.io/enforce': 'restricted',
        'pod-security.kubernetes.io/enforce-version': 'latest',
        'pod-security.kubernetes.io/warn': 'restricted',
        'pod-security.kubernetes.io/audit': 'restricted',
      });
      expect(find('ResourceQuota', 'idp-quota')).toBeDefined();
      const inNs = (kind: string) =>
        cluster.filter(o => o.kind === kind && o.metadata.namespace === ns);
      expect(inNs('ResourceQuota')).toHaveLength(1);
      expect(inNs('LimitRange')).toHaveLength(1);
      // Operator instances reach the API server's addresses, nothing else outside the cluster.
      for (const np of inNs('NetworkPolicy')) {
        expect(
          np.spec.egress.flatMap((e: any) =>
            e.to.map((t: any) => t.ipBlock.cidr),
          ),
        ).not.toContain('0.0.0.0/0');
      }
      // The store: usable from this namespace only, reading only its own secrets namespace.
      const secrets = `idp-secrets-${ns}`;
      const store = find('ClusterSecretStore', secrets);
      expect(store.spec.conditions).toEqual([{ namespaces: [ns] }]);
      expect(store.spec.provider.kubernetes.remoteNamespace).toBe(secrets);
      expect(store.spec.provider.kubernetes.auth).toEqual({
        serviceAccount: { name: 'idp-secret-reader', namespace: secrets },
      });
      const role = cluster.find(
        o => o.kind === 'Role' && o.metadata.namespace === secrets,
      );
      expect(role.rules).toEqual([
        {
          apiGroups: [''],
          resources: ['secrets'],
          verbs: ['get', 'list', 'watch'],
        },
      ]);
      const binding = cluster.find(
        o => o.kind === 'RoleBinding' && o.metadata.namespace === secrets,
      );
      expect(binding.subjects).toEqual([
        {
          kind: 'ServiceAccount',
          name: 'idp-secret-reader',
          namespace: secrets,
        },
      ]);
      // No other Role or binding grants anything on a secrets namespace.
      expect(
        cluster.filter(
          o =>
            ['Role', 'RoleBinding'].includes(o.kind) &&
            o.metadata.namespace === secrets,
        ),
      ).toHaveLength(2);
    },
  );

  it('every generated ExternalSecret names a store that exists and admits its namespace (ESO conditions.namespaces)', () => {
    let count = 0;
    for (const stack of fixtureStacks()) {
      for (const f of stack.files) {
        const env = /^deploy\/overlays\/(dev|stage|prod)\//.exec(f.path)?.[1];
        for (const o of parseAllDocuments(f.content).map(d => d.toJS())) {
          if (o?.kind !== 'ExternalSecret') continue;
          count++;
          const store = find('ClusterSecretStore', o.spec.secretStoreRef.name);
          expect(store.spec.conditions[0].namespaces).toEqual([
            `${stack.system}-${env}`,
          ]);
        }
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it("every fixture's hostnames are within its system's registered domains, and not another's", () => {
    for (const stack of fixtureStacks()) {
      const hosts = stack.files
        .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
        .flatMap(hostsOf);
      for (const env of ['dev', 'stage', 'prod']) {
        const pattern = find('Namespace', `${stack.system}-${env}`).metadata
          .annotations['idp.platform/host-pattern'];
        const overlayHosts = stack.files
          .filter(f => f.path.startsWith(`deploy/overlays/${env}/`))
          .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
          .flatMap(hostsOf);
        for (const h of [...hosts, ...overlayHosts])
          expect(h).toMatch(new RegExp(pattern));
      }
    }
    const p = new RegExp(hostPattern(['shop.example.com']));
    expect(
      ['shop.example.com', 'a.b.shop.example.com'].every(h => p.test(h)),
    ).toBe(true);
    expect(
      [
        'evilshop.example.com',
        'shop.example.com.evil.io',
        'shopxexample.com',
        'example.com',
      ].some(h => p.test(h)),
    ).toBe(false);
  });

  it('the tenancy Application may create exactly this, and nothing of a workload can use its project', () => {
    const project = gitopsObject('AppProject', 'tenancy');
    const app = gitopsObject('Application', 'platform-tenancy');
    expect(applicationViolations(project, app)).toEqual([]);
    for (const o of cluster)
      expect(resourceViolations(project, o, '')).toEqual([]);
    expect(
      resourceViolations(
        project,
        {
          apiVersion: 'apps/v1',
          kind: 'Deployment',
          metadata: { name: 'x', namespace: 'commerce-prod' },
        },
        '',
      ),
    ).toEqual([
      'Deployment.apps x: namespaced kind not permitted in project tenancy',
    ]);
    expect(
      applicationViolations(project, {
        ...app,
        spec: {
          ...app.spec,
          source: { repoURL: 'https://github.com/acme/shop.git' },
        },
      }),
    ).toEqual([
      'Application platform-tenancy: source https://github.com/acme/shop.git is not in the sourceRepos of project tenancy',
    ]);
  });

  it('CODEOWNERS: the platform team owns the registry, each entry also its own teams', () => {
    const text = readFileSync(
      join(GITOPS_ROOT, '..', '.github', 'CODEOWNERS'),
      'utf8',
    );
    expect(text).toContain('/argocd/systems/ @acme/platform-team\n');
    expect(text).toContain(
      '/argocd/systems/commerce.yaml @acme/platform-team @acme/commerce\n',
    );
    expect(text).toContain('/argocd/admission/ @acme/platform-team\n');
  });
});
