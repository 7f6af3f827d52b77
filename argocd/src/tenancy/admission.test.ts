import { parse as parseCel } from '@marcbachmann/cel-js';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import {
  GITOPS_ROOT,
  kustomizeBuild,
  readYamlDocuments,
} from '../manifestFiles';
import {
  admissionDocuments,
  admit,
  applicablePolicies,
  Denial,
} from '../__testUtils__/admission';
import { fixtureStacks, writeTree } from '../testing/goldenPath';

const docs = admissionDocuments();
const policies = docs.filter(d => d.kind === 'ValidatingAdmissionPolicy');
const scratch = mkdtempSync(join(tmpdir(), 'gitops-admission-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** The Namespace objects the platform renders from the registry (argocd/tenancy/cluster). */
const namespaces = new Map<string, any>(
  ['billing', 'commerce', 'content', 'finance', 'fulfilment', 'hello']
    .flatMap(s =>
      readYamlDocuments(join(GITOPS_ROOT, 'tenancy', 'cluster', `${s}.yaml`)),
    )
    .filter(o => o.kind === 'Namespace')
    .map(o => [o.metadata.name, o]),
);
const ns = (name: string) => {
  const found = namespaces.get(name);
  if (!found) throw new Error(`no rendered namespace ${name}`);
  return found;
};

/** Which (policy, validation) pairs denied something, to prove every one of them can fail. */
const fired = new Set<string>();
const denials = (obj: any, namespace: string): Denial[] => {
  const out = admit(docs, obj, ns(namespace));
  out.forEach(d => fired.add(`${d.policy}#${d.validation}`));
  return out;
};
const matched = new Set<string>();

const deployment = (
  spec: Record<string, unknown> = {},
  labels: Record<string, string> = {},
) => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'api', labels },
  spec: {
    selector: { matchLabels: { app: 'api' } },
    template: {
      metadata: { labels: { app: 'api' } },
      spec: {
        containers: [{ name: 'api', image: 'ghcr.io/acme/api:1' }],
        ...spec,
      },
    },
  },
});

