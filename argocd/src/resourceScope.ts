/**
 * Whether a kind is namespaced, as the API server's discovery would say. The
 * policy check needs it (Argo CD asks the cluster); an unknown kind is an error
 * so that a new kind from the generator is looked at, not guessed.
 */
const CLUSTER_SCOPED = [
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'apiregistration.k8s.io/APIService',
  'storage.k8s.io/StorageClass',
  'scheduling.k8s.io/PriorityClass',
  'networking.k8s.io/IngressClass',
  'gateway.networking.k8s.io/GatewayClass',
  'cert-manager.io/ClusterIssuer',
  'external-secrets.io/ClusterSecretStore',
  'external-secrets.io/ClusterExternalSecret',
];

const NAMESPACED = [
  '/ConfigMap',
  '/Secret',
  '/Service',
  '/ServiceAccount',
  '/PersistentVolumeClaim',
  '/Pod',
  '/ResourceQuota',
  '/LimitRange',
  'apps/Deployment',
  'apps/StatefulSet',
  'apps/DaemonSet',
  'apps/ReplicaSet',
  'batch/Job',
  'batch/CronJob',
  'autoscaling/HorizontalPodAutoscaler',
  'policy/PodDisruptionBudget',
  'networking.k8s.io/NetworkPolicy',
  'networking.k8s.io/Ingress',
  'gateway.networking.k8s.io/HTTPRoute',
  'gateway.networking.k8s.io/GRPCRoute',
  'gateway.networking.k8s.io/Gateway',
  'rbac.authorization.k8s.io/Role',
  'rbac.authorization.k8s.io/RoleBinding',
  'postgresql.cnpg.io/Cluster',
  'postgresql.cnpg.io/ScheduledBackup',
  'postgresql.cnpg.io/Backup',
  'postgresql.cnpg.io/Database',
  'postgresql.cnpg.io/Pooler',
  'rabbitmq.com/RabbitmqCluster',
  'rabbitmq.com/Queue',
  'rabbitmq.com/Exchange',
  'rabbitmq.com/Binding',
  'rabbitmq.com/User',
  'rabbitmq.com/Permission',
  'rabbitmq.com/Vhost',
  'rabbitmq.com/Policy',
  'external-secrets.io/ExternalSecret',
  'external-secrets.io/SecretStore',
  'bitnami.com/SealedSecret',
  'kafka.strimzi.io/Kafka',
  'kafka.strimzi.io/KafkaNodePool',
  'kafka.strimzi.io/KafkaTopic',
  'kafka.strimzi.io/KafkaUser',
  'monitoring.coreos.com/ServiceMonitor',
  'cert-manager.io/Certificate',
  'cert-manager.io/Issuer',
  'argoproj.io/Application',
  'argoproj.io/ApplicationSet',
  'argoproj.io/AppProject',
];

const scope = new Map<string, boolean>([
  ...CLUSTER_SCOPED.map(k => [k, false] as [string, boolean]),
  ...NAMESPACED.map(k => [k, true] as [string, boolean]),
]);

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ``). */
export function groupOf(apiVersion: string): string {
  return apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
}

export function isNamespaced(group: string, kind: string): boolean {
  const namespaced = scope.get(`${group}/${kind}`);
  if (namespaced === undefined) {
    throw new Error(
      `the scope of ${kind}${
        group ? `.${group}` : ''
      } is unknown: add it to resourceScope.ts`,
    );
  }
  return namespaced;
}
