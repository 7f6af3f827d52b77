import { Stack, RedisComponent } from '../schema/stackSchema';
import { componentPort, labelsFor, resolveResources, selectorFor } from '../model/resolve';
import { Additions } from '../generator/types';
import { imageFor } from './images';

/** The official image's `redis` user. */
const REDIS_UID = 999;

/**
 * Redis as a single-replica StatefulSet with append-only persistence and a
 * Service. Logical databases are indexes; links pick theirs. Access is
 * guarded by NetworkPolicies (only linked workloads get in).
 */
export function redisDefaults(stack: Stack, c: RedisComponent): Additions {
  const labels = labelsFor(stack, c);
  const port = componentPort(c);
  return {
    objects: [
      {
        component: c.name,
        object: {
          apiVersion: 'v1',
          kind: 'Service',
          metadata: { name: c.name, labels },
          spec: { selector: selectorFor(stack, c.name), ports: [{ name: 'redis', port, targetPort: 'redis', protocol: 'TCP' }] },
        },
      },
      {
        component: c.name,
        object: {
          apiVersion: 'apps/v1',
          kind: 'StatefulSet',
          metadata: { name: c.name, labels },
          spec: {
            serviceName: c.name,
            replicas: 1,
            selector: { matchLabels: selectorFor(stack, c.name) },
            template: {
              metadata: { labels },
              spec: {
                automountServiceAccountToken: false,
                securityContext: { runAsNonRoot: true, runAsUser: REDIS_UID, fsGroup: REDIS_UID, seccompProfile: { type: 'RuntimeDefault' } },
                containers: [
                  {
                    name: 'redis',
                    image: imageFor(stack, c),
                    args: ['--port', String(port), '--appendonly', 'yes', '--databases', '16'],
                    ports: [{ name: 'redis', containerPort: port, protocol: 'TCP' }],
                    resources: resolveResources(c.resources),
                    readinessProbe: { exec: { command: ['redis-cli', '-p', String(port), 'ping'] }, periodSeconds: 10 },
                    livenessProbe: { tcpSocket: { port }, periodSeconds: 20 },
                    securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } },
                    volumeMounts: [{ name: 'data', mountPath: '/data' }],
                  },
                ],
              },
            },
            volumeClaimTemplates: [
              {
                metadata: { name: 'data' },
                spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
              },
            ],
          },
        },
      },
    ],
  };
}
