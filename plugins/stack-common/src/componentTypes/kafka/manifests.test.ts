import { stackOf } from '../../testUtils/links';
import { validateStack } from '../../validation/validateStack';
import { generateManifests } from '../../generator/generateManifests';
import { kafkaDefaults } from './manifests';

const stackWith = (kafka: Record<string, unknown>) =>
  stackOf({
    components: [
      {
        name: 'events',
        type: 'kafka',
        topics: [{ name: 'orders', partitions: 6 }, { name: 'audit' }],
        ...kafka,
      },
    ],
  });

describe('kafka defaults', () => {
  it('declares a KRaft cluster: a Kafka with a SCRAM listener and simple authorization, and a combined node pool', () => {
    const stack = stackWith({ replicas: 3 });
    const objects = kafkaDefaults(
      stack,
      stack.spec.components[0] as any,
    ).objects!.map(o => o.object as any);
    const kafka = objects.find(o => o.kind === 'Kafka');
    expect(kafka.apiVersion).toBe('kafka.strimzi.io/v1');
    expect(kafka.spec.kafka).toMatchObject({
      version: '4.1.1',
      listeners: [
        {
          name: 'scram',
          port: 9092,
          type: 'internal',
          tls: false,
          authentication: { type: 'scram-sha-512' },
        },
      ],
      authorization: { type: 'simple' },
      config: {
        'default.replication.factor': 3,
        'min.insync.replicas': 2,
        'auto.create.topics.enable': false,
      },
    });
    expect(kafka.spec.entityOperator).toEqual({
      topicOperator: {},
      userOperator: {},
    });
    const pool = objects.find(o => o.kind === 'KafkaNodePool');
    expect(pool.metadata).toMatchObject({
      name: 'events-pool',
      labels: { 'strimzi.io/cluster': 'events' },
    });
    expect(pool.spec).toMatchObject({
      replicas: 3,
      roles: ['controller', 'broker'],
    });
    expect(pool.spec.storage.volumes[0]).toEqual({
      id: 0,
      type: 'persistent-claim',
      size: '10Gi',
      deleteClaim: false,
      kraftMetadata: 'shared',
    });
  });

  it('declares each topic with its partitions and a replication the cluster can hold', () => {
    const stack = stackWith({});
    const topics = kafkaDefaults(stack, stack.spec.components[0] as any)
      .objects!.map(o => o.object as any)
      .filter(o => o.kind === 'KafkaTopic');
    expect(topics.map(t => [t.metadata.name, t.spec])).toEqual([
      ['events-orders', { topicName: 'orders', partitions: 6, replicas: 1 }],
      ['events-audit', { topicName: 'audit', partitions: 3, replicas: 1 }],
    ]);
  });

  it('lets the Strimzi operator in and the nodes talk to each other, with no egress of their own to the Kubernetes API', () => {
    const stack = stackWith({});
    const policies = kafkaDefaults(stack, stack.spec.components[0] as any)
      .objects!.map(o => o.object as any)
      .filter(o => o.kind === 'NetworkPolicy');
    const byName = Object.fromEntries(
      policies.map(p => [p.metadata.name, p.spec]),
    );
    expect(byName['events-from-operator'].ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'strimzi' },
            },
          },
        ],
        ports: [9090, 9091, 8443].map(port => ({ protocol: 'TCP', port })),
      },
    ]);
    expect(
      byName['events-to-peers'].egress[0].ports.map((p: any) => p.port),
    ).toEqual([9090, 9091, 9092]);
    // Egress to the API server is the platform's (argocd/tenancy), never a stack's 0.0.0.0/0.
    expect(Object.keys(byName)).not.toContain('events-to-kube-api');
  });

  it('scales the node pool per environment', () => {
    const r = validateStack({
      apiVersion: 'idp.platform/v1alpha1',
      kind: 'Stack',
      metadata: { name: 'shop', system: 'commerce', owner: 'group:x' },
      spec: {
        components: [{ name: 'events', type: 'kafka' }],
        environments: { prod: { components: { events: { replicas: 3 } } } },
      },
    });
    if (!r.ok) throw new Error(r.issues[0].message);
    const patch = generateManifests(r.stack).find(
      f => f.path === 'deploy/overlays/prod/patches/events-kafkanodepool.yaml',
    );
    expect(patch?.content).toBe(
      'apiVersion: kafka.strimzi.io/v1\nkind: KafkaNodePool\nmetadata:\n  name: events-pool\nspec:\n  replicas: 3\n',
    );
  });

  it('rejects listener ports Strimzi reserves', () => {
    const r = validateStack({
      apiVersion: 'idp.platform/v1alpha1',
      kind: 'Stack',
      metadata: { name: 'shop', system: 'commerce', owner: 'group:x' },
      spec: {
        components: [
          {
            name: 'events',
            type: 'kafka',
            port: 9091,
            topics: [{ name: 'a' }, { name: 'a', partitions: 0 }],
          },
        ],
      },
    });
    expect(r.ok ? [] : r.issues.map(i => `${i.rule} | ${i.message}`)).toEqual(
      expect.arrayContaining([
        'port | spec.components[0].port: 9091 is reserved by Strimzi (listener ports start at 9092; not 9404 or 9999)',
        'range | spec.components[0].topics[1].partitions: 0 is outside 1–1000',
        'unique-name | spec.components[0].topics[1].name: "a" is already used by topics[0]',
      ]),
    );
  });
});
