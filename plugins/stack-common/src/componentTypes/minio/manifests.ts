import { defaultImage } from '../defaultImages';
import type { Stack } from '../../schema/stackSchema';
import { componentPort, labelsFor, selectorFor } from '../../model/resolve';
import { resolveLinkEnd } from '../../model/links';
import type { Additions, K8sObject } from '../../generator/types';
import {
  allowEgress,
  allowIngress,
  podPeer,
} from '../../generator/networkPolicy';
import { externalSecrets } from '../../generator/externalSecret';
import { singleReplicaStore } from '../singleReplicaStore';
import type { MinioComponent } from './schema';

const MC_IMAGE = defaultImage('minio-client', '2024.10')!;
const MINIO_UID = 1000;

/** What one link to a MinIO component is granted: its own user, scoped to its buckets. */
export interface MinioGrant {
  from: string;
  buckets: string[];
  access: 'read' | 'read-write';
  /** Secret (filled by the platform) with `accessKey` / `secretKey` of this grant's user. */
  secretName: string;
  /** Name of the MinIO policy, also the ConfigMap key holding its JSON. */
  policyName: string;
}

const grantsCache = new WeakMap<Stack, Map<string, MinioGrant[]>>();

/** The grants of every link to `c`; computed once per stack for all MinIO components. */
export function minioGrants(stack: Stack, c: MinioComponent): MinioGrant[] {
  let all = grantsCache.get(stack);
  if (!all) {
    all = new Map();
    for (const l of stack.spec.links ?? []) {
      const to = resolveLinkEnd(stack.spec.components, l.to);
      if (typeof to === 'string' || to.component.type !== 'minio') continue;
      all.set(to.component.name, [
        ...(all.get(to.component.name) ?? []),
        grantFor(l, to.component as MinioComponent, to.sub?.name),
      ]);
    }
    grantsCache.set(stack, all);
  }
  return all.get(c.name) ?? [];
}

function grantFor(
  l: { from: string; access?: 'read' | 'read-write' },
  c: MinioComponent,
  bucket: string | undefined,
): MinioGrant {
  const id = bucket ? `${l.from}-${bucket}` : l.from;
  return {
    from: l.from,
    buckets: bucket ? [bucket] : (c.buckets ?? []).map(b => b.name),
    access: l.access ?? 'read-write',
    secretName: `${c.name}-${id}-credentials`,
    policyName: `${id}-${l.access === 'read' ? 'ro' : 'rw'}`,
  };
}

/** An S3 policy allowing exactly the grant's buckets and actions. */
export function minioPolicy(g: MinioGrant): Record<string, unknown> {
  const actions =
    g.access === 'read'
      ? ['s3:GetObject', 's3:ListBucket']
      : ['s3:GetObject', 's3:ListBucket', 's3:PutObject', 's3:DeleteObject'];
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Action: actions,
        Resource: g.buckets.flatMap(b => [
          `arn:aws:s3:::${b}`,
          `arn:aws:s3:::${b}/*`,
        ]),
      },
    ],
  };
}

/**
 * MinIO as a StatefulSet with root credentials from the platform store, and a
 * provisioning Job (an Argo CD sync hook) that creates the buckets, one
 * policy and user per link, and attaches them. Credentials are references only.
 */
