import { validateStack } from './validateStack';
import { parseStackYaml } from '../yaml/parseStackYaml';
import { serializeStack } from '../yaml/serializeStack';
import { stackJsonSchema } from '../schema/jsonSchema';
import { loadFixture, fixtureNames } from '../testUtils/fixtures';

const base = () => ({
  apiVersion: 'idp.platform/v1alpha1',
  kind: 'Stack',
  metadata: { name: 'shop', system: 'commerce', owner: 'group:commerce' },
  spec: {
    components: [{ name: 'api', type: 'nodejs' }] as any[],
    links: [] as any[],
  },
});

const issuesOf = (input: unknown) => {
  const r = validateStack(input);
  if (r.ok) throw new Error('expected issues');
  return r.issues.map(i => `${i.rule} | ${i.message}`);
};

describe('validateStack', () => {
  it('accepts every fixture', () => {
    for (const name of fixtureNames())
      expect(() => loadFixture(name)).not.toThrow();
  });

  it('reports every problem at once with path and rule', () => {
    const s = base();
    s.metadata.name = 'Shop';
    (s.metadata as any).email = 'nope';
    s.spec.components.push(
      {
        name: 'db',
        type: 'postgres',
        resources: { requests: { memory: '2Gi' }, limits: { memory: '1Gi' } },
      },
      { name: 'web', type: 'frontend', port: 70000 },
      { name: 'api', type: 'redis' },
      { name: 'q', type: 'rabbitmq', storage: '10 GB' },
    );
    s.spec.links.push(
      { from: 'web', to: 'db' },
      { from: 'api', to: 'api' },
      { from: 'api', to: 'nowhere' },
      { from: 'api', to: 'db/missing' },
    );
    expect(issuesOf(s).sort()).toEqual(
      [
        'dns-1123-label | metadata.name: "Shop" is not a DNS-1123 label (lowercase letters, digits, "-")',
        'email | metadata.email: "nope" is not an email address',
        'requests-within-limits | spec.components[1].resources.requests.memory: in dev, stage, prod: memory request 2Gi is above its limit 1Gi (spec.components[1].resources.limits.memory)',
        'port | spec.components[2].port: 70000 is outside 1–65535',
        'unique-name | spec.components[3].name: "api" is already the name of spec.components[0]',
        'quantity | spec.components[4].storage: "10 GB" is not a Kubernetes quantity',
        'link-type | spec.links[0]: a frontend component cannot link to a postgres component (web → db)',
        'self-link | spec.links[1]: api links to itself',
        'link-target | spec.links[2].to: "nowhere" is not a component of this stack',
        'link-target | spec.links[3].to: "missing" is not a database, queue, exchange, bucket or topic of db',
      ].sort(),
    );
  });

  it('rejects reserved and over-long namespaces', () => {
    const s = base();
    s.metadata.system = 'kube-system';
    expect(issuesOf(s)).toContain(
      'namespace | metadata.system: "kube-system" gives reserved namespaces (kube-*, default)',
    );
    s.metadata.system = 'a'.repeat(58);
    expect(
      issuesOf(s).some(i =>
        i.startsWith('namespace | metadata.system: namespace'),
      ),
    ).toBe(true);
  });

  it('holds names to the conventions: the system fits its GitHub topic, platform names are reserved', () => {
    const s = base();
    s.metadata.system = 'a'.repeat(39);
    expect(validateStack(s).ok).toBe(true);
    s.metadata.system = 'a'.repeat(40);
    expect(issuesOf(s)).toEqual([
      `topic-length | metadata.system: "${'a'.repeat(
        40,
      )}" is longer than 39 characters; the GitHub topic idp-system-<system> allows no more`,
    ]);
    s.metadata.system = 'argocd';
    s.metadata.name = 'kube-proxy';
    expect(issuesOf(s)).toEqual([
      'reserved-name | metadata.system: "argocd" is reserved for the platform',
      'reserved-name | metadata.name: "kube-proxy" is reserved: kube-* belongs to Kubernetes',
    ]);
  });

  it('rejects service call cycles, unknown override targets and bad autoscaling bounds', () => {
    const s: any = base();
    s.spec.components.push(
      { name: 'b', type: 'fastapi' },
      { name: 'c', type: 'nodejs' },
    );
    s.spec.links.push(
      { from: 'api', to: 'b' },
      { from: 'b', to: 'c' },
      { from: 'c', to: 'api' },
    );
    s.spec.environments = {
      prod: {
        autoscaling: { enabled: true, minReplicas: 5, maxReplicas: 2 },
        components: { ghost: { replicas: 2 } },
      },
    };
    expect(issuesOf(s)).toEqual([
      'link-cycle | spec.links: services call each other in a cycle (api → b → c → api); readiness that depends on callees can never settle',
      'autoscaling-range | spec.environments.prod.autoscaling.minReplicas: minReplicas 5 is above maxReplicas 2',
      'unknown-component | spec.environments.prod.components.ghost: "ghost" is not a component of this stack',
    ]);
  });

  it('rejects two workloads on the same route', () => {
    const s: any = base();
    s.spec.components.push(
      { name: 'web', type: 'frontend' },
      { name: 'admin', type: 'frontend' },
      { name: 'b', type: 'fastapi' },
    );
    s.spec.links.push(
      { from: 'web', to: 'api', pathPrefix: '/api' },
      { from: 'admin', to: 'b', pathPrefix: '/api' },
    );
    expect(issuesOf(s)).toEqual([
      'route-conflict | spec.components[2]: path / already routes to web',
      'route-conflict | spec.links[1].pathPrefix: path /api already routes to api',
    ]);
  });

  it('names unknown fields, missing fields and unknown types', () => {
    const s: any = base();
    s.spec.components[0].prot = 80;
    s.spec.components.push({ type: 'mongodb', name: 'm' });
    delete s.metadata.owner;
    expect(issuesOf(s)).toEqual(
      expect.arrayContaining([
        'unknown-field | spec.components[0].prot: is not a known field',
        'required | metadata.owner: is required',
        'component-type | spec.components[1].type: must be one of nodejs, fastapi, frontend, postgres, redis, rabbitmq, minio, kafka (got "mongodb")',
      ]),
    );
  });

  it('never throws on garbage', () => {
    for (const input of [
      null,
      undefined,
      42,
      'x',
      [],
      { spec: 'x' },
      { spec: { components: [null, 1], links: [null] } },
    ]) {
      const r = validateStack(input);
      expect(r.ok).toBe(false);
    }
  });
});

