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
import { systemProject } from './tenancy/renderTenancy';
import { paymentsSystem } from './__testUtils__/systems';

// A system as the registry renders it (argocd/systems/<system>.yaml → AppProject).
const workloads = systemProject(paymentsSystem(['orders', 'payments-api']));
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

describe('a system AppProject (payments) on hand-made objects', () => {
  it('allows the kinds a stack overlay contains in <system>-<env>', () => {
    for (const o of [
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
      'Service api: namespace "kube-system" is not permitted in project payments',
    ]);
  });

  it('rejects every cluster-scoped kind, Namespace included (the platform creates namespaces)', () => {
    expect(
      resourceViolations(
        workloads,
        obj('rbac.authorization.k8s.io/v1', 'ClusterRole', 'admin'),
        'payments-dev',
      ),
    ).toEqual([
      'ClusterRole.rbac.authorization.k8s.io admin: cluster-scoped kind not permitted in project payments',
    ]);
    expect(
      resourceViolations(
        workloads,
        obj('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'x.y'),
        'payments-dev',
      ),
    ).toHaveLength(1);
    // Even its own namespace: a workload that owned it could prune it away.
    expect(
      resourceViolations(
        workloads,
        obj('v1', 'Namespace', 'payments-dev'),
        'payments-dev',
      ),
    ).toEqual([
      'Namespace payments-dev: cluster-scoped kind not permitted in project payments',
    ]);
    for (const name of [
      'kube-system',
      'argocd',
      'idp-secrets-payments-dev',
      'commerce-prod',
    ]) {
      expect(
        resourceViolations(
          workloads,
          obj('v1', 'Namespace', name),
          'payments-dev',
        ),
      ).toEqual([
        `Namespace ${name}: cluster-scoped kind not permitted in project payments`,
        `Namespace ${name}: namespace name is not a permitted destination of project payments`,
      ]);
    }
  });

  it("refuses objects aimed at another system's namespaces", () => {
    for (const ns of [
      'commerce-dev',
      'commerce-prod',
      'payments-qa',
      'payments',
      'idp-secrets-payments-prod',
    ]) {
      expect(
        resourceViolations(
          workloads,
          obj('apps/v1', 'Deployment', 'api', ns),
          'payments-dev',
        ),
      ).toEqual([
        `Deployment.apps api: namespace "${ns}" is not permitted in project payments`,
      ]);
    }
  });

  it('rejects namespaced kinds that are not on the allow-list, and objects aimed at other namespaces', () => {
    expect(
      resourceViolations(
        workloads,
        obj('rbac.authorization.k8s.io/v1', 'RoleBinding', 'x'),
        'payments-dev',
      ),
    ).toHaveLength(1);
    expect(
      resourceViolations(
        workloads,
        obj('v1', 'Secret', 'plain'),
        'payments-dev',
      ),
    ).toHaveLength(1);
    expect(
      resourceViolations(
        workloads,
        obj('apps/v1', 'Deployment', 'x', 'argocd'),
        'payments-dev',
      ),
    ).toEqual([
      'Deployment.apps x: namespace "argocd" is not permitted in project payments',
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

  it("only accepts the system's registered repositories", () => {
    expect(
      isSourcePermitted(workloads, 'https://github.com/acme/orders.git'),
    ).toBe(true);
    expect(isSourcePermitted(workloads, 'https://github.com/ACME/orders')).toBe(
      true,
    );
    expect(
      isSourcePermitted(workloads, 'https://github.com/acme/payments-api.git'),
    ).toBe(true);
    for (const url of [
      'https://github.com/acme/shop.git',
      'https://github.com/acme/orders-fork.git',
      'https://github.com/evil/orders.git',
      'https://github.com/acme/orders/x.git',
    ]) {
      expect(isSourcePermitted(workloads, url)).toBe(false);
    }
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

describe("each system's AppProject on every object the generator emits for the fixture stacks", () => {
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
      const project = gitopsObject('AppProject', stack.system);
      expect(objects.filter(o => o.kind === 'Namespace')).toEqual([]);
      expect(
        objects.flatMap(o => resourceViolations(project, o, destination)),
      ).toEqual([]);
      // The same overlay through another system's project: every object is refused.
      const other = gitopsObject(
        'AppProject',
        stack.system === 'hello' ? 'content' : 'hello',
      );
      for (const o of objects)
        expect(
          resourceViolations(other, o, destination).length,
        ).toBeGreaterThan(0);
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
    const project = gitopsObject('AppProject', stack.system);
    const violations = objects.flatMap(o =>
      resourceViolations(project, o, `${stack.system}-dev`),
    );
    expect(violations).toEqual([
      `ClusterRole.rbac.authorization.k8s.io escalate: cluster-scoped kind not permitted in project ${stack.system}`,
      `Namespace kube-public-2: cluster-scoped kind not permitted in project ${stack.system}`,
      `Namespace kube-public-2: namespace name is not a permitted destination of project ${stack.system}`,
    ]);
  });
});
