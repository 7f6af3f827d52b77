import { runRule, stackOf, objectsOf } from '../../testUtils/links';
import { validateStack } from '../../validation/validateStack';
import { serviceToKafka } from './serviceToKafka';

const spec = (access?: string, to = 'events/orders') => ({
  components: [
    { name: 'api', type: 'nodejs' },
    {
      name: 'events',
      type: 'kafka',
      topics: [{ name: 'orders' }, { name: 'audit' }],
    },
  ],
  links: [{ from: 'api', to, ...(access ? { access } : {}) }],
});

describe('service → kafka', () => {
  it('gives the service its own SCRAM user, the bootstrap address and the topic', () => {
    const a = runRule(serviceToKafka, stackOf(spec()));
    expect(a.env).toEqual([
      {
        component: 'api',
        vars: [
          {
            name: 'EVENTS_ORDERS_BOOTSTRAP_SERVERS',
            value: 'events-kafka-bootstrap:9092',
          },
          { name: 'EVENTS_ORDERS_SECURITY_PROTOCOL', value: 'SASL_PLAINTEXT' },
          { name: 'EVENTS_ORDERS_SASL_MECHANISM', value: 'SCRAM-SHA-512' },
          { name: 'EVENTS_ORDERS_USERNAME', value: 'events-api-orders' },
          {
            name: 'EVENTS_ORDERS_PASSWORD',
            valueFrom: {
              secretKeyRef: { name: 'events-api-orders', key: 'password' },
            },
          },
          {
            name: 'EVENTS_ORDERS_SASL_JAAS_CONFIG',
            valueFrom: {
              secretKeyRef: {
                name: 'events-api-orders',
                key: 'sasl.jaas.config',
              },
            },
          },
          { name: 'EVENTS_ORDERS_CONSUMER_GROUP', value: 'api' },
          { name: 'EVENTS_ORDERS_TOPIC', value: 'orders' },
        ],
      },
    ]);
    const [user] = objectsOf(a, 'KafkaUser');
    expect(user.metadata.name).toBe('events-api-orders');
    expect(user.metadata.labels['strimzi.io/cluster']).toBe('events');
    expect(user.spec.authentication).toEqual({ type: 'scram-sha-512' });
    // No Secret with a value: the user operator writes the password.
    expect(objectsOf(a, 'Secret')).toEqual([]);
  });

  it('allows read-write links to produce and consume the linked topic only, plus their own consumer groups', () => {
    const [user] = objectsOf(
      runRule(serviceToKafka, stackOf(spec())),
      'KafkaUser',
    );
    expect(user.spec.authorization).toEqual({
      type: 'simple',
      acls: [
        {
          resource: { type: 'topic', name: 'orders', patternType: 'literal' },
          operations: ['Describe', 'Read', 'Write'],
        },
        {
          resource: { type: 'group', name: 'api', patternType: 'prefix' },
          operations: ['Describe', 'Read'],
        },
      ],
    });
  });

  it('denies writes to read links', () => {
    const [user] = objectsOf(
      runRule(serviceToKafka, stackOf(spec('read'))),
      'KafkaUser',
    );
    expect(user.spec.authorization.acls[0].operations).toEqual([
      'Describe',
      'Read',
    ]);
    expect(JSON.stringify(user.spec.authorization.acls)).not.toContain('Write');
  });

  it('grants every declared topic, by name, to a link to the whole cluster', () => {
    const a = runRule(serviceToKafka, stackOf(spec(undefined, 'events')));
    const [user] = objectsOf(a, 'KafkaUser');
    expect(user.metadata.name).toBe('events-api');
    expect(
      user.spec.authorization.acls.map((x: any) => x.resource.name),
    ).toEqual(['orders', 'audit', 'api']);
    expect(a.env![0].vars.some(v => v.name.endsWith('_TOPIC'))).toBe(false);
  });

  it('lets exactly the service reach the Strimzi pods on the listener port', () => {
    const [egress, ingress] = objectsOf(
      runRule(serviceToKafka, stackOf(spec())),
      'NetworkPolicy',
    );
    expect(egress.metadata.name).toBe('api-to-events');
    expect(egress.spec.egress).toEqual([
      {
        to: [
          {
            podSelector: {
              matchLabels: {
                'strimzi.io/cluster': 'events',
                'strimzi.io/kind': 'Kafka',
              },
            },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9092 }],
      },
    ]);
    expect(ingress.metadata.name).toBe('events-from-api');
    expect(ingress.spec.podSelector.matchLabels).toEqual({
      'strimzi.io/cluster': 'events',
      'strimzi.io/kind': 'Kafka',
    });
  });

  it('is validated like every link: unknown topics, non-service sources', () => {
    const bad = (links: unknown[]) => {
      const r = validateStack({
        apiVersion: 'idp.platform/v1alpha1',
        kind: 'Stack',
        metadata: { name: 'shop', system: 'commerce', owner: 'group:x' },
        spec: {
          components: [...spec().components, { name: 'web', type: 'frontend' }],
          links,
        },
      });
      return r.ok ? [] : r.issues.map(i => `${i.rule} | ${i.message}`);
    };
    expect(bad([{ from: 'api', to: 'events/ghost' }])).toEqual([
      'link-target | spec.links[0].to: "ghost" is not a database, queue, exchange, bucket or topic of events',
    ]);
    expect(bad([{ from: 'web', to: 'events/orders' }])).toEqual([
      'link-type | spec.links[0]: a frontend component cannot link to a kafka component (web → events/orders)',
    ]);
  });
});
