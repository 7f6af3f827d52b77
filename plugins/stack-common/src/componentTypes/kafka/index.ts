import { componentVersion } from '../../model/resolve';
import { issue } from '../../validation/issues';
import type { ComponentKind } from '../kind';
import {
  kafkaDefaults,
  kafkaPodSelector,
  nodePoolName,
  STRIMZI_API,
} from './manifests';
import { kafkaComponentSchema, type KafkaComponent } from './schema';
import { serviceToKafka } from './serviceToKafka';

/**
 * Strimzi 1.0.0 ships images for Kafka 4.1.0, 4.1.1, 4.1.2 and 4.2.0 and
 * serves only the v1 API (release notes of 1.0.0-rc1/-rc2,
 * github.com/strimzi/strimzi-kafka-operator/releases); 4.1.1 is the default.
 * The operator picks `quay.io/strimzi/kafka:1.0.0-kafka-<version>` from
 * `spec.kafka.version`; we set `image` only when stack.yaml does.
 */
export const STRIMZI_VERSION = '1.0.0';

/** Apache Kafka run by Strimzi in KRaft mode; topics and users by its entity operator. */
export const kafkaKind: ComponentKind<KafkaComponent> = {
  type: 'kafka',
  description: 'Apache Kafka (Strimzi, KRaft)',
  role: 'data',
  schema: kafkaComponentSchema,
  defaults: {
    version: '4.1.1',
    port: 9092,
    resources: {
      requests: { cpu: '250m', memory: '1Gi' },
      limits: { cpu: '1', memory: '2Gi' },
    },
  },
  image: (_stack, c) =>
    `quay.io/strimzi/kafka:${STRIMZI_VERSION}-kafka-${componentVersion(c)}`,
  runtimeEnv: () => [],
  subComponents: [
    { field: 'topics', kind: 'topic', catalogType: 'topic', topology: 'queue' },
  ],
  uniqueNames: ['topics'],
  checks: (c, at) => {
    // Strimzi reserves ports below 9092 and uses 9404 (metrics) and 9999 (JMX) itself.
    const port = typeof c.port === 'number' ? c.port : undefined;
    return port !== undefined && (port < 9092 || port === 9404 || port === 9999)
      ? [
          issue(
            [...at, 'port'],
            'port',
            `${port} is reserved by Strimzi (listener ports start at 9092; not 9404 or 9999)`,
          ),
        ]
      : [];
  },
  links: {
    asSource: [],
    asTarget: [
      { peers: ['service'], rule: serviceToKafka, options: ['access'] },
    ],
  },
  manifests: kafkaDefaults,
  podSelector: (_stack, c) => kafkaPodSelector(c),
  replicasPatch: (c, replicas) => ({
    apiVersion: STRIMZI_API,
    kind: 'KafkaNodePool',
    metadata: { name: nodePoolName(c) },
    spec: { replicas },
  }),
  catalog: { kind: 'Resource', type: 'event-stream' },
  topology: 'queue',
  starter: name => ({ name, type: 'kafka', topics: [{ name: 'events' }] }),
};
