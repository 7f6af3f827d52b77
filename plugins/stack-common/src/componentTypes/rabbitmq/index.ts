import { defaultImage } from '../defaultImages';
import { componentVersion } from '../../model/resolve';
import { issue } from '../../validation/issues';
import type { ComponentKind } from '../kind';
import { rabbitmqDefaults } from './manifests';
import { rabbitmqComponentSchema, type RabbitmqComponent } from './schema';
import { serviceToRabbitmq } from './serviceToRabbitmq';

/** RabbitMQ run by the cluster operator, queues and exchanges by the messaging-topology operator. */
export const rabbitmqKind: ComponentKind<RabbitmqComponent> = {
  type: 'rabbitmq',
  description: 'RabbitMQ message broker',
  role: 'data',
  schema: rabbitmqComponentSchema,
  defaults: {
    version: '3.13',
    port: 5672,
    resources: {
      requests: { cpu: '250m', memory: '512Mi' },
      limits: { cpu: '1', memory: '1Gi' },
    },
  },
  image: (_stack, c) =>
    defaultImage('rabbitmq', componentVersion(c)) ??
    `docker.io/library/rabbitmq:${componentVersion(c)}-management`,
  runtimeEnv: () => [],
  subComponents: [
    { field: 'queues', kind: 'queue', catalogType: 'queue', topology: 'queue' },
    {
      field: 'exchanges',
      kind: 'exchange',
      catalogType: 'exchange',
      topology: 'exchange',
    },
  ],
  uniqueNames: ['queues', 'exchanges'],
  checks: (c, at) => {
    // Dead-letter exchanges are named `<queue>.dlx`; ordinary names never contain dots.
    const queues = new Set(
      (Array.isArray(c.queues) ? c.queues : []).map((q: any) => q?.name),
    );
    return (Array.isArray(c.exchanges) ? c.exchanges : []).flatMap(
      (e: any, j: number) =>
        e && typeof e === 'object' && queues.has(e.name)
          ? [
              issue(
                [...at, 'exchanges', j, 'name'],
                'unique-name',
                `${JSON.stringify(
                  e.name,
                )} is already the name of a queue (links address both by name)`,
              ),
            ]
          : [],
    );
  },
  links: {
    asSource: [],
    asTarget: [
      { peers: ['service'], rule: serviceToRabbitmq, options: ['access'] },
    ],
  },
  manifests: rabbitmqDefaults,
  // The cluster operator labels its pods with the cluster name and `part-of: rabbitmq`.
  podSelector: (_stack, c) => ({
    'app.kubernetes.io/name': c.name,
    'app.kubernetes.io/part-of': 'rabbitmq',
  }),
  replicasPatch: (c, replicas) => ({
    apiVersion: 'rabbitmq.com/v1beta1',
    kind: 'RabbitmqCluster',
    metadata: { name: c.name },
    spec: { replicas },
  }),
  catalog: { kind: 'Resource', type: 'message-broker' },
  topology: 'queue',
  starter: name => ({ name, type: 'rabbitmq', queues: [{ name: 'events' }] }),
};
