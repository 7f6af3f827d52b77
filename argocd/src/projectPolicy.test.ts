import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { kustomizeBuild } from './manifestFiles';
import {
  applicationViolations,
  isGroupKindPermitted,
  isSourcePermitted,
  resourceViolations,
} from './projectPolicy';
import { fixtureStacks, writeTree } from './testing/goldenPath';
import { gitopsObject } from './testing/gitopsObjects';

const workloads = gitopsObject('AppProject', 'workloads');
const scratch = mkdtempSync(join(tmpdir(), 'gitops-policy-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
const obj = (
  apiVersion: string,
  kind: string,
  name: string,
  namespace?: string,
) => ({
  apiVersion,
  kind,
  metadata: { name, ...(namespace ? { namespace } : {}) },
});

describe('the workloads AppProject on hand-made objects', () => {
  it('allows the kinds a stack overlay contains in <system>-<env>', () => {
    for (const o of [
      obj('v1', 'Namespace', 'payments-dev'),
      obj('apps/v1', 'Deployment', 'api', 'payments-dev'),
      obj('v1', 'ServiceAccount', 'api', 'payments-prod'),
      obj('postgresql.cnpg.io/v1', 'Cluster', 'db', 'payments-stage'),
      obj('rabbitmq.com/v1beta1', 'Queue', 'orders', 'payments-dev'),
      obj('external-secrets.io/v1', 'ExternalSecret', 'db', 'payments-dev'),
      obj('gateway.networking.k8s.io/v1', 'HTTPRoute', 'web', 'payments-dev'),
    ]) {
      expect(resourceViolations(workloads, o, 'payments-dev')).toEqual([]);
    }
  });

  it('takes the Application destination for objects without a namespace', () => {
    expect(
      resourceViolations(
        workloads,
        obj('v1', 'Service', 'api'),
        'payments-dev',
      ),
    ).toEqual([]);
    expect(
      resourceViolations(workloads, obj('v1', 'Service', 'api'), 'kube-system'),
    ).toEqual([
      'Service api: namespace "kube-system" is not permitted in project workloads',
    ]);
  });

  it('rejects cluster-scoped kinds other than Namespace', () => {
    expect(
      resourceViolations(
        workloads,
        obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'admin'),
        'a-dev',
      ),
    ).toEqual([
      'ClusterRole.rbac.authorization.k8s.io admin: cluster-scoped kind not permitted in project workloads',
    ]);
    expect(
      resourceViolations(
        workloads,
        obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'x.y'),
        'a-dev',
      ),
    ).toHaveLength(1);
  });

  it('rejects a Namespace outside the <system>-<env> pattern', () => {
    for (const name of [
      'kube-system',
      'argocd',
      'payments',
      'payments-qa',
      '-dev',
    ]) {
      expect(
        resourceViolations(
          workloads,
          obj('v1', 'Namespace', name),
          'payments-dev',
        ),
      ).toEqual([
        `Namespace ${name}: namespace name is not a permitted destination of project workloads`,
      ]);
    }
  });

  it('rejects namespaced kinds that are not on the allow-list, and objects aimed at other namespaces', () => {
    expect(
      resourceViolations(
        workloads,
        obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 'x'),
        'a-dev',
      ),
    ).toHaveLength(1);
    expect(
      resourceViolations(workloads, obj('v1', 'Secret', 'plain'), 'a-dev'),
    ).toHaveLength(1);
    expect(
      resourceViolations(
        workloads,
        obj('apps/v1', 'Deployment', 'x', 'argocd'),
        'a-dev',
      ),
    ).toEqual([
      'Deployment.apps x: namespace "argocd" is not permitted in project workloads',
    ]);
  });

  it('refuses to guess the scope of an unknown kind', () => {
    expect(
      resourceViolations(
        workloads,
        obj('example.com/v1', 'Widget', 'w'),
        'a-dev',
      ),
    ).toEqual([
      'Widget.example.com w: the scope of Widget.example.com is unknown: add it to resourceScope.ts',
    ]);
  });

  it('implements Argo CD whitelist semantics: empty cluster list = nothing, missing namespaced list = everything', () => {
    const bare = { metadata: { name: 'bare' }, spec: {} };
    expect(isGroupKindPermitted(bare, '', 'Namespace', false)).toBe(false);
    expect(isGroupKindPermitted(bare, 'apps', 'Deployment', true)).toBe(true);
    const empty = {
      metadata: { name: 'empty' },
      spec: { namespaceResourceWhitelist: [] },
    };
    expect(isGroupKindPermitted(empty, 'apps', 'Deployment', true)).toBe(false);
  });

  it('only accepts sources of the acme organisation', () => {
    expect(
      isSourcePermitted(workloads, 'https://github.com/acme/orders.git'),
    ).toBe(true);
    expect(isSourcePermitted(workloads, 'https://github.com/ACME/orders')).toBe(
      true,
    );
    expect(
      isSourcePermitted(workloads, 'https://github.com/evil/orders.git'),
    ).toBe(false);
    expect(
      isSourcePermitted(workloads, 'https://github.com/acme/x/y.git'),
    ).toBe(false);
  });

  it('checks an Application: project, sources and destination', () => {
    const app = {
      metadata: { name: 'x-dev' },
      spec: {
        project: 'platform',
        source: { repoURL: 'https://gitlab.com/acme/x.git' },
        destination: {
          server: 'https://kubernetes.default.svc',
          namespace: 'kube-system',
        },
      },
    };
    expect(applicationViolations(workloads, app)).toHaveLength(3);
  });
});

