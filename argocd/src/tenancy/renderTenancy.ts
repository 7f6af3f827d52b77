import { ENVIRONMENTS, Environment } from '@idp-stack/plugin-stack-common';
import { stringify } from 'yaml';
import { SyncWindow, syncWindowsForPolicies } from '../syncWindows';
import { SystemRegistration } from './registry';

/**
 * Settings of the platform that every system shares. An adopter edits them
 * here (and re-renders) rather than per system.
 */
export const TENANCY_SETTINGS = {
  /** Repositories of teams live in this organisation. */
  organisationUrl: 'https://github.com/acme',
  /** This repository: the tenancy Application syncs argocd/tenancy/cluster from it. */
  platformRepoUrl: 'https://github.com/acme/idp-portal.git',
  /**
   * Where pods reach the Kubernetes API after the Service VIP is translated
   * (kind: the control-plane node on the `kind` Docker network). Operator
   * instances (CNPG, RabbitMQ) may send traffic there and nowhere else outside
   * the cluster.
   */
  apiServerCidrs: ['172.18.0.0/16'],
  quota: {
    'requests.cpu': '8',
    'requests.memory': '16Gi',
    'limits.cpu': '16',
    'limits.memory': '32Gi',
    pods: '100',
    persistentvolumeclaims: '20',
    'requests.storage': '200Gi',
    'services.loadbalancers': '0',
    'services.nodeports': '0',
  },
  limits: {
    defaultRequest: { cpu: '100m', memory: '128Mi' },
    default: { cpu: '500m', memory: '512Mi' },
    max: { cpu: '4', memory: '8Gi' },
  },
  /** Every prod namespace: no sync at all over the weekend, manual ones included. */
  prodFreeze: { schedule: '0 16 * * 5', duration: '64h', timeZone: 'UTC' },
} as const;

/** Kinds a team's repository may create in its namespaces (nothing cluster-scoped). */
export const WORKLOAD_KINDS: { group: string; kind: string }[] = [
  ['', 'ConfigMap'],
  ['', 'Service'],
  ['', 'ServiceAccount'],
  ['apps', 'Deployment'],
  ['apps', 'StatefulSet'],
  ['batch', 'Job'],
  ['batch', 'CronJob'],
  ['autoscaling', 'HorizontalPodAutoscaler'],
  ['policy', 'PodDisruptionBudget'],
  ['networking.k8s.io', 'NetworkPolicy'],
  ['networking.k8s.io', 'Ingress'],
  ['gateway.networking.k8s.io', 'HTTPRoute'],
  ['postgresql.cnpg.io', 'Cluster'],
  ['postgresql.cnpg.io', 'ScheduledBackup'],
  ['postgresql.cnpg.io', 'Database'],
  ['rabbitmq.com', 'RabbitmqCluster'],
  ['rabbitmq.com', 'Queue'],
  ['rabbitmq.com', 'Exchange'],
  ['rabbitmq.com', 'Binding'],
  ['rabbitmq.com', 'User'],
  ['rabbitmq.com', 'Permission'],
  ['rabbitmq.com', 'Vhost'],
  ['external-secrets.io', 'ExternalSecret'],
  ['bitnami.com', 'SealedSecret'],
  ['kafka.strimzi.io', 'Kafka'],
  ['kafka.strimzi.io', 'KafkaNodePool'],
  ['kafka.strimzi.io', 'KafkaTopic'],
  ['kafka.strimzi.io', 'KafkaUser'],
  // The generator's ServiceMonitor per service (scraped by the platform's Prometheus).
  ['monitoring.coreos.com', 'ServiceMonitor'],
].map(([group, kind]) => ({ group, kind }));

const IN_CLUSTER = 'https://kubernetes.default.svc';
export const SECRET_READER = 'idp-secret-reader';

/** `<system>-<env>`: the namespace a system's stacks deploy into. */
export const stackNamespace = (system: string, env: Environment) =>
  `${system}-${env}`;
/**
 * `idp-secrets-<system>-<env>`: where the platform seeds that namespace's
 * credentials, and the name of the ClusterSecretStore that reads them.
 */
export const secretsNamespace = (system: string, env: Environment) =>
  `idp-secrets-${system}-${env}`;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The hosts a system may serve, as one anchored RE2/ECMAScript pattern: each
 * domain itself or any subdomain of it. The admission policy matches Ingress
 * and HTTPRoute hosts against it (a namespace annotation, so no ConfigMap a
 * team could overwrite is involved).
 */
