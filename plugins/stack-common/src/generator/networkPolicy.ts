import { Stack } from '../schema/stackSchema';
import { labelsFor, podSelectorFor } from '../model/resolve';
import { K8sObject } from './types';

type Peer = Record<string, unknown>;

/** Ingress to `target`'s pods from `peers` on `ports` (TCP). */
export function allowIngress(
  stack: Stack,
  target: { name: string; type: string },
  name: string,
  peers: Peer[],
  ports: number[],
): K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: labelsFor(stack, target) },
    spec: {
      podSelector: { matchLabels: podSelectorFor(stack, target) },
      policyTypes: ['Ingress'],
      ingress: [{ from: peers, ports: ports.map(port => ({ protocol: 'TCP', port })) }],
    },
  };
}

/** Egress from `source`'s pods to `peers` on `ports` (TCP). */
export function allowEgress(
  stack: Stack,
  source: { name: string; type: string },
  name: string,
  peers: Peer[],
  ports: number[],
): K8sObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name, labels: labelsFor(stack, source) },
    spec: {
      podSelector: { matchLabels: podSelectorFor(stack, source) },
      policyTypes: ['Egress'],
      egress: [{ to: peers, ports: ports.map(port => ({ protocol: 'TCP', port })) }],
    },
  };
}

export function podPeer(stack: Stack, c: { name: string; type: string }): Peer {
  return { podSelector: { matchLabels: podSelectorFor(stack, c) } };
}

export function namespacePeer(namespace: string): Peer {
  return { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } } };
}