describe('the workloads AppProject on every object the generator emits for the fixture stacks', () => {
  const cases = fixtureStacks().flatMap(stack =>
    ['dev', 'stage', 'prod'].map(
      env => [`${stack.fixture} ${env}`, stack, env] as const,
    ),
  );

  const seenKinds = new Set<string>();

  it.each(cases)(
    '%s: kustomize-rendered overlay is allowed',
    (_, stack, env) => {
      const root = writeTree(stack.files, scratch);
      const objects = kustomizeBuild(join(root, 'deploy/overlays', env));
      objects.forEach(o => seenKinds.add(o.kind));
      const destination = `${stack.system}-${env}`;
      expect(objects.length).toBeGreaterThan(0);
      expect(
        objects.filter(o => o.kind === 'Namespace').map(o => o.metadata.name),
      ).toEqual([destination]);
      expect(
        objects.flatMap(o => resourceViolations(workloads, o, destination)),
      ).toEqual([]);
      // Every namespaced object lands in the Application's destination namespace.
      expect(
        objects
          .filter(
            o => o.kind !== 'Namespace' && o.metadata.namespace !== destination,
          )
          .map(o => o.metadata.name),
      ).toEqual([]);
    },
  );

  it('covered the operator resources, not just Deployments (runs after the overlays above)', () => {
    for (const kind of [
      'Namespace',
      'Deployment',
      'Service',
      'ServiceAccount',
      'NetworkPolicy',
      'Cluster',
      'RabbitmqCluster',
      'Queue',
      'ExternalSecret',
    ]) {
      expect(seenKinds).toContain(kind);
    }
  });

  it('rejects forbidden objects slipped into a generated overlay', () => {
    const [stack] = fixtureStacks();
    const files = stack.files.map(f =>
      f.path === 'deploy/overlays/dev/kustomization.yaml'
        ? {
            ...f,
            content: f.content.replace(
              'resources:\n',
              'resources:\n  - extra.yaml\n',
            ),
          }
        : f,
    );
    files.push({
      path: 'deploy/overlays/dev/extra.yaml',
      content:
        'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata: { name: escalate }\nrules: []\n',
    });
    const objects = kustomizeBuild(
      join(writeTree(files, scratch), 'deploy/overlays/dev'),
    );
    // The overlay's namespace transformer renames any Namespace object it holds, so a
    // foreign Namespace can only arrive from elsewhere; it is appended to the rendered list.
    objects.push({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'kube-public-2' },
    });
    const violations = objects.flatMap(o =>
      resourceViolations(workloads, o, `${stack.system}-dev`),
    );
    expect(violations).toEqual([
      'ClusterRole.rbac.authorization.k8s.io escalate: cluster-scoped kind not permitted in project workloads',
      'Namespace kube-public-2: namespace name is not a permitted destination of project workloads',
    ]);
  });
});
