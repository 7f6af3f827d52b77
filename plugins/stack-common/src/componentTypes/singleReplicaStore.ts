import type { Stack, StackComponent } from '../schema/stackSchema';
import {
  componentPort,
  imageFor,
  labelsFor,
  componentResources,
  selectorFor,
} from '../model/resolve';
import type { K8sObject } from '../generator/types';

/** What differs between the single-replica stores (Redis, MinIO). */
export interface StoreContainer {
  /** Name of the container and of its port on the Service. */
  containerName: string;
  portName: string;
  /** UID the image runs as; also the volume's fsGroup. */
  uid: number;
  args: string[];
  envFrom?: Record<string, unknown>[];
  readinessProbe: Record<string, unknown>;
  livenessProbe: Record<string, unknown>;
  storage: string;
}

/**
 * A Service plus a single-replica StatefulSet with one `data` volume claim at
 * `/data`, non-root and without a service-account token.
 */
export function singleReplicaStore(
  stack: Stack,
  c: StackComponent,
  s: StoreContainer,
): K8sObject[] {
  const labels = labelsFor(stack, c);
  const port = componentPort(c);
  return [
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: c.name, labels },
      spec: {
        selector: selectorFor(stack, c.name),
        ports: [
          { name: s.portName, port, targetPort: s.portName, protocol: 'TCP' },
        ],
      },
    },
    {
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
            securityContext: {
              runAsNonRoot: true,
              runAsUser: s.uid,
              fsGroup: s.uid,
              seccompProfile: { type: 'RuntimeDefault' },
            },
            containers: [
              {
                name: s.containerName,
                image: imageFor(stack, c),
                args: s.args,
                ...(s.envFrom ? { envFrom: s.envFrom } : {}),
                ports: [
                  { name: s.portName, containerPort: port, protocol: 'TCP' },
                ],
                resources: componentResources(c),
                readinessProbe: s.readinessProbe,
                livenessProbe: s.livenessProbe,
                securityContext: {
                  allowPrivilegeEscalation: false,
                  capabilities: { drop: ['ALL'] },
                },
                volumeMounts: [{ name: 'data', mountPath: '/data' }],
              },
            ],
          },
        },
        volumeClaimTemplates: [
          {
            metadata: { name: 'data' },
            spec: {
              accessModes: ['ReadWriteOnce'],
              resources: { requests: { storage: s.storage } },
            },
          },
        ],
      },
    },
  ];
}
