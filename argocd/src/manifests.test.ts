import { existsSync } from 'fs';
import { dirname, join } from 'path';
import {
  findYamlFiles,
  GITOPS_ROOT,
  kustomizeBuild,
  readYamlDocuments,
} from './manifestFiles';
import { validateManifest } from './manifestSchemas';
import { gitopsObjects } from './testing/gitopsObjects';

const files = findYamlFiles();
const isKustomization = (f: string) => /(^|\/)kustomization\.yaml$/.test(f);
const kustomizations = files.filter(isKustomization).map(dirname);
// Helm values files are chart input, not Kubernetes objects (platformApplicationSet.test.ts).
const manifests = files.filter(
  f => !isKustomization(f) && !f.endsWith('/values.yaml'),
);
const builds = new Map<string, any[]>();
const build = (dir: string) => {
  if (!builds.has(dir)) builds.set(dir, kustomizeBuild(join(GITOPS_ROOT, dir)));
  return builds.get(dir)!;
};

describe('manifests under argocd/', () => {
  it('finds the expected folders', () => {
    expect(kustomizations).toEqual(
      expect.arrayContaining([
        '.',
        'bootstrap',
        'projects',
        'applicationsets',
        'platform/portal',
        'admission',
        'tenancy/argocd',
        'tenancy/cluster',
      ]),
    );
    expect(manifests.length).toBeGreaterThan(10);
  });

  it.each(kustomizations.map(k => [k]))(
    'kustomization %s builds with kubectl kustomize and every object validates',
    dir => {
      const objects = build(dir);
      expect(objects.length).toBeGreaterThan(0);
      for (const o of objects) expect(() => validateManifest(o)).not.toThrow();
    },
  );

  it.each(manifests.map(m => [m]))(
    '%s validates against its schema and is part of a kustomization',
    file => {
      const docs = readYamlDocuments(join(GITOPS_ROOT, file));
      expect(kustomizations).toContain(dirname(file));
      const built = build(dirname(file));
      for (const doc of docs) {
        validateManifest(doc);
        expect(built.map(o => `${o.kind}/${o.metadata.name}`)).toContain(
          `${doc.kind}/${doc.metadata.name}`,
        );
      }
    },
  );

  it('rejects a manifest with a wrong type, and a kind it has no schema for', () => {
    const project = gitopsObjects().find(o => o.kind === 'AppProject');
    expect(() =>
      validateManifest({
        ...project,
        spec: { ...project.spec, sourceRepos: 'x' },
      }),
    ).toThrow(/sourceRepos/);
    expect(() =>
      validateManifest({
        apiVersion: 'example.com/v1',
        kind: 'Widget',
        metadata: { name: 'w' },
      }),
    ).toThrow(/no schema known/);
  });

  it('the root app syncs the folder whose kustomization holds the projects, the sets and itself', () => {
    const root = gitopsObjects().find(
      o => o.kind === 'Application' && o.metadata.name === 'root',
    );
    expect(root.spec.source.path).toBe('argocd');
    expect(
      existsSync(
        join(GITOPS_ROOT, '..', root.spec.source.path, 'kustomization.yaml'),
      ),
    ).toBe(true);
    expect(
      gitopsObjects()
        .map(o => `${o.kind}/${o.metadata.name}`)
        .sort(),
    ).toEqual([
      'AppProject/billing',
      'AppProject/bootstrap',
      'AppProject/commerce',
      'AppProject/content',
      'AppProject/default',
      'AppProject/finance',
      'AppProject/fulfilment',
      'AppProject/hello',
      'AppProject/platform',
      'AppProject/tenancy',
      'Application/platform-tenancy',
      'Application/root',
      'ApplicationSet/platform',
      'ApplicationSet/workloads',
      'Role/idp-portal-refresh-workloads',
      'RoleBinding/idp-portal-refresh-workloads',
    ]);
    for (const p of gitopsObjects().filter(o => o.kind === 'AppProject')) {
      expect(p.metadata.annotations['argocd.argoproj.io/sync-wave']).toBe('-1');
    }
    expect(gitopsObjects().every(o => o.metadata.namespace === 'argocd')).toBe(
      true,
    );
  });

  it('the bootstrap project lets the root app manage only Argo CD objects in argocd', () => {
    const bootstrap = gitopsObjects().find(
      o => o.kind === 'AppProject' && o.metadata.name === 'bootstrap',
    );
    expect(bootstrap.spec.clusterResourceWhitelist).toEqual([]);
    expect(bootstrap.spec.destinations).toEqual([
      { server: 'https://kubernetes.default.svc', namespace: 'argocd' },
    ]);
    expect(
      new Set(
        bootstrap.spec.namespaceResourceWhitelist.map((r: any) => r.group),
      ),
    ).toEqual(new Set(['argoproj.io', 'rbac.authorization.k8s.io']));
  });

  it("grants the portal's ServiceAccount get and patch of the workloads ApplicationSet and nothing else", () => {
    const objects = gitopsObjects();
    const bindings = objects.filter(o => o.kind === 'RoleBinding');
    expect(bindings).toHaveLength(1);
    expect(bindings[0].subjects).toEqual([
      { kind: 'ServiceAccount', name: 'idp-portal', namespace: 'idp-portal' },
    ]);
    const role = objects.find(
      o => o.kind === 'Role' && o.metadata.name === bindings[0].roleRef.name,
    );
    expect(role.metadata.namespace).toBe('argocd');
    expect(role.rules).toEqual([
      {
        apiGroups: ['argoproj.io'],
        resources: ['applicationsets'],
        resourceNames: ['workloads'],
        verbs: ['get', 'patch'],
      },
    ]);
    const workloads = objects.find(
      o => o.kind === 'ApplicationSet' && o.metadata.name === 'workloads',
    );
    expect(workloads.metadata.namespace).toBe(role.metadata.namespace);
  });
});

describe('validateManifest strictness', () => {
  it('rejects a misspelt field the JSON schema alone would accept', () => {
    const project = gitopsObjects().find(o => o.kind === 'AppProject');
    expect(() =>
      validateManifest({
        ...project,
        spec: { ...project.spec, syncWindow: [] },
      }),
    ).toThrow(/AppProject.spec.syncWindow is not a field of this kind/);
  });
});