describe('the admission policies (ValidatingAdmissionPolicy, CEL on @marcbachmann/cel-js)', () => {
  it('are admissionregistration.k8s.io/v1, bound with Deny to namespaces labelled idp.platform/system only', () => {
    expect(policies.length).toBe(4);
    for (const d of docs)
      expect(d.apiVersion).toBe('admissionregistration.k8s.io/v1');
    for (const b of docs.filter(
      d => d.kind === 'ValidatingAdmissionPolicyBinding',
    )) {
      expect(b.spec.validationActions).toEqual(['Deny']);
      expect(b.spec.matchResources.namespaceSelector).toEqual({
        matchExpressions: [{ key: 'idp.platform/system', operator: 'Exists' }],
      });
    }
    for (const p of policies) {
      expect(p.spec.failurePolicy).toBe('Fail');
      // Cluster-scoped objects have no namespaceObject: the rules never match them.
      for (const r of p.spec.matchConstraints.resourceRules)
        expect(r.scope).toBe('Namespaced');
    }
  });

  it('parse as CEL, every variable, validation and message expression', () => {
    const expressions = policies.flatMap(p => [
      ...(p.spec.variables ?? []).map((v: any) => v.expression),
      ...p.spec.validations.flatMap((v: any) =>
        [v.expression, v.messageExpression].filter(Boolean),
      ),
    ]);
    expect(expressions.length).toBeGreaterThan(15);
    for (const e of expressions) expect(() => parseCel(e)).not.toThrow();
  });

  it("do not apply outside stack namespaces (the platform's own namespaces have no idp.platform/system)", () => {
    const platformNs = {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'argocd', labels: {} },
    };
    const secretsNs = readYamlDocuments(
      join(GITOPS_ROOT, 'tenancy', 'cluster', 'commerce.yaml'),
    ).find(
      o =>
        o.kind === 'Namespace' &&
        o.metadata.name === 'idp-secrets-commerce-prod',
    );
    const privileged = deployment({ hostNetwork: true });
    expect(applicablePolicies(docs, privileged, platformNs)).toEqual([]);
    expect(applicablePolicies(docs, privileged, secretsNs)).toEqual([]);
  });

  describe('allow every object the generator emits for every fixture, in its own namespace', () => {
    const cases = fixtureStacks().flatMap(stack =>
      (['dev', 'stage', 'prod'] as const).map(
        env => [`${stack.fixture} ${env}`, stack, env] as const,
      ),
    );
    it.each(cases)('%s', (_, stack, env) => {
      const objects = kustomizeBuild(
        join(writeTree(stack.files, scratch), 'deploy/overlays', env),
      );
      const namespace = `${stack.system}-${env}`;
      for (const o of objects) {
        expect(o.metadata.namespace).toBe(namespace);
        applicablePolicies(docs, o, ns(namespace)).forEach(p =>
          matched.add(p.metadata.name),
        );
        expect({
          object: `${o.kind}/${o.metadata.name}`,
          denials: denials(o, namespace),
        }).toEqual({
          object: `${o.kind}/${o.metadata.name}`,
          denials: [],
        });
      }
    });
    it('and the generated objects reached every policy (runs after the cases above)', () => {
      expect([...matched].sort()).toEqual(
        policies.map(p => p.metadata.name).sort(),
      );
    });
  });

  describe('deny the red-team cases', () => {
    const deny = (
      obj: any,
      namespace: string,
      policy: string,
      message: RegExp,
    ) => {
      const got = denials(obj, namespace);
      expect(got.map(d => d.policy)).toContain(policy);
      expect(got.find(d => d.policy === policy)!.message).toMatch(message);
    };

    it("a Deployment of another system in this system's namespace", () => {
      deny(
        deployment({}, { 'idp.platform/system': 'commerce' }),
        'finance-prod',
        'idp-stack-system-labels',
        /belongs to system commerce, not to finance/,
      );
      deny(
        deployment(
          {},
          {
            'idp.platform/system': 'finance',
            'idp.platform/environment': 'dev',
          },
        ),
        'finance-prod',
        'idp-stack-system-labels',
        /environment dev, not to prod/,
      );
      expect(
        denials(
          deployment({}, { 'idp.platform/system': 'finance' }),
          'finance-prod',
        ),
      ).toEqual([]);
    });

    it('a privileged container, privilege escalation, added capabilities, host namespaces, hostPath, hostPort', () => {
      const withContainer = (securityContext: any, extra: any = {}) =>
        deployment({
          containers: [{ name: 'x', image: 'x', securityContext, ...extra }],
        });
      deny(
        withContainer({ privileged: true }),
        'commerce-dev',
        'idp-stack-pods',
        /privileged/,
      );
      deny(
        withContainer({ allowPrivilegeEscalation: true }),
        'commerce-dev',
        'idp-stack-pods',
        /privileged/,
      );
      deny(
        withContainer({ capabilities: { add: ['SYS_ADMIN'] } }),
        'commerce-dev',
        'idp-stack-pods',
        /capabilities/,
      );
      expect(
        denials(
          withContainer({
            capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] },
          }),
          'commerce-dev',
        ),
      ).toEqual([]);
      deny(
        withContainer({}, { ports: [{ containerPort: 80, hostPort: 80 }] }),
        'commerce-dev',
        'idp-stack-pods',
        /host ports/,
      );
      deny(
        deployment({ hostNetwork: true }),
        'commerce-dev',
        'idp-stack-pods',
        /host's network/,
      );
      deny(
        deployment({ hostPID: true }),
        'commerce-dev',
        'idp-stack-pods',
        /host's network, PID/,
      );
      deny(
        deployment({ volumes: [{ name: 'root', hostPath: { path: '/' } }] }),
        'commerce-dev',
        'idp-stack-pods',
        /hostPath/,
      );
      // A bare Pod, an init container and a CronJob template are checked too.
      deny(
        {
          apiVersion: 'v1',
          kind: 'Pod',
          metadata: { name: 'p' },
          spec: {
            containers: [{ name: 'c', image: 'c' }],
            initContainers: [
              { name: 'i', image: 'i', securityContext: { privileged: true } },
            ],
          },
        },
        'commerce-dev',
        'idp-stack-pods',
        /privileged/,
      );
      deny(
        {
          apiVersion: 'batch/v1',
          kind: 'CronJob',
          metadata: { name: 'c' },
          spec: {
            schedule: '* * * * *',
            jobTemplate: {
              spec: {
                template: {
                  spec: {
                    containers: [{ name: 'c', image: 'c' }],
                    hostIPC: true,
                  },
                },
              },
            },
          },
        },
        'commerce-dev',
        'idp-stack-pods',
        /IPC/,
      );
    });

    it('a toleration of the platform taint (or of every taint), platform node selection, nodeName', () => {
      deny(
        deployment({
          tolerations: [
            {
              key: 'idp.platform/dedicated',
              operator: 'Equal',
              value: 'platform',
              effect: 'NoSchedule',
            },
          ],
        }),
        'hello-prod',
        'idp-stack-pods',
        /platform taint/,
      );
      deny(
        deployment({ tolerations: [{ operator: 'Exists' }] }),
        'hello-prod',
        'idp-stack-pods',
        /every taint/,
      );
      expect(
        denials(
          deployment({
            tolerations: [
              {
                key: 'node.kubernetes.io/not-ready',
                operator: 'Exists',
                effect: 'NoExecute',
                tolerationSeconds: 300,
              },
            ],
          }),
          'hello-prod',
        ),
      ).toEqual([]);
      deny(
        deployment({ nodeSelector: { 'idp.platform/node-role': 'platform' } }),
        'hello-prod',
        'idp-stack-pods',
        /nodeSelector/,
      );
      deny(
        deployment({ nodeName: 'idp-control-plane' }),
        'hello-prod',
        'idp-stack-pods',
        /nodeName/,
      );
      const affinity = (term: any) => ({
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [term],
            },
          },
        },
      });
      deny(
        deployment(
          affinity({
            matchExpressions: [
              {
                key: 'idp.platform/node-role',
                operator: 'In',
                values: ['platform'],
              },
            ],
          }),
        ),
        'hello-prod',
        'idp-stack-pods',
        /node affinity/,
      );
      deny(
        deployment(
          affinity({
            matchFields: [
              {
                key: 'metadata.name',
                operator: 'In',
                values: ['idp-control-plane'],
              },
            ],
          }),
        ),
        'hello-prod',
        'idp-stack-pods',
        /node affinity/,
      );
      deny(
        deployment({
          affinity: {
            nodeAffinity: {
              preferredDuringSchedulingIgnoredDuringExecution: [
                {
                  weight: 1,
                  preference: {
                    matchExpressions: [
                      { key: 'idp.platform/node-role', operator: 'Exists' },
                    ],
                  },
                },
              ],
            },
          },
        }),
        'hello-prod',
        'idp-stack-pods',
        /node affinity/,
      );
      expect(
        denials(
          deployment(
            affinity({
              matchExpressions: [
                {
                  key: 'kubernetes.io/arch',
                  operator: 'In',
                  values: ['amd64'],
                },
              ],
            }),
          ),
          'hello-prod',
        ),
      ).toEqual([]);
    });

    const ingress = (rules: any[], extra: any = {}) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules, ...extra },
    });
    const rule = (host?: string) => ({
      ...(host ? { host } : {}),
      http: {
        paths: [
          {
            path: '/',
            pathType: 'Prefix',
            backend: { service: { name: 'web', port: { number: 80 } } },
          },
        ],
      },
    });

    it('a foreign hostname, a rule without host, a default backend, a route without hostnames', () => {
      expect(
        denials(
          ingress([rule('shop.example.com'), rule('api.shop.example.com')]),
          'commerce-prod',
        ),
      ).toEqual([]);
      deny(
        ingress([rule('portal.example.com')]),
        'commerce-prod',
        'idp-stack-hosts',
        /domains registered for system commerce/,
      );
      deny(
        ingress([rule('ledger.prod.apps.internal')]),
        'commerce-prod',
        'idp-stack-hosts',
        /commerce/,
      );
      // Look-alikes: a suffix without the dot, and the domain as a prefix.
      deny(
        ingress([rule('evilshop.example.com')]),
        'commerce-prod',
        'idp-stack-hosts',
        /commerce/,
      );
      deny(
        ingress([rule('shop.example.com.evil.io')]),
        'commerce-prod',
        'idp-stack-hosts',
        /commerce/,
      );
      deny(
        ingress([rule()]),
        'commerce-prod',
        'idp-stack-hosts',
        /every rule needs a host/,
      );
      deny(
        ingress([rule('shop.example.com')], {
          tls: [{ hosts: ['portal.example.com'], secretName: 'x' }],
        }),
        'commerce-prod',
        'idp-stack-hosts',
        /commerce/,
      );
      deny(
        ingress([rule('shop.example.com')], {
          defaultBackend: { service: { name: 'web', port: { number: 80 } } },
        }),
        'commerce-prod',
        'idp-stack-hosts',
        /commerce/,
      );
      const route = (hostnames?: string[]) => ({
        apiVersion: 'gateway.networking.k8s.io/v1',
        kind: 'HTTPRoute',
        metadata: { name: 'web' },
        spec: {
          parentRefs: [{ name: 'gw', namespace: 'traefik' }],
          ...(hostnames ? { hostnames } : {}),
          rules: [],
        },
      });
      expect(
        denials(route(['ledger.prod.apps.internal']), 'finance-prod'),
      ).toEqual([]);
      deny(
        route(['portal.example.com']),
        'finance-prod',
        'idp-stack-hosts',
        /HTTPRoute hostnames must be set and within the domains registered for system finance/,
      );
      deny(route(), 'finance-prod', 'idp-stack-hosts', /must be set/);
      // A namespace not rendered from the registry has no pattern: nothing is allowed.
      const bare = {
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'x-dev',
          labels: {
            'idp.platform/system': 'x',
            'idp.platform/environment': 'dev',
          },
        },
      };
      const got = admit(docs, route(['x.example.com']), bare);
      got.forEach(d => fired.add(`${d.policy}#${d.validation}`));
      expect(got.map(d => d.message)).toContain(
        'the namespace has no idp.platform/host-pattern annotation (it was not created from the system registry)',
      );
    });

    const externalSecret = (spec: any) => ({
      apiVersion: 'external-secrets.io/v1',
      kind: 'ExternalSecret',
      metadata: { name: 'db' },
      spec: {
        secretStoreRef: {
          kind: 'ClusterSecretStore',
          name: 'idp-secrets-commerce-prod',
        },
        target: { name: 'db' },
        ...spec,
      },
    });
    const key = (k: string) => ({
      data: [
        { secretKey: 'password', remoteRef: { key: k, property: 'password' } },
      ],
    });

    it("dataFrom.find, a foreign key, another environment's key, another store, a sourceRef", () => {
      expect(
        denials(
          externalSecret(key('commerce-prod.shop.store.root')),
          'commerce-prod',
        ),
      ).toEqual([]);
      deny(
        externalSecret({ dataFrom: [{ find: { name: { regexp: '.*' } } }] }),
        'commerce-prod',
        'idp-stack-external-secrets',
        /find and sourceRef are not allowed/,
      );
      deny(
        externalSecret(key('finance-prod.ledger.db.app')),
        'commerce-prod',
        'idp-stack-external-secrets',
        /must name a key of commerce-prod/,
      );
      deny(
        externalSecret(key('commerce-dev.shop.store.root')),
        'commerce-prod',
        'idp-stack-external-secrets',
        /commerce-prod/,
      );
      // A prefix without the separating dot is another namespace's (commerce-production).
      deny(
        externalSecret(key('commerce-production.x.y.z')),
        'commerce-prod',
        'idp-stack-external-secrets',
        /commerce-prod/,
      );
      deny(
        externalSecret({
          dataFrom: [{ extract: { key: 'finance-prod.ledger.db.app' } }],
        }),
        'commerce-prod',
        'idp-stack-external-secrets',
        /dataFrom/,
      );
      expect(
        denials(
          externalSecret({
            dataFrom: [{ extract: { key: 'commerce-prod.shop.store.root' } }],
          }),
          'commerce-prod',
        ),
      ).toEqual([]);
      deny(
        {
          ...externalSecret(key('commerce-prod.a.b.c')),
          spec: {
            ...externalSecret(key('commerce-prod.a.b.c')).spec,
            secretStoreRef: {
              kind: 'ClusterSecretStore',
              name: 'idp-secrets-finance-prod',
            },
          },
        },
        'commerce-prod',
        'idp-stack-external-secrets',
        /must use the ClusterSecretStore idp-secrets-commerce-prod/,
      );
      deny(
        {
          ...externalSecret(key('commerce-prod.a.b.c')),
          spec: {
            ...externalSecret(key('commerce-prod.a.b.c')).spec,
            secretStoreRef: { name: 'idp-secrets-commerce-prod' },
          },
        },
        'commerce-prod',
        'idp-stack-external-secrets',
        /ClusterSecretStore/,
      );
      deny(
        externalSecret({
          data: [
            {
              secretKey: 'p',
              remoteRef: { key: 'commerce-prod.a.b.c' },
              sourceRef: {
                storeRef: {
                  kind: 'ClusterSecretStore',
                  name: 'idp-secrets-finance-prod',
                },
              },
            },
          ],
        }),
        'commerce-prod',
        'idp-stack-external-secrets',
        /sourceRef is not allowed/,
      );
    });

    it('and every validation of every policy denied at least one case (runs after the cases above)', () => {
      const all = policies.flatMap(p =>
        p.spec.validations.map(
          (_: unknown, i: number) => `${p.metadata.name}#${i}`,
        ),
      );
      expect(all.filter(v => !fired.has(v))).toEqual([]);
      expect([...fired].filter(f => f.endsWith('#-1'))).toEqual([]);
    });
  });
});
