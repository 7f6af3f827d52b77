// Test helper: fast-check arbitraries for valid stack descriptions.
// eslint-disable-next-line @backstage/no-undeclared-imports
import fc from 'fast-check';

/** The types the arbitraries build; registry.test.ts holds it equal to the registry. */
export const ARBITRARY_TYPES = [
  'nodejs',
  'fastapi',
  'frontend',
  'postgres',
  'redis',
  'rabbitmq',
  'minio',
  'kafka',
] as const;
const SERVICES = new Set(['nodejs', 'fastapi']);
const DATA = new Set(['postgres', 'redis', 'rabbitmq', 'minio', 'kafka']);

const label = fc.stringMatching(/^[a-z][a-z0-9]{0,6}$/);
const cpu = fc.constantFrom('50m', '100m', '250m', '500m', '1');
const memory = fc.constantFrom('64Mi', '128Mi', '256Mi', '1Gi');

/** A random stack that validateStack must accept: unique names, sensible links, no service cycles. */
export const validStackArb = fc
  .record({
    name: label,
    system: label,
    version: fc.integer({ min: 19, max: 34 }),
    gateway: fc.boolean(),
    types: fc.array(fc.constantFrom(...ARBITRARY_TYPES), {
      minLength: 1,
      maxLength: 8,
    }),
    subs: fc.array(fc.uniqueArray(label, { maxLength: 3 }), {
      minLength: 8,
      maxLength: 8,
    }),
    ports: fc.array(fc.integer({ min: 1024, max: 65535 }), {
      minLength: 8,
      maxLength: 8,
    }),
    resources: fc.array(fc.record({ cpu, memory }), {
      minLength: 8,
      maxLength: 8,
    }),
    linkPicks: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.nat(), fc.boolean()), {
      maxLength: 12,
    }),
    prodReplicas: fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
    stageAutoscaling: fc.boolean(),
  })
  .map(r => {
    // One frontend at most: a stack has one hostname, and a frontend owns its root.
    const types = r.types.map((t, i) =>
      t === 'frontend' && r.types.indexOf('frontend') !== i ? 'nodejs' : t,
    );
    const components = types.map((type, i) => {
      const name = `c${i}-${type}`;
      const subs = r.subs[i].map(s => `${s}x`); // x: never a DLQ/DLX-like clash
      const c: Record<string, unknown> = { name, type };
      if (SERVICES.has(type) || type === 'frontend') {
        c.port = r.ports[i];
        c.resources = {
          requests: { cpu: '10m', memory: '32Mi' },
          limits: r.resources[i],
        };
      }
      if (type === 'postgres') c.databases = subs.map(n => ({ name: n }));
      if (type === 'redis')
        c.databases = subs.map((n, j) => ({ name: n, index: j }));
      if (type === 'rabbitmq')
        c.queues = subs.map((n, j) => ({ name: n, deadLetter: j % 2 === 0 }));
      if (type === 'minio') c.buckets = subs.map(n => ({ name: `b-${n}` }));
      if (type === 'kafka')
        c.topics = subs.map((n, j) => ({
          name: n,
          ...(j % 2 ? { partitions: j } : {}),
        }));
      return c as { name: string; type: string; [k: string]: any };
    });
    const links: Record<string, unknown>[] = [];
    const seen = new Set<string>();
    for (const [a, b, s, read] of r.linkPicks) {
      const from = components[a % components.length];
      const to = components[b % components.length];
      if (from.name === to.name) continue;
      const allowed =
        (SERVICES.has(from.type) &&
          (DATA.has(to.type) || SERVICES.has(to.type))) ||
        (from.type === 'frontend' && SERVICES.has(to.type));
      // Service → service only "forward" (by index) so calls form no cycle.
      if (
        !allowed ||
        (SERVICES.has(to.type) &&
          SERVICES.has(from.type) &&
          components.indexOf(to) < components.indexOf(from))
      )
        continue;
      const subList: any[] =
        to.databases ?? to.queues ?? to.buckets ?? to.topics ?? [];
      const target =
        subList.length > 0 && s % 2 === 0
          ? `${to.name}/${subList[s % subList.length].name}`
          : to.name;
      if (seen.has(`${from.name}>${target}`)) continue;
      seen.add(`${from.name}>${target}`);
      links.push({
        from: from.name,
        to: target,
        ...(DATA.has(to.type) && read ? { access: 'read' } : {}),
      });
    }
    return {
      apiVersion: 'idp.platform/v1alpha1',
      kind: 'Stack',
      metadata: { name: r.name, system: r.system, owner: 'group:x' },
      spec: {
        kubernetesVersion: `1.${r.version}`,
        ...(r.gateway && r.version >= 23
          ? { routing: { kind: 'gateway' } }
          : {}),
        components,
        links,
        environments: {
          stage: { autoscaling: { enabled: r.stageAutoscaling } },
          prod: { ...(r.prodReplicas ? { replicas: r.prodReplicas } : {}) },
        },
      },
    };
  });

/** Mutations that each make a valid stack invalid. */
export const MUTATIONS: ((s: any) => void)[] = [
  s => (s.spec.components[0].port = 70000),
  s => (s.metadata.name = 'Not_A_Label'),
  s => s.spec.components.push({ ...s.spec.components[0] }),
  s => s.spec.links.push({ from: s.spec.components[0].name, to: 'ghost' }),
  s =>
    s.spec.links.push({
      from: s.spec.components[0].name,
      to: s.spec.components[0].name,
    }),
  s =>
    (s.spec.components[0].resources = {
      requests: { cpu: '2' },
      limits: { cpu: '1' },
    }),
  s => (s.spec.components[0].resources = { requests: { memory: 'lots' } }),
  s => (s.spec.components[0].type = 'mongodb'),
  s => delete s.metadata.owner,
  s => (s.spec.kubernetesVersion = '1.2'),
  s => (s.metadata.system = 'kube-system'),
  s => (s.spec.components = []),
  s => (s.spec.components[0].name = 'x'.repeat(41)),
  s => (s.spec.environments.prod.components = { ghost: { replicas: 1 } }),
  s =>
    s.spec.components.push(
      { name: 'zfront', type: 'frontend' },
      { name: 'zdb', type: 'postgres' },
    ) && s.spec.links.push({ from: 'zfront', to: 'zdb' }),
];
