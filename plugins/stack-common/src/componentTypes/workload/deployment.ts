import type { Stack } from '../../schema/stackSchema';
import {
  componentPort,
  imageFor,
  labelsFor,
  componentResources,
  selectorFor,
} from '../../model/resolve';
import type { EnvVar, K8sObject } from '../../generator/types';
import { kindOfComponent } from '../registry';
import type { ServiceComponent } from './schema';

function probe(
  path: string,
  port: number,
  p?: { initialDelaySeconds?: number; periodSeconds?: number },
) {
  return {
    httpGet: { path, port },
    ...(p?.initialDelaySeconds !== undefined
      ? { initialDelaySeconds: p.initialDelaySeconds }
      : {}),
    periodSeconds: p?.periodSeconds ?? 10,
  };
}

/**
 * A workload's Deployment: rolling update without downtime, probes on
 * /health and /ready, resource limits, non-root and a read-only root fs.
 * `replicas` is left to the overlays (or the HPA).
 */
export function buildDeployment(
  stack: Stack,
  c: ServiceComponent,
  env: EnvVar[],
  initContainers: Record<string, unknown>[],
): K8sObject {
  const port = componentPort(c);
  const probes = c.probes ?? {};
  const container: Record<string, unknown> = {
    name: c.name,
    image: imageFor(stack, c),
    ports: [{ name: 'http', containerPort: port, protocol: 'TCP' }],
    env: [
      { name: 'PORT', value: String(port) },
      ...kindOfComponent(c).runtimeEnv(c),
      ...(c.env ?? []),
      ...env,
    ],
    resources: componentResources(c),
    livenessProbe: probe(
      probes.liveness?.path ?? '/health',
      port,
      probes.liveness,
    ),
    readinessProbe: probe(
      probes.readiness?.path ?? '/ready',
      port,
      probes.readiness,
    ),
    ...(probes.startup
      ? {
          startupProbe: {
            ...probe(probes.startup.path, port, probes.startup),
            failureThreshold: 30,
          },
        }
      : {}),
    securityContext: {
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    },
    volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
  };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: c.name, labels: labelsFor(stack, c) },
    spec: {
      revisionHistoryLimit: 5,
      strategy: {
        type: 'RollingUpdate',
        rollingUpdate: { maxSurge: '25%', maxUnavailable: 0 },
      },
      selector: { matchLabels: selectorFor(stack, c.name) },
      template: {
        metadata: { labels: labelsFor(stack, c) },
        spec: {
          serviceAccountName: c.name,
          automountServiceAccountToken: false,
          securityContext: {
            runAsNonRoot: true,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          ...(initContainers.length > 0 ? { initContainers } : {}),
          containers: [container],
          volumes: [{ name: 'tmp', emptyDir: {} }],
        },
      },
    },
  };
}