export function hostPattern(domains: string[]): string {
  return `^([a-z0-9]([-a-z0-9]*[a-z0-9])?\\.)*(${domains
    .map(escapeRegExp)
    .join('|')})$`;
}

export const HOST_PATTERN_ANNOTATION = 'idp.platform/host-pattern';

function syncWindowsFor(s: SystemRegistration): SyncWindow[] {
  const given = s.spec.environments ?? {};
  // Same defaults as a stack's policiesFor: prod needs a person unless the entry says otherwise.
  const policies = Object.fromEntries(
    ENVIRONMENTS.map(env => [
      env,
      {
        ...given[env],
        manualApproval: given[env]?.manualApproval ?? env === 'prod',
      },
    ]),
  );
  const windows = syncWindowsForPolicies(policies, env => ({
    namespaces: [stackNamespace(s.metadata.name, env)],
  }));
  windows.push({
    kind: 'deny',
    ...TENANCY_SETTINGS.prodFreeze,
    namespaces: [stackNamespace(s.metadata.name, 'prod')],
    manualSync: false,
  });
  return windows;
}

/** The system's AppProject: its repositories, its three namespaces, namespaced kinds only. */
export function systemProject(s: SystemRegistration): any {
  const name = s.metadata.name;
  const roles = ENVIRONMENTS.flatMap(env => {
    const groups = s.spec.environments?.[env]?.approvers ?? [];
    if (groups.length === 0) return [];
    const role = `${env}-approvers`;
    return [
      {
        name: role,
        description: `May sync ${name}'s ${env} Applications by hand`,
        groups,
        policies: ['get', 'sync'].map(
          action =>
            `p, proj:${name}:${role}, applications, ${action}, ${name}/*-${env}, allow`,
        ),
      },
    ];
  });
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: {
      name,
      namespace: 'argocd',
      labels: { 'idp.platform/system': name },
    },
    spec: {
      description: `System ${name} (owner ${s.spec.owner}), from argocd/systems/${name}.yaml`,
      sourceRepos: s.spec.repositories.map(
        r => `${TENANCY_SETTINGS.organisationUrl}/${r}`,
      ),
      destinations: ENVIRONMENTS.map(env => ({
        server: IN_CLUSTER,
        namespace: stackNamespace(name, env),
      })),
      // The platform creates the namespaces; a team creates nothing cluster-scoped.
      clusterResourceWhitelist: [],
      namespaceResourceWhitelist: WORKLOAD_KINDS,
      syncWindows: syncWindowsFor(s),
      ...(roles.length > 0 ? { roles } : {}),
    },
  };
}

