import { parseAllDocuments } from 'yaml';
import { fixtureNames, loadFixture } from '../testUtils/fixtures';
import { generateManifests } from './generateManifests';

const tree = (name: string) =>
  generateManifests(loadFixture(name))
    .map(f => `### ${f.path}\n${f.content}`)
    .join('\n');

describe('generateManifests', () => {
  it.each(fixtureNames())('%s matches its golden output', name => {
    expect(tree(name)).toMatchSnapshot();
  });

  it.each(fixtureNames())(
    '%s is byte-identical across runs and sorted by path',
    name => {
      const a = generateManifests(loadFixture(name));
      const b = generateManifests(loadFixture(name));
      expect(a).toEqual(b);
      expect(a.map(f => f.path)).toEqual([...a.map(f => f.path)].sort());
    },
  );

  it.each(fixtureNames())(
    '%s contains no Secret with data or stringData',
    name => {
      for (const f of generateManifests(loadFixture(name))) {
        for (const doc of parseAllDocuments(f.content)) {
          const o = doc.toJS();
          const secretKeys =
            o?.kind === 'Secret'
              ? Object.keys(o).filter(k => k === 'data' || k === 'stringData')
              : [];
          expect(`${f.path}: ${secretKeys.join(',')}`).toBe(`${f.path}: `);
        }
        expect(f.content).not.toMatch(/^kind: Secret$/m);
      }
    },
  );

  it("reads credentials through the ClusterSecretStore of the overlay's system and environment, with the v1 API", () => {
    let count = 0;
    for (const name of fixtureNames()) {
      const stack = loadFixture(name);
      for (const f of generateManifests(stack)) {
        for (const o of parseAllDocuments(f.content).map(d => d.toJS())) {
          if (o?.kind !== 'ExternalSecret') continue;
          count++;
          // Per environment: only overlays carry ExternalSecrets.
          const env = /^deploy\/overlays\/(dev|stage|prod)\//.exec(f.path)?.[1];
          expect(env).toBeDefined();
          expect(o.apiVersion).toBe('external-secrets.io/v1');
          expect(o.spec.secretStoreRef).toEqual({
            kind: 'ClusterSecretStore',
            name: `idp-secrets-${stack.metadata.system}-${env}`,
          });
        }
      }
    }
    expect(count).toBeGreaterThan(0);
  });

  it.each(fixtureNames())(
    '%s: leaves the namespace to the platform (no Namespace object)',
    name => {
      const namespaces = generateManifests(loadFixture(name))
        .flatMap(f => parseAllDocuments(f.content).map(d => d.toJS()))
        .filter(o => o?.kind === 'Namespace');
      expect(namespaces).toEqual([]);
    },
  );

  it('picks API versions from the target Kubernetes version', () => {
    const legacy = generateManifests(loadFixture('legacy-k8s'));
    const modern = generateManifests(loadFixture('fullstack'));
    const text = (files: typeof legacy) => files.map(f => f.content).join('\n');
    expect(text(legacy)).toContain('apiVersion: autoscaling/v2beta2');
    expect(text(legacy)).toContain('apiVersion: policy/v1beta1');
    expect(text(modern)).toContain('apiVersion: autoscaling/v2\n');
    expect(text(modern)).toContain('apiVersion: policy/v1\n');
    const gateway = text(generateManifests(loadFixture('every-subcomponent')));
    expect(gateway).toContain(
      'apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute',
    );
    expect(gateway).not.toContain('kind: Ingress');
  });

  it('picks images and runtime settings from component versions', () => {
    const files = generateManifests(loadFixture('legacy-k8s'));
    const billing = files.find(
      f => f.path === 'deploy/base/billing/deployment.yaml',
    )!.content;
    expect(billing).not.toContain('--enable-source-maps'); // Node 18
    const reports = files.find(
      f => f.path === 'deploy/base/reports/deployment.yaml',
    )!.content;
    expect(reports).toContain('PYTHONWARNINGS'); // Python 3.10
    const fullstack = generateManifests(loadFixture('fullstack'));
    expect(
      fullstack.find(f => f.path === 'deploy/base/db/cluster.yaml')!.content,
    ).toContain('imageName: ghcr.io/cloudnative-pg/postgresql:16');
  });

  it('puts HPAs in stage/prod, PDBs and scheduled backups in prod only', () => {
    const paths = generateManifests(loadFixture('fastapi-postgres')).map(
      f => f.path,
    );
    expect(
      paths.filter(p => p.endsWith('horizontal-pod-autoscaler.yaml')),
    ).toEqual([
      'deploy/overlays/prod/horizontal-pod-autoscaler.yaml',
      'deploy/overlays/stage/horizontal-pod-autoscaler.yaml',
    ]);
    expect(
      paths.filter(p => /pod-disruption-budget|scheduled-backup/.test(p)),
    ).toEqual([
      'deploy/overlays/prod/pod-disruption-budget.yaml',
      'deploy/overlays/prod/scheduled-backup.yaml',
    ]);
    const prodPatch = generateManifests(loadFixture('fastapi-postgres')).find(
      f => f.path === 'deploy/overlays/prod/patches/ledger-db-cluster.yaml',
    )!;
    expect(prodPatch.content).toContain('instances: 3');
  });
});
