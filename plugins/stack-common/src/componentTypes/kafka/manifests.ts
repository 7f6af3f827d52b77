import type { Stack } from '../../schema/stackSchema';
import {
  componentPort,
  componentVersion,
  labelsFor,
  componentResources,
} from '../../model/resolve';
import type { Additions, K8sObject } from '../../generator/types';
import { operatorClusterPolicies } from '../operatorClusterPolicies';
import type { KafkaComponent } from './schema';

/**
 * Strimzi 1.0.0 serves only the `kafka.strimzi.io/v1` API and runs Kafka in
 * KRaft mode, with nodes declared by KafkaNodePools
 * (github.com/strimzi/strimzi-kafka-operator/releases/tag/1.0.0; schemas
 * checked with @kubernetes-models/strimzi-kafka-operator, generated from its CRDs).
 */
export const STRIMZI_API = 'kafka.strimzi.io/v1';
/** Namespace of the Strimzi cluster operator (argocd/platform installs it there). */
export const STRIMZI_NAMESPACE = 'strimzi';
/** Strimzi's internal ports: KRaft control plane, replication (also the operators' TLS listener), Kafka agent. */
const CONTROLPLANE_PORT = 9090;
const REPLICATION_PORT = 9091;
const KAFKA_AGENT_PORT = 8443;
/** The only listener: in-cluster, SASL/SCRAM-SHA-512 with KafkaUser credentials. */
export const LISTENER = 'scram';

/** Labels Strimzi puts on every pod of a cluster (brokers, controllers, entity operator). */
export const kafkaPodSelector = (c: { name: string }) => ({
  'strimzi.io/cluster': c.name,
  'strimzi.io/kind': 'Kafka',
});
/** Strimzi's bootstrap Service of a cluster. */
export const bootstrapService = (c: { name: string }) =>
  `${c.name}-kafka-bootstrap`;
/** The KafkaNodePool of a component (combined controller + broker nodes). */
export const nodePoolName = (c: { name: string }) => `${c.name}-pool`;

/**
 * A Kafka cluster in KRaft mode: one KafkaNodePool of combined controller +
 * broker nodes, a SCRAM listener with simple authorization (ACLs from each
 * link's KafkaUser), the topic and user operators, one KafkaTopic per topic,
 * and the NetworkPolicies Strimzi's operator and nodes need.
 */
export function kafkaDefaults(stack: Stack, c: KafkaComponent): Additions {
  const labels = labelsFor(stack, c);
  const owned = { ...labels, 'strimzi.io/cluster': c.name };
  const port = componentPort(c);
  const nodes = c.replicas ?? 1;
  // Internal topics cannot have more replicas than there are brokers.
  const replication = Math.max(1, Math.min(3, nodes));
  const kafka: K8sObject = {
    apiVersion: STRIMZI_API,
    kind: 'Kafka',
    metadata: { name: c.name, labels },
    spec: {
      kafka: {
        version: componentVersion(c),
        ...(c.image ? { image: c.image } : {}),
        listeners: [
          {
            name: LISTENER,
            port,
            type: 'internal',
            tls: false,
            authentication: { type: 'scram-sha-512' },
          },
        ],
        authorization: { type: 'simple' },
        config: {
          'default.replication.factor': replication,
          'min.insync.replicas': Math.max(1, replication - 1),
          'offsets.topic.replication.factor': replication,
          'transaction.state.log.replication.factor': replication,
          'transaction.state.log.min.isr': Math.max(1, replication - 1),
          // Topics are declared in stack.yaml and created by the topic operator, never by clients.
          'auto.create.topics.enable': false,
        },
      },
      entityOperator: { topicOperator: {}, userOperator: {} },
    },
  };
  const pool: K8sObject = {
    apiVersion: STRIMZI_API,
    kind: 'KafkaNodePool',
    metadata: { name: nodePoolName(c), labels: owned },
    spec: {
      replicas: nodes,
      roles: ['controller', 'broker'],
      storage: {
        type: 'jbod',
        volumes: [
          {
            id: 0,
            type: 'persistent-claim',
            size: c.storage ?? '10Gi',
            deleteClaim: false,
            kraftMetadata: 'shared',
          },
        ],
      },
      resources: componentResources(c),
    },
  };
  const topics: K8sObject[] = (c.topics ?? []).map(t => ({
    apiVersion: STRIMZI_API,
    kind: 'KafkaTopic',
    metadata: { name: `${c.name}-${t.name}`, labels: owned },
    spec: {
      topicName: t.name,
      partitions: t.partitions ?? 3,
      replicas: replication,
    },
  }));
  return {
    objects: [
      ...[kafka, pool, ...topics].map(object => ({
        component: c.name,
        object,
      })),
      // The cluster operator reaches nodes on the control plane, replication and agent ports; nodes and the entity operator talk on the first two.
      ...operatorClusterPolicies(
        stack,
        c,
        STRIMZI_NAMESPACE,
        [CONTROLPLANE_PORT, REPLICATION_PORT, KAFKA_AGENT_PORT],
        [CONTROLPLANE_PORT, REPLICATION_PORT, port],
      ),
    ],
  };
}
