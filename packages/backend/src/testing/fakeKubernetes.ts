import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fake of the Kubernetes API, shaped like the real one
 * (https://kubernetes.io/docs/reference/kubernetes-api/): what the portal
 * calls of it.
 * - Lists, cluster-wide or per namespace, with `?labelSelector=` (equality
 *   terms `k=v,k2=v2`, the form the generated catalog annotations use): the
 *   pods given, the ReplicaSets and Deployments that own them (the Kubernetes
 *   tab lists pods only under their Deployment, matched by ownerReferences
 *   uid), and an empty `<Kind>List` for every other type
 *   @backstage/plugin-kubernetes-backend fetches (DEFAULT_OBJECTS in its
 *   KubernetesFanOutHandler).
 * - JSON merge patch of ApplicationSets (idp:argocd:refresh), allowed only on
 *   the names given, as the portal's RBAC (resourceNames) allows.
 * Every request must carry the bearer token.
 */
export interface FakeKubernetes {
  url: string;
  token: string;
  /** Every request answered, as `METHOD path?query`. */
  requests: string[];
  /** Merge patches applied to ApplicationSets, by `namespace/name`. */
  patches: Array<{ applicationSet: string; body: unknown }>;
  close(): Promise<void>;
}

export interface FakePod {
  /** `<deployment>-<pod-template-hash>-<suffix>`, as a Deployment names its pods. */
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  restarts?: number;
  ready?: boolean;
}

const started = '2026-01-05T10:00:00Z';

/** The ReplicaSet and Deployment that own a pod, by its name. */
function ownersOf(p: FakePod) {
  const replicaSet = p.name.replace(/-[^-]+$/, '');
  const deployment = replicaSet.replace(/-[^-]+$/, '');
  return {
    replicaSet,
    replicaSetUid: `uid-rs-${p.namespace}-${replicaSet}`,
    deployment,
    deploymentUid: `uid-deploy-${p.namespace}-${deployment}`,
  };
}

/** A Pod as `GET /api/v1/pods` returns it (the fields the Kubernetes tab reads). */
export function podJson(p: FakePod) {
  const container = p.labels['app.kubernetes.io/name'] ?? 'app';
  const ready = p.ready ?? true;
  const owners = ownersOf(p);
  return {
    metadata: {
      name: p.name,
      namespace: p.namespace,
      uid: `uid-${p.namespace}-${p.name}`,
      resourceVersion: '1001',
      creationTimestamp: started,
      labels: p.labels,
      ownerReferences: [
        {
          apiVersion: 'apps/v1',
          kind: 'ReplicaSet',
          name: owners.replicaSet,
          uid: owners.replicaSetUid,
          controller: true,
          blockOwnerDeletion: true,
        },
      ],
    },
    spec: {
      containers: [
        {
          name: container,
          image: p.image,
          ports: [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
          resources: {
            requests: { cpu: '100m', memory: '128Mi' },
            limits: { memory: '256Mi' },
          },
        },
      ],
      nodeName: 'kind-worker',
      restartPolicy: 'Always',
    },
    status: {
      phase: 'Running',
      conditions: [
        { type: 'Initialized', status: 'True', lastTransitionTime: started },
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: started,
        },
        {
          type: 'ContainersReady',
          status: ready ? 'True' : 'False',
          lastTransitionTime: started,
        },
        { type: 'PodScheduled', status: 'True', lastTransitionTime: started },
      ],
      hostIP: '172.18.0.3',
      podIP: '10.244.1.17',
      startTime: started,
      containerStatuses: [
        {
          name: container,
          ready,
          started: true,
          restartCount: p.restarts ?? 0,
          image: p.image,
          imageID: `${p.image}@sha256:${'a'.repeat(64)}`,
          containerID: `containerd://${'b'.repeat(64)}`,
          state: { running: { startedAt: started } },
          // A restarted container reports how its previous run ended.
          ...(p.restarts
            ? {
                lastState: {
                  terminated: {
                    exitCode: 1,
                    reason: 'Error',
                    startedAt: started,
                    finishedAt: started,
                    containerID: `containerd://${'c'.repeat(64)}`,
                  },
                },
              }
            : {}),
        },
      ],
      qosClass: 'Burstable',
    },
  };
}

/** What a list filters on. */
type Listed = {
  metadata: {
    namespace: string;
    labels: Record<string, string>;
    [field: string]: unknown;
  };
  [field: string]: unknown;
};

/**
 * The ReplicaSets (`apps/v1`) and Deployments that own `pods`, one of each per
 * `<namespace>/<replicaset>`, labelled like their pods (without the
 * pod-template-hash, on the Deployment) and ready when all their pods are.
 */
function ownersJson(pods: FakePod[]) {
  const groups = new Map<string, FakePod[]>();
  for (const p of pods) {
    const key = `${p.namespace}/${ownersOf(p).replicaSet}`;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const replicasets: Listed[] = [];
  const deployments: Listed[] = [];
  for (const group of groups.values()) {
    const [first] = group;
    const o = ownersOf(first);
    const labels = Object.fromEntries(
      Object.entries(first.labels).filter(([k]) => k !== 'pod-template-hash'),
    );
    const ready = group.filter(p => p.ready ?? true).length;
    const counts = {
      replicas: group.length,
      readyReplicas: ready,
      availableReplicas: ready,
    };
    const selector = { matchLabels: first.labels };
    const template = {
      metadata: { labels: first.labels },
      spec: {
        containers: [
          {
            name: labels['app.kubernetes.io/name'] ?? 'app',
            image: first.image,
          },
        ],
      },
    };
    replicasets.push({
      metadata: {
        name: o.replicaSet,
        namespace: first.namespace,
        uid: o.replicaSetUid,
        resourceVersion: '1001',
        generation: 1,
        creationTimestamp: started,
        labels: first.labels,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
        ownerReferences: [
          {
            apiVersion: 'apps/v1',
            kind: 'Deployment',
            name: o.deployment,
            uid: o.deploymentUid,
            controller: true,
            blockOwnerDeletion: true,
          },
        ],
      },
      spec: { replicas: group.length, selector, template },
      status: {
        ...counts,
        fullyLabeledReplicas: group.length,
        observedGeneration: 1,
      },
    });
    deployments.push({
      metadata: {
        name: o.deployment,
        namespace: first.namespace,
        uid: o.deploymentUid,
        resourceVersion: '1001',
        generation: 1,
        creationTimestamp: started,
        labels,
        annotations: { 'deployment.kubernetes.io/revision': '1' },
      },
      spec: {
        replicas: group.length,
        selector: { matchLabels: labels },
        template,
        strategy: {
          type: 'RollingUpdate',
          rollingUpdate: { maxUnavailable: '25%', maxSurge: '25%' },
        },
        revisionHistoryLimit: 10,
        progressDeadlineSeconds: 600,
      },
      status: {
        ...counts,
        updatedReplicas: group.length,
        observedGeneration: 1,
        conditions: [
          {
            type: 'Available',
            status: ready === group.length ? 'True' : 'False',
            reason: 'MinimumReplicasAvailable',
            lastUpdateTime: started,
            lastTransitionTime: started,
          },
          {
            type: 'Progressing',
            status: 'True',
            reason: 'NewReplicaSetAvailable',
            lastUpdateTime: started,
            lastTransitionTime: started,
          },
        ],
      },
    });
  }
  return { replicasets, deployments };
}

/** `k=v,k2=v2` as the API server reads equality-based selectors. */
function matches(selector: string | null, labels: Record<string, string>) {
  if (!selector) return true;
  return selector.split(',').every(term => {
    const [k, v] = term.split('=');
    return labels[k.trim()] === v?.trim();
  });
}

const KINDS: Record<string, string> = {
  pods: 'Pod',
  services: 'Service',
  configmaps: 'ConfigMap',
  limitranges: 'LimitRange',
  resourcequotas: 'ResourceQuota',
  deployments: 'Deployment',
  replicasets: 'ReplicaSet',
  horizontalpodautoscalers: 'HorizontalPodAutoscaler',
  jobs: 'Job',
  cronjobs: 'CronJob',
  ingresses: 'Ingress',
  statefulsets: 'StatefulSet',
  daemonsets: 'DaemonSet',
};

export async function startFakeKubernetes(options: {
  pods?: FakePod[];
  /** ApplicationSets (`namespace/name`) the token may patch. */
  patchableApplicationSets?: string[];
  token?: string;
}): Promise<FakeKubernetes> {
  const token = options.token ?? 'fake-kubernetes-token';
  const objects: Record<string, Listed[]> = {
    pods: (options.pods ?? []).map(podJson),
    ...ownersJson(options.pods ?? []),
  };
  const requests: string[] = [];
  const patches: FakeKubernetes['patches'] = [];
  const send = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const status = (code: number, reason: string, message: string) => ({
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message,
    reason,
    code,
  });
  const notFound = (res: http.ServerResponse) =>
    send(
      res,
      404,
      status(
        404,
        'NotFound',
        'the server could not find the requested resource',
      ),
    );
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', c => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      requests.push(`${req.method} ${url.pathname}${url.search}`);
      if (req.headers.authorization !== `Bearer ${token}`) {
        send(res, 401, status(401, 'Unauthorized', 'Unauthorized'));
        return;
      }
      // /api/v1[/namespaces/NS]/PLURAL or /apis/GROUP/VERSION[/namespaces/NS]/PLURAL[/NAME]
      const m =
        /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))(?:\/namespaces\/([^/]+))?\/([a-z]+)(?:\/([^/]+))?$/.exec(
          url.pathname,
        );
      if (!m) {
        notFound(res);
        return;
      }
      const [, coreVersion, group, groupVersion, namespace, plural, name] = m;
      const apiVersion = coreVersion ?? `${group}/${groupVersion}`;
      if (req.method === 'PATCH' && plural === 'applicationsets' && name) {
        const key = `${namespace}/${name}`;
        if (!(options.patchableApplicationSets ?? []).includes(key)) {
          send(
            res,
            403,
            status(
              403,
              'Forbidden',
              `applicationsets.argoproj.io "${name}" is forbidden: cannot patch resource "applicationsets" in API group "argoproj.io" in the namespace "${namespace}"`,
            ),
          );
          return;
        }
        if (req.headers['content-type'] !== 'application/merge-patch+json') {
          send(
            res,
            415,
            status(
              415,
              'UnsupportedMediaType',
              `the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`,
            ),
          );
          return;
        }
        const body = JSON.parse(Buffer.concat(chunks).toString() || '{}');
        patches.push({ applicationSet: key, body });
        send(res, 200, {
          apiVersion,
          kind: 'ApplicationSet',
          metadata: { name, namespace, ...(body.metadata ?? {}) },
        });
        return;
      }
      const kind = KINDS[plural];
      if (req.method !== 'GET' || name || !kind) {
        notFound(res);
        return;
      }
      const selector = url.searchParams.get('labelSelector');
      const items = (objects[plural] ?? []).filter(
        o =>
          (!namespace || o.metadata.namespace === namespace) &&
          matches(selector, o.metadata.labels),
      );
      send(res, 200, {
        kind: `${kind}List`,
        apiVersion,
        metadata: { resourceVersion: '1001' },
        items,
      });
    });
  });
  await new Promise<void>(r => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    token,
    requests,
    patches,
    close: () =>
      new Promise(r => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