/** What the platform creates for one system and environment. */
function environmentObjects(s: SystemRegistration, env: Environment): any[] {
  const system = s.metadata.name;
  const ns = stackNamespace(system, env);
  const secrets = secretsNamespace(system, env);
  const restricted = {
    'pod-security.kubernetes.io/enforce': 'restricted',
    'pod-security.kubernetes.io/enforce-version': 'latest',
    'pod-security.kubernetes.io/warn': 'restricted',
    'pod-security.kubernetes.io/audit': 'restricted',
  };
  // Removing a system from the registry must not delete its running workloads.
  const keep = {
    'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false',
  };
  const kubeApiEgress = (
    name: string,
    matchLabels: Record<string, string>,
  ) => ({
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, namespace: ns },
    spec: {
      podSelector: { matchLabels },
      policyTypes: ['Egress'],
      egress: [
        {
          to: TENANCY_SETTINGS.apiServerCidrs.map(cidr => ({
            ipBlock: { cidr },
          })),
          ports: [443, 6443].map(port => ({ protocol: 'TCP', port })),
        },
      ],
    },
  });
  return [
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: ns,
        labels: {
          'idp.platform/system': system,
          'idp.platform/environment': env,
          ...restricted,
        },
        annotations: {
          [HOST_PATTERN_ANNOTATION]: hostPattern(s.spec.domains),
          ...keep,
        },
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ResourceQuota',
      metadata: { name: 'idp-quota', namespace: ns },
      spec: { hard: { ...TENANCY_SETTINGS.quota } },
    },
    {
      apiVersion: 'v1',
      kind: 'LimitRange',
      metadata: { name: 'idp-limits', namespace: ns },
      spec: {
        limits: [
          {
            type: 'Container',
            defaultRequest: { ...TENANCY_SETTINGS.limits.defaultRequest },
            default: { ...TENANCY_SETTINGS.limits.default },
            max: { ...TENANCY_SETTINGS.limits.max },
          },
        ],
      },
    },
    // Operator instances reach the API server (CNPG instance manager, RabbitMQ
    // peer discovery), replacing the generator's former 0.0.0.0/0:443 rule.
    kubeApiEgress('idp-kube-api-cnpg', { 'cnpg.io/podRole': 'instance' }),
    kubeApiEgress('idp-kube-api-rabbitmq', {
      'app.kubernetes.io/component': 'rabbitmq',
    }),
    {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: {
        name: secrets,
        labels: { 'idp.platform/secrets-for': ns, ...restricted },
        annotations: keep,
      },
    },
    {
      apiVersion: 'v1',
      kind: 'ServiceAccount',
      metadata: { name: SECRET_READER, namespace: secrets },
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: SECRET_READER, namespace: secrets },
      // Everything in this namespace belongs to this one system and environment.
      rules: [
        {
          apiGroups: [''],
          resources: ['secrets'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: SECRET_READER, namespace: secrets },
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'Role',
        name: SECRET_READER,
      },
      subjects: [
        { kind: 'ServiceAccount', name: SECRET_READER, namespace: secrets },
      ],
    },
    {
      apiVersion: 'external-secrets.io/v1',
      kind: 'ClusterSecretStore',
      metadata: { name: secrets },
      spec: {
        // ESO refuses ExternalSecrets of any other namespace (ClusterSecretStoreCondition.namespaces).
        conditions: [{ namespaces: [ns] }],
        provider: {
          kubernetes: {
            remoteNamespace: secrets,
            server: {
              caProvider: {
                type: 'ConfigMap',
                name: 'kube-root-ca.crt',
                key: 'ca.crt',
                namespace: secrets,
              },
            },
            auth: {
              serviceAccount: { name: SECRET_READER, namespace: secrets },
            },
          },
        },
      },
    },
  ];
}

/** The AppProject the `platform-tenancy` Application syncs with: exactly the registry's namespaces. */
function tenancyProject(systems: SystemRegistration[]): any {
  const namespaces = systems.flatMap(s =>
    ENVIRONMENTS.flatMap(env => [
      stackNamespace(s.metadata.name, env),
      secretsNamespace(s.metadata.name, env),
    ]),
  );
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    metadata: { name: 'tenancy', namespace: 'argocd' },
    spec: {
      description:
        'Namespaces, quotas, secret stores and admission policies of the registered systems',
      sourceRepos: [TENANCY_SETTINGS.platformRepoUrl],
      destinations: [
        // Cluster-scoped objects (namespaces, stores, policies) have no namespace.
        { server: IN_CLUSTER, namespace: '' },
        ...namespaces.map(namespace => ({ server: IN_CLUSTER, namespace })),
      ],
      clusterResourceWhitelist: [
        ['', 'Namespace'],
        ['external-secrets.io', 'ClusterSecretStore'],
        ['rbac.authorization.k8s.io', 'ClusterRole'],
        ['rbac.authorization.k8s.io', 'ClusterRoleBinding'],
        ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicy'],
        ['admissionregistration.k8s.io', 'ValidatingAdmissionPolicyBinding'],
      ].map(([group, kind]) => ({ group, kind })),
      namespaceResourceWhitelist: [
        ['', 'ResourceQuota'],
        ['', 'LimitRange'],
        ['', 'ServiceAccount'],
        ['networking.k8s.io', 'NetworkPolicy'],
        ['rbac.authorization.k8s.io', 'Role'],
        ['rbac.authorization.k8s.io', 'RoleBinding'],
      ].map(([group, kind]) => ({ group, kind })),
    },
  };
}

const tenancyApplication = {
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'Application',
  metadata: { name: 'platform-tenancy', namespace: 'argocd' },
  spec: {
    project: 'tenancy',
    source: {
      repoURL: TENANCY_SETTINGS.platformRepoUrl,
      targetRevision: 'main',
      path: 'argocd/tenancy/cluster',
    },
    destination: { server: IN_CLUSTER },
    syncPolicy: {
      automated: { prune: true, selfHeal: true },
      syncOptions: ['ServerSideApply=true'],
    },
  },
};

