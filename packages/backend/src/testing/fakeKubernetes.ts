import http from 'node:http';
import { AddressInfo } from 'node:net';

/**
 * A loopback fake of the Kubernetes API, shaped like the real one
 * (https://kubernetes.io/docs/reference/kubernetes-api/): what the portal
 * calls of it.
 * - Lists, cluster-wide or per namespace, with `?labelSelector=` (equality
 *   terms `k=v,k2=v2`, the form the generated catalog annotations use): the
 *   pods given, and an empty `<Kind>List` for every other type
 *   @backstage/plugin-kubernetes-backend fetches.
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
  name: string;
  namespace: string;
  labels: Record<string, string>;
  image: string;
  restarts?: number;
  ready?: boolean;
}

/** A Pod as `GET /api/v1/pods` returns it (the fields the Kubernetes tab reads). */
export function podJson(p: FakePod) {
  const started = '2026-01-05T10:00:00Z';
  const container = p.labels['app.kubernetes.io/name'] ?? 'app';
  const ready = p.ready ?? true;
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
          name: p.name.replace(/-[^-]+$/, ''),
          uid: `uid-rs-${p.namespace}-${p.name}`,
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
        },
      ],
      qosClass: 'Burstable',
    },
  };
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
      const items =
        plural === 'pods'
          ? (options.pods ?? [])
              .filter(p => !namespace || p.namespace === namespace)
              .filter(p => matches(selector, p.labels))
              .map(podJson)
          : [];
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
