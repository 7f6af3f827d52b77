import { Stack } from '../schema/stackSchema';
import { labelsFor, podSelectorFor } from '../model/resolve';
import { K8sObject } from './types';

type Peer = Record<string, unknown>;

/**
 * A NetworkPolicy for `workload`'s pods allowing TCP on `ports` in one
 * direction: from `peers` (Ingress) or to `peers` (Egress).
 */
function allowTraffic(
  stack: Stack,
  workload: { name: string; type: string },
  name: string,
  direction: 'Ingress' | 'Egress',
  peers: Peer[],
  ports: number[],
): K8sObject {
  const tcp = ports.map(port => ({ protocol: 'TCP', port }));
  const rule =
    direction === 'Ingress'
      ? { from: peers, ports: tcp }
      : { to: peers, ports: tcp };
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: labelsFor(stack, workload) },
    spec: {
      podSelector: { matchLabels: podSelectorFor(stack, workload) },
      policyTypes: [direction],
      [direction === 'Ingress' ? 'ingress' : 'egress']: [rule],
    },
  };
}

/** Ingress to `target`'s pods from `peers` on `ports` (TCP). */
export function allowIngress(
  stack: Stack,
  target: { name: string; type: string },
  name: string,
  peers: Peer[],
  ports: number[],
): K8sObject {
  return allowTraffic(stack, target, name, 'Ingress', peers, ports);
}

/** Egress from `source`'s pods to `peers` on `ports` (TCP). */
export function allowEgress(
  stack: Stack,
  source: { name: string; type: string },
  name: string,
  peers: Peer[],
  ports: number[],
): K8sObject {
  return allowTraffic(stack, source, name, 'Egress', peers, ports);
}

export function podPeer(stack: Stack, c: { name: string; type: string }): Peer {
  return { podSelector: { matchLabels: podSelectorFor(stack, c) } };
}

export function namespacePeer(namespace: string): Peer {
  return {
    namespaceSelector: {
      matchLabels: { 'kubernetes.io/metadata.name': namespace },
    },
  };
}