const HEADER =
  '# Generated from argocd/systems/*.yaml by `pnpm --filter @idp-stack/gitops render-systems`; do not edit.\n';

const yamlFile = (objects: any[]) =>
  HEADER +
  objects
    .map(o => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');

const kustomization = (
  resources: string[],
  extra: Record<string, unknown> = {},
) =>
  HEADER +
  stringify({
    apiVersion: 'kustomize.config.k8s.io/v1beta1',
    kind: 'Kustomization',
    ...extra,
    resources,
  });

/**
 * Everything the registry implies, as files relative to argocd/:
 * - `tenancy/argocd/`: AppProject per system, the `tenancy` AppProject and the
 *   `platform-tenancy` Application (the root app syncs this folder);
 * - `tenancy/cluster/`: per system the namespaces, quota, limits, secret
 *   stores and kube-API egress, plus the admission policies (`argocd/admission`);
 * - `../.github/CODEOWNERS` lines for the registry.
 * Pure: same registry, same bytes.
 */
export function renderTenancy(
  systems: SystemRegistration[],
): Map<string, string> {
  const files = new Map<string, string>();
  const names = systems.map(s => s.metadata.name);
  for (const s of systems) {
    files.set(
      `tenancy/argocd/${s.metadata.name}.yaml`,
      yamlFile([systemProject(s)]),
    );
    files.set(
      `tenancy/cluster/${s.metadata.name}.yaml`,
      yamlFile(ENVIRONMENTS.flatMap(env => environmentObjects(s, env))),
    );
  }
  // ESO's kubernetes provider checks its own access with a SelfSubjectRulesReview
  // (cluster-scoped, so a ClusterRoleBinding) before it reads (docs/provider/kubernetes.md).
  const review = 'idp-secret-reader-review';
  files.set(
    'tenancy/cluster/secret-readers.yaml',
    yamlFile([
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: review },
        rules: [
          {
            apiGroups: ['authorization.k8s.io'],
            resources: ['selfsubjectrulesreviews'],
            verbs: ['create'],
          },
        ],
      },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRoleBinding',
        metadata: { name: review },
        roleRef: {
          apiGroup: 'rbac.authorization.k8s.io',
          kind: 'ClusterRole',
          name: review,
        },
        subjects: systems.flatMap(s =>
          ENVIRONMENTS.map(env => ({
            kind: 'ServiceAccount',
            name: SECRET_READER,
            namespace: secretsNamespace(s.metadata.name, env),
          })),
        ),
      },
    ]),
  );
  files.set(
    'tenancy/argocd/tenancy.yaml',
    yamlFile([tenancyProject(systems), tenancyApplication]),
  );
  files.set(
    'tenancy/argocd/kustomization.yaml',
    kustomization([...names.map(n => `${n}.yaml`), 'tenancy.yaml'], {
      // Projects before the ApplicationSets that name them.
      commonAnnotations: { 'argocd.argoproj.io/sync-wave': '-1' },
    }),
  );
  files.set(
    'tenancy/cluster/kustomization.yaml',
    kustomization([
      '../../admission',
      'secret-readers.yaml',
      ...names.map(n => `${n}.yaml`),
    ]),
  );
  return files;
}

/** CODEOWNERS: the platform team owns the registry and its output; each entry also its system's teams. */
export function renderCodeOwners(
  systems: SystemRegistration[],
  platformTeam: string,
): string {
  return [
    '# Generated from argocd/systems/*.yaml by `pnpm --filter @idp-stack/gitops render-systems`; do not edit.',
    '# The last matching pattern wins, so each entry names the platform team again.',
    `/argocd/systems/ ${platformTeam}`,
    `/argocd/tenancy/ ${platformTeam}`,
    `/argocd/admission/ ${platformTeam}`,
    `/.github/CODEOWNERS ${platformTeam}`,
    ...systems.map(
      s =>
        `/argocd/systems/${
          s.metadata.name
        }.yaml ${platformTeam} ${s.spec.codeOwners.join(' ')}`,
    ),
    '',
  ].join('\n');
}
