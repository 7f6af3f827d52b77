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

type Rule = { from?: Peer[]; to?: Peer[]; ports: unknown[] };
const DIRECTIONS = [
  ['Ingress', 'ingress', 'from'],
  ['Egress', 'egress', 'to'],
] as const;

/**
 * Folds the per-peer NetworkPolicies of one component folder into one
 * NetworkPolicy per selected pod group, `<pods>-allow`, with one rule per
 * port set listing every peer. Kustomize's render time grows with the square
 * of the object count (each resource it adds is checked against all others:
 * `resWrangler.Append` in kustomize's api/resmap/reswrangler.go), and the
 * per-peer policies were a third of all objects.
 *
 * The traffic allowed is the same. The Kubernetes docs
 * (https://kubernetes.io/docs/concepts/services-networking/network-policies/):
 * "Network policies do not conflict; they are
 * additive. If any policy or policies apply to a given pod for a given
 * direction, the connections allowed in that direction from that pod is the
 * union of what the applicable policies allow", and within a policy each
 * rule allows traffic "which matches both the from and ports sections", the
 * peers of a `from`/`to` list being alternatives. So policies with the same
 * podSelector are one policy with the union of their rules and policyTypes
 * (so the same pods are isolated in the same directions), and rules with the
 * same ports are one rule with the union of their peers. The renamed policies
 * replace the old ones without a gap: the workloads ApplicationSet syncs with
 * `PruneLast=true`, so the old names are pruned after the new are applied.
 */
export function mergeNetworkPolicies(objects: K8sObject[]): K8sObject[] {
  const groups = new Map<string, K8sObject[]>();
  const rest: K8sObject[] = [];
  for (const o of objects) {
    if (!isMergeable(o)) {
      rest.push(o);
      continue;
    }
    const spec = o.spec as { podSelector: unknown };
    const key = JSON.stringify([spec.podSelector, o.metadata.labels]);
    const group = groups.get(key);
    if (group) group.push(o);
    else groups.set(key, [o]);
  }
  const merged = [...groups.values()].map(group => {
    const first = group[0];
    const pods = first.metadata.labels?.['app.kubernetes.io/name'];
    if (!pods)
      throw new Error(`NetworkPolicy ${first.metadata.name} names no pods`);
    const spec: Record<string, unknown> = {
      podSelector: (first.spec as { podSelector: unknown }).podSelector,
    };
    const policyTypes: string[] = [];
    for (const [type, field, peersField] of DIRECTIONS) {
      // Peers by port set; JSON keys keep the output independent of link order.
      const byPorts = new Map<string, Map<string, Peer>>();
      for (const o of group) {
        const s = o.spec as Record<string, unknown>;
        if (!(s.policyTypes as string[]).includes(type)) continue;
        for (const rule of (s[field] ?? []) as Rule[]) {
          const ports = JSON.stringify(rule.ports);
          const peers = byPorts.get(ports) ?? new Map<string, Peer>();
          byPorts.set(ports, peers);
          for (const p of rule[peersField] ?? [])
            peers.set(JSON.stringify(p), p);
        }
        if (!policyTypes.includes(type)) policyTypes.push(type);
      }
      if (byPorts.size === 0) continue;
      spec[field] = [...byPorts.keys()].sort().map(ports => {
        const peers = byPorts.get(ports)!;
        return {
          [peersField]: [...peers.keys()].sort().map(k => peers.get(k)!),
          ports: JSON.parse(ports),
        };
      });
    }
    spec.policyTypes = DIRECTIONS.map(d => d[0]).filter(t =>
      policyTypes.includes(t),
    );
    return {
      apiVersion: first.apiVersion,
      kind: 'NetworkPolicy',
      metadata: { name: `${pods}-allow`, labels: first.metadata.labels },
      spec: {
        podSelector: spec.podSelector,
        policyTypes: spec.policyTypes,
        ...(spec.ingress ? { ingress: spec.ingress } : {}),
        ...(spec.egress ? { egress: spec.egress } : {}),
      },
    };
  });
  const names = new Set(rest.map(o => `${o.kind}/${o.metadata.name}`));
  for (const o of merged) {
    const id = `NetworkPolicy/${o.metadata.name}`;
    if (names.has(id)) throw new Error(`two NetworkPolicies named ${id}`);
    names.add(id);
  }
  return [...rest, ...merged];
}

/**
 * Only policies shaped like `allowTraffic`'s fold: every rule names its peers
 * and ports (a rule without them allows every peer or port, and must not
 * absorb or be absorbed by narrower ones).
 */
function isMergeable(o: K8sObject): boolean {
  if (o.kind !== 'NetworkPolicy') return false;
  const spec = o.spec as Record<string, unknown> | undefined;
  if (!spec || !spec.podSelector || !Array.isArray(spec.policyTypes))
    return false;
  const known = new Set(['podSelector', 'policyTypes', 'ingress', 'egress']);
  if (Object.keys(spec).some(k => !known.has(k))) return false;
  return DIRECTIONS.every(([, field, peersField]) =>
    ((spec[field] ?? []) as Rule[]).every(
      r =>
        Array.isArray(r[peersField]) &&
        r[peersField]!.length > 0 &&
        Array.isArray(r.ports) &&
        r.ports.length > 0,
    ),
  );
}
