// Test helper (Node only): validates rendered objects against the Kubernetes
// OpenAPI schemas (kubernetes-models) and CRD schemas where a package exists.
import {
  ConfigMap,
  Namespace,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { Deployment, StatefulSet } from 'kubernetes-models/apps/v1';
import { Job } from 'kubernetes-models/batch/v1';
import { Ingress, NetworkPolicy } from 'kubernetes-models/networking.k8s.io/v1';
import { HorizontalPodAutoscaler as HpaV2 } from 'kubernetes-models/autoscaling/v2';
import { HorizontalPodAutoscaler as HpaV2beta2 } from 'kubernetes-models/autoscaling/v2beta2';
import { PodDisruptionBudget as PdbV1 } from 'kubernetes-models/policy/v1';
import { PodDisruptionBudget as PdbV1beta1 } from 'kubernetes-models/policy/v1beta1';
import {
  Cluster,
  Database,
  ScheduledBackup,
} from '@kubernetes-models/cloudnative-pg/postgresql.cnpg.io/v1';
import { ExternalSecret } from '@kubernetes-models/external-secrets/external-secrets.io/v1';
import { HTTPRoute as HTTPRouteV1 } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1';
import { HTTPRoute as HTTPRouteV1beta1 } from '@kubernetes-models/gateway-api/gateway.networking.k8s.io/v1beta1';
import {
  Kafka,
  KafkaNodePool,
  KafkaTopic,
  KafkaUser,
} from '@kubernetes-models/strimzi-kafka-operator/kafka.strimzi.io/v1';

import { ServiceMonitor } from '@kubernetes-models/prometheus-operator/monitoring.coreos.com/v1';

type Model = new (data: any) => { validate(): void };

const MODELS: Record<string, Model> = {
  'v1/Namespace': Namespace,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'v1/ConfigMap': ConfigMap,
  'apps/v1/Deployment': Deployment,
  'apps/v1/StatefulSet': StatefulSet,
  'batch/v1/Job': Job,
  'networking.k8s.io/v1/Ingress': Ingress,
  'networking.k8s.io/v1/NetworkPolicy': NetworkPolicy,
  'autoscaling/v2/HorizontalPodAutoscaler': HpaV2,
  'autoscaling/v2beta2/HorizontalPodAutoscaler': HpaV2beta2,
  'policy/v1/PodDisruptionBudget': PdbV1,
  'policy/v1beta1/PodDisruptionBudget': PdbV1beta1,
  'postgresql.cnpg.io/v1/Cluster': Cluster,
  'postgresql.cnpg.io/v1/Database': Database,
  'postgresql.cnpg.io/v1/ScheduledBackup': ScheduledBackup,
  'external-secrets.io/v1/ExternalSecret': ExternalSecret,
  'gateway.networking.k8s.io/v1/HTTPRoute': HTTPRouteV1,
  'gateway.networking.k8s.io/v1beta1/HTTPRoute': HTTPRouteV1beta1,
  // Strimzi 1.0.0 CRDs (v1 only).
  'kafka.strimzi.io/v1/Kafka': Kafka,
  'kafka.strimzi.io/v1/KafkaNodePool': KafkaNodePool,
  'kafka.strimzi.io/v1/KafkaTopic': KafkaTopic,
  'kafka.strimzi.io/v1/KafkaUser': KafkaUser,
  'monitoring.coreos.com/v1/ServiceMonitor': ServiceMonitor,
};

/**
 * RabbitMQ operator CRDs have no model package: we check the fields the
 * operators require and that we rely on.
 */
const RABBITMQ_REQUIRED: Record<string, string[]> = {
  RabbitmqCluster: ['spec.replicas', 'spec.image'],
  Queue: ['spec.name', 'spec.rabbitmqClusterReference.name'],
  Exchange: ['spec.name', 'spec.type', 'spec.rabbitmqClusterReference.name'],
  Binding: [
    'spec.source',
    'spec.destination',
    'spec.destinationType',
    'spec.rabbitmqClusterReference.name',
  ],
  User: [
    'spec.importCredentialsSecret.name',
    'spec.rabbitmqClusterReference.name',
  ],
  Permission: [
    'spec.vhost',
    'spec.userReference.name',
    'spec.permissions',
    'spec.rabbitmqClusterReference.name',
  ],
};

/** [first minor served, first minor no longer served] of the versioned built-in APIs we emit. */
const SERVED: Record<string, [number, number]> = {
  'autoscaling/v2': [23, Infinity],
  'autoscaling/v2beta2': [12, 26],
  'policy/v1': [21, Infinity],
  'policy/v1beta1': [5, 25],
  'networking.k8s.io/v1': [19, Infinity],
};

const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

function get(o: any, path: string): unknown {
  return path
    .split('.')
    .reduce((v, k) => (v === undefined || v === null ? undefined : v[k]), o);
}

/** Problems with one rendered object for a target Kubernetes minor version; empty when valid. */
export function schemaProblems(o: any, minor: number): string[] {
  const id = `${o?.apiVersion}/${o?.kind}`;
  const name = o?.metadata?.name;
  const where = `${id} ${name}`;
  const problems: string[] = [];
  if (
    typeof name !== 'string' ||
    name.length > 253 ||
    !DNS_SUBDOMAIN.test(name)
  )
    problems.push(`${where}: bad metadata.name`);
  const served = SERVED[o?.apiVersion];
  if (served && (minor < served[0] || minor >= served[1]))
    problems.push(`${where}: not served by Kubernetes 1.${minor}`);
  const Model = MODELS[id];
  if (Model) {
    try {
      new Model(o).validate();
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
  } else if (
    o?.apiVersion === 'rabbitmq.com/v1beta1' &&
    RABBITMQ_REQUIRED[o.kind]
  ) {
    for (const f of RABBITMQ_REQUIRED[o.kind])
      if (get(o, f) === undefined) problems.push(`${where}: ${f} is required`);
  } else {
    problems.push(`${where}: no schema known for ${id}`);
  }
  return problems;
}