describe('parseStackYaml / serializeStack', () => {
  it('turns YAML syntax errors into issues with a position', () => {
    const r = parseStackYaml('apiVersion: x\n  kind: [\n');
    expect(r.ok).toBe(false);
    expect(r.ok ? undefined : r.issues[0]).toMatchObject({
      path: '(root)',
      rule: 'yaml-syntax',
      message: expect.stringMatching(/^\(root\): line \d+, column \d+: /),
    });
  });

  it('round-trips every fixture deterministically', () => {
    for (const name of fixtureNames()) {
      const stack = loadFixture(name);
      const text = serializeStack(stack);
      const again = parseStackYaml(text);
      expect(again.ok && again.stack).toEqual(stack);
      expect(serializeStack(again.ok ? again.stack : stack)).toBe(text);
    }
  });

  it('orders keys by the schema, whatever order the object had', () => {
    const s: any = base();
    const shuffled = {
      spec: s.spec,
      metadata: {
        owner: s.metadata.owner,
        system: s.metadata.system,
        name: s.metadata.name,
      },
      kind: s.kind,
      apiVersion: s.apiVersion,
    };
    expect(serializeStack(shuffled)).toBe(serializeStack(s));
    expect(
      serializeStack(s).startsWith(
        'apiVersion: idp.platform/v1alpha1\nkind: Stack\nmetadata:\n  name: shop\n',
      ),
    ).toBe(true);
  });

  it('exports a JSON Schema of the stack', () => {
    expect(stackJsonSchema).toMatchObject({
      type: 'object',
      required: expect.arrayContaining([
        'apiVersion',
        'kind',
        'metadata',
        'spec',
      ]),
    });
    expect(JSON.stringify(stackJsonSchema)).toContain('"rabbitmq"');
  });
});
