import { Stack } from '../schema/stackSchema';
import { Additions, K8sObject } from './types';

/** Objects filed under deploy/base/ itself rather than a component folder. */
export const NAMESPACE_SCOPE = '';

/**
 * Deny all traffic in the namespace by default, then let every pod resolve
 * DNS. Names carry the stack name because a system's stacks share a namespace
 * and two Argo CD Applications must not own the same object.
 */
export function namespacePolicies(stack: Stack): Additions {
  const labels = {
    'app.kubernetes.io/part-of': stack.metadata.name,
    'app.kubernetes.io/managed-by': 'idp-stack',
  };
  const deny: K8sObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${stack.metadata.name}-default-deny`, labels },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  };
  const dns: K8sObject = {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name: `${stack.metadata.name}-allow-dns`, labels },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: {
                matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' },
              },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { protocol: 'UDP', port: 53 },
            { protocol: 'TCP', port: 53 },
          ],
        },
      ],
    },
  };
  return {
    objects: [
      { component: NAMESPACE_SCOPE, object: deny },
      { component: NAMESPACE_SCOPE, object: dns },
    ],
  };
}
