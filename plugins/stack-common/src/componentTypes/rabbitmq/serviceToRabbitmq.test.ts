import { runRule, stackOf, objectsOf } from '../../testUtils/links';
import { serviceToRabbitmq } from './serviceToRabbitmq';

const stack = (access?: string) =>
  stackOf({
    components: [
      { name: 'api', type: 'nodejs' },
      {
        name: 'mq',
        type: 'rabbitmq',
        queues: [{ name: 'orders', deadLetter: true }],
        exchanges: [{ name: 'events' }],
      },
    ],
    links: [
      { from: 'api', to: 'mq/orders', ...(access ? { access } : {}) },
      { from: 'api', to: 'mq/events' },
    ],
  });

describe('service → rabbitmq', () => {
  it('declares a user from a secret reference, scoped permissions and the AMQP URL', () => {
    const a = runRule(serviceToRabbitmq, stack());
    expect(
      a.env![0].vars.map(v => [
        v.name,
        v.value ?? v.valueFrom?.secretKeyRef.name,
      ]),
    ).toEqual([
      ['MQ_ORDERS_HOST', 'mq'],
      ['MQ_ORDERS_PORT', '5672'],
      ['MQ_ORDERS_USERNAME', 'mq-api-orders-credentials'],
      ['MQ_ORDERS_PASSWORD', 'mq-api-orders-credentials'],
      [
        'MQ_ORDERS_URL',
        'amqp://$(MQ_ORDERS_USERNAME):$(MQ_ORDERS_PASSWORD)@mq:5672/',
      ],
      ['MQ_ORDERS_QUEUE', 'orders'],
      ['MQ_ORDERS_DEAD_LETTER_QUEUE', 'orders.dlq'],
    ]);
    expect(objectsOf(a, 'User')[0].spec).toEqual({
      tags: [],
      importCredentialsSecret: { name: 'mq-api-orders-credentials' },
      rabbitmqClusterReference: { name: 'mq' },
    });
    expect(objectsOf(a, 'Permission')[0].spec.permissions).toEqual({
      configure: '^$',
      write: '^amq\\.default$',
      read: '^(orders|orders\\.dlq)$',
    });
    expect(objectsOf(a, 'ExternalSecret')[0].spec.target.name).toBe(
      'mq-api-orders-credentials',
    );
    const [egress] = objectsOf(a, 'NetworkPolicy');
    expect(egress.spec.egress[0]).toEqual({
      to: [
        {
          podSelector: {
            matchLabels: {
              'app.kubernetes.io/name': 'mq',
              'app.kubernetes.io/part-of': 'rabbitmq',
            },
          },
        },
      ],
      ports: [{ protocol: 'TCP', port: 5672 }],
    });
  });

  it('lets read links consume but not publish', () => {
    const perm = objectsOf(
      runRule(serviceToRabbitmq, stack('read')),
      'Permission',
    )[0];
    expect(perm.spec.permissions.write).toBe('^$');
  });

  it('lets exchange links publish to that exchange only', () => {
    const a = runRule(serviceToRabbitmq, stack(), 1);
    expect(objectsOf(a, 'Permission')[0].spec.permissions).toEqual({
      configure: '^$',
      write: '^events$',
      read: '^$',
    });
    expect(a.env![0].vars.at(-1)).toEqual({
      name: 'MQ_EVENTS_EXCHANGE',
      value: 'events',
    });
  });
});
