import { Stack } from '../schema/stackSchema';
import { Additions } from './types';
import { allowEgress, allowIngress, podPeer } from './networkPolicy';

type End = { name: string; type: string };

/**
 * The pair of NetworkPolicies a link needs under default-deny: egress from
 * the caller's pods and ingress to the callee's pods, on exactly `ports`.
 */
export function linkPolicies(
  stack: Stack,
  from: End,
  to: End,
  ports: number[],
): Additions['objects'] {
  return [
    {
      component: from.name,
      object: allowEgress(
        stack,
        from,
        `${from.name}-to-${to.name}`,
        [podPeer(stack, to)],
        ports,
      ),
    },
    {
      component: to.name,
      object: allowIngress(
        stack,
        to,
        `${to.name}-from-${from.name}`,
        [podPeer(stack, from)],
        ports,
      ),
    },
  ];
}