export function minioDefaults(stack: Stack, c: MinioComponent): Additions {
  const labels = labelsFor(stack, c);
  const port = componentPort(c);
  const root = `${c.name}-root`;
  const grants = minioGrants(stack, c);
  const secretEnv = (name: string, secret: string, key: string) => ({
    name,
    valueFrom: { secretKeyRef: { name: secret, key } },
  });
  const script = [
    'set -eu',
    `mc alias set store http://${c.name}:${port} "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"`,
    ...(c.buckets ?? []).flatMap(b => [
      `mc mb --ignore-existing store/${b.name}`,
      `mc anonymous set ${
        b.policy && b.policy !== 'private' ? b.policy : 'none'
      } store/${b.name}`,
    ]),
    ...grants.flatMap((g, i) => [
      `mc admin policy create store ${g.policyName} /policies/${g.policyName}.json`,
      `mc admin user add store "$GRANT_${i}_ACCESS_KEY" "$GRANT_${i}_SECRET_KEY"`,
      `mc admin policy attach store ${g.policyName} --user "$GRANT_${i}_ACCESS_KEY" || true`,
    ]),
  ].join('\n');
  const credentials = [
    ...externalSecrets(stack, c.name, root, labels, 'root', [
      'MINIO_ROOT_USER',
      'MINIO_ROOT_PASSWORD',
    ]),
    ...grants.flatMap(g =>
      externalSecrets(stack, c.name, g.secretName, labels, g.policyName, [
        'accessKey',
        'secretKey',
      ]),
    ),
  ];
  const objects: K8sObject[] = [
    {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: `${c.name}-policies`, labels },
      data: Object.fromEntries(
        grants.map(g => [
          `${g.policyName}.json`,
          JSON.stringify(minioPolicy(g), null, 2),
        ]),
      ),
    },
    ...singleReplicaStore(stack, c, {
      containerName: 'minio',
      portName: 's3',
      uid: MINIO_UID,
      args: ['server', '/data', '--address', `:${port}`],
      envFrom: [{ secretRef: { name: root } }],
      readinessProbe: {
        httpGet: { path: '/minio/health/ready', port },
        periodSeconds: 10,
      },
      livenessProbe: {
        httpGet: { path: '/minio/health/live', port },
        periodSeconds: 20,
      },
      storage: c.storage ?? '10Gi',
    }),
    {
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: {
        name: `${c.name}-provision`,
        labels,
        annotations: {
          'argocd.argoproj.io/hook': 'PostSync',
          'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
        },
      },
      spec: {
        backoffLimit: 6,
        template: {
          metadata: {
            labels: { ...selectorFor(stack, `${c.name}-provision`) },
          },
          spec: {
            restartPolicy: 'OnFailure',
            automountServiceAccountToken: false,
            securityContext: {
              runAsNonRoot: true,
              runAsUser: MINIO_UID,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: 'mc',
                image: MC_IMAGE,
                command: ['/bin/sh', '-c', script],
                env: [
                  { name: 'MC_CONFIG_DIR', value: '/tmp/mc' },
                  ...grants.flatMap((g, i) => [
                    secretEnv(
                      `GRANT_${i}_ACCESS_KEY`,
                      g.secretName,
                      'accessKey',
                    ),
                    secretEnv(
                      `GRANT_${i}_SECRET_KEY`,
                      g.secretName,
                      'secretKey',
                    ),
                  ]),
                ],
                envFrom: [{ secretRef: { name: root } }],
                securityContext: {
                  allowPrivilegeEscalation: false,
                  readOnlyRootFilesystem: true,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [
                  { name: 'policies', mountPath: '/policies', readOnly: true },
                  { name: 'tmp', mountPath: '/tmp' },
                ],
              },
            ],
            volumes: [
              { name: 'policies', configMap: { name: `${c.name}-policies` } },
              { name: 'tmp', emptyDir: {} },
            ],
          },
        },
      },
    },
  ];
  const provisioner = { name: `${c.name}-provision`, type: 'job' };
  return {
    objects: [
      ...credentials,
      ...objects.map(object => ({ component: c.name, object })),
      {
        component: c.name,
        object: allowIngress(
          stack,
          c,
          `${c.name}-from-provisioner`,
          [podPeer(stack, provisioner)],
          [port],
        ),
      },
      {
        component: c.name,
        object: allowEgress(
          stack,
          provisioner,
          `${c.name}-provision-to-${c.name}`,
          [podPeer(stack, c)],
          [port],
        ),
      },
    ],
  };
}
