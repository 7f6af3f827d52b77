import type { Stack } from '../../schema/stackSchema';
import {
  componentPort,
  imageFor,
  labelsFor,
  componentResources,
} from '../../model/resolve';
import type { Additions, K8sObject } from '../../generator/types';
import { operatorClusterPolicies } from '../operatorClusterPolicies';
import type { RabbitmqComponent } from './schema';

/** Namespace of the RabbitMQ cluster and messaging-topology operators. */
export const RABBITMQ_OPERATOR_NAMESPACE = 'rabbitmq-system';

/** Dead-letter exchange and queue of a queue. */
export const deadLetterNames = (queue: string) => ({
  exchange: `${queue}.dlx`,
  queue: `${queue}.dlq`,
});

const ref = (c: RabbitmqComponent) => ({
  rabbitmqClusterReference: { name: c.name },
});

/**
 * A RabbitmqCluster plus its queues and exchanges as messaging-topology
 * resources. A queue with `deadLetter` gets `<queue>.dlx` (direct exchange),
 * `<queue>.dlq` and a binding, and routes rejected messages there.
 */
export function rabbitmqDefaults(
  stack: Stack,
  c: RabbitmqComponent,
): Additions {
  const labels = labelsFor(stack, c);
  const port = componentPort(c);
  const obj = (
    kind: string,
    name: string,
    spec: Record<string, unknown>,
  ): K8sObject => ({
    apiVersion: 'rabbitmq.com/v1beta1',
    kind,
    metadata: { name, labels },
    spec: { ...spec, ...ref(c) },
  });
  const objects: K8sObject[] = [
    {
      apiVersion: 'rabbitmq.com/v1beta1',
      kind: 'RabbitmqCluster',
      metadata: { name: c.name, labels },
      spec: {
        replicas: c.replicas ?? 1,
        image: imageFor(stack, c),
        resources: componentResources(c),
        persistence: { storage: c.storage ?? '1Gi' },
      },
    },
  ];
  for (const q of c.queues ?? []) {
    const dl = deadLetterNames(q.name);
    objects.push(
      obj('Queue', `${c.name}-${q.name}`, {
        name: q.name,
        durable: q.durable ?? true,
        ...(q.deadLetter
          ? {
              arguments: {
                'x-dead-letter-exchange': dl.exchange,
                'x-dead-letter-routing-key': dl.queue,
              },
            }
          : {}),
      }),
    );
    if (q.deadLetter) {
      objects.push(
        obj('Exchange', `${c.name}-${q.name}-dlx`, {
          name: dl.exchange,
          type: 'direct',
          durable: true,
        }),
        obj('Queue', `${c.name}-${q.name}-dlq`, {
          name: dl.queue,
          durable: true,
        }),
        obj('Binding', `${c.name}-${q.name}-dlq`, {
          source: dl.exchange,
          destination: dl.queue,
          destinationType: 'queue',
          routingKey: dl.queue,
        }),
      );
    }
  }
  for (const e of c.exchanges ?? []) {
    objects.push(
      obj('Exchange', `${c.name}-${e.name}`, {
        name: e.name,
        type: e.type ?? 'topic',
        durable: true,
      }),
    );
  }
  // Operators use AMQP and the management API; nodes cluster over epmd/dist ports.
  return {
    objects: [
      ...objects.map(object => ({ component: c.name, object })),
      ...operatorClusterPolicies(
        stack,
        c,
        RABBITMQ_OPERATOR_NAMESPACE,
        [port, 15672],
        [4369, 25672, port, 15672],
      ),
    ],
  };
}
