/**
 * Names a stack may not take: they collide with platform repositories,
 * namespaces (`<system>-<env>`) or Kubernetes' own.
 */
const RESERVED = new Set([
  'argocd',
  'backstage',
  'default',
  'gitops',
  'idp',
  'kubernetes',
  'platform',
]);

/** Why `name` is reserved, or undefined. */
export function reservedReason(name: string): string | undefined {
  if (RESERVED.has(name)) return `"${name}" is reserved for the platform`;
  if (name === 'kube' || name.startsWith('kube-')) {
    return `"${name}" is reserved: kube-* belongs to Kubernetes`;
  }
  return undefined;
}
