import { stackOf } from '../../testUtils/links';
import { rabbitmqDefaults } from './manifests';

describe('rabbitmq defaults', () => {
  it('declares a queue with its dead-letter exchange, DLQ and binding', () => {
    const stack = stackOf({
      components: [
        {
          name: 'mq',
          type: 'rabbitmq',
          queues: [{ name: 'orders', deadLetter: true }, { name: 'plain' }],
        },
      ],
    });
    const objects = rabbitmqDefaults(
      stack,
      stack.spec.components[0] as any,
    ).objects!.map(o => o.object as any);
    const byKind = (k: string) =>
      objects
        .filter(o => o.kind === k)
        .map(o => [o.metadata.name, o.spec.name ?? o.spec.source]);
    expect(byKind('Queue')).toEqual([
      ['mq-orders', 'orders'],
      ['mq-orders-dlq', 'orders.dlq'],
      ['mq-plain', 'plain'],
    ]);
    expect(byKind('Exchange')).toEqual([['mq-orders-dlx', 'orders.dlx']]);
    expect(
      objects.find(o => o.metadata.name === 'mq-orders').spec.arguments,
    ).toEqual({
      'x-dead-letter-exchange': 'orders.dlx',
      'x-dead-letter-routing-key': 'orders.dlq',
    });
    expect(objects.find(o => o.kind === 'Binding').spec).toMatchObject({
      source: 'orders.dlx',
      destination: 'orders.dlq',
      routingKey: 'orders.dlq',
    });
    expect(
      objects.find(o => o.metadata.name === 'mq-plain').spec.arguments,
    ).toBeUndefined();
  });
});
