import { Environment, namespaceFor } from '../schema/names';

/** Secret names are DNS subdomains of at most 253 characters (Kubernetes IsDNS1123Subdomain). */
export const MAX_SECRET_NAME = 253;

// FNV-1a, 32 bits: a short, stable suffix for keys that would be too long.
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}

/**
 * The ClusterSecretStore of one system and environment, `idp-secrets-<system>-<env>`:
 * the platform renders one per registered system (argocd/tenancy/cluster), open to
 * the namespace `<system>-<env>` only, reading the namespace of the same name.
 */
export function secretStoreFor(
  stack: { metadata: { system: string } },
  env: Environment,
): string {
  return `idp-secrets-${namespaceFor(stack, env)}`;
}

/**
 * The remote key of a credential: the name of the Secret the platform seeds in
 * `idp-secrets-<system>-<env>`, read by External Secrets' kubernetes provider
 * (remoteRef.key is a Secret name there, so no `/`):
 * `<system>-<env>.<stack>.<component>.<purpose>`. Every part is a DNS label, so
 * the dots keep the parts apart and the result is a valid DNS subdomain; the
 * environment makes it differ per overlay, and the namespace prefix is what the
 * admission policy checks. Too long a key keeps its prefix and gets a hash.
 */
export function remoteSecretKey(
  stack: { metadata: { system: string; name: string } },
  env: Environment,
  component: string,
  purpose: string,
): string {
  const key = [
    namespaceFor(stack, env),
    stack.metadata.name,
    component,
    purpose,
  ].join('.');
  if (key.length <= MAX_SECRET_NAME) return key;
  const hash = fnv1a(key);
  return `${key
    .slice(0, MAX_SECRET_NAME - hash.length - 1)
    .replace(/[-.]+$/, '')}-${hash}`;
}
