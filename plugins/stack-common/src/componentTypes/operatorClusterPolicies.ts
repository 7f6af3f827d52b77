import { Stack } from '../schema/stackSchema';
import { Additions } from '../generator/types';
import {
  allowEgress,
  allowIngress,
  namespacePeer,
  podPeer,
} from '../generator/networkPolicy';

/**
 * NetworkPolicies every operator-run cluster (CNPG, RabbitMQ) needs: its
 * operator gets in on `operatorPorts`, instances reach each other on
 * `peerPorts`. Their way to the Kubernetes API is the platform's NetworkPolicy
 * (argocd/tenancy/cluster: the API server's addresses only), not 0.0.0.0/0.
 */
export function operatorClusterPolicies(
  stack: Stack,
  c: { name: string; type: string },
  operatorNamespace: string,
  operatorPorts: number[],
  peerPorts: number[],
): NonNullable<Additions['objects']> {
  return [
    {
      component: c.name,
      object: allowIngress(
        stack,
        c,
        `${c.name}-from-operator`,
        [namespacePeer(operatorNamespace)],
        operatorPorts,
      ),
    },
    {
      component: c.name,
      object: allowIngress(
        stack,
        c,
        `${c.name}-from-peers`,
        [podPeer(stack, c)],
        peerPorts,
      ),
    },
    {
      component: c.name,
      object: allowEgress(
        stack,
        c,
        `${c.name}-to-peers`,
        [podPeer(stack, c)],
        peerPorts,
      ),
    },
  ];
}
