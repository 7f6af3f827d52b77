import type { Stack } from '../schema/stackSchema';
import type { K8sObject } from './types';

/**
 * The ClusterSecretStore the platform provides (argocd/platform/secret-store/),
 * open to the `<system>-<env>` namespaces only.
 */
export const PLATFORM_SECRET_STORE = 'idp-platform';

/**
 * Where the platform store keeps one credential of a component:
 * `<stack>/<component>/<name>`. Every generated ExternalSecret reads its key
 * from here, so the scheme lives in this one place.
 */
export function platformSecretKey(stack: Stack, component: string, name: string): string {
  return `${stack.metadata.name}/${component}/${name}`;
}

/**
 * A reference to credentials the platform fills: External Secrets writes the
 * Secret `name` with `keys` from `<remoteKey>` in the platform store. No value
 * is ever generated into a file.
 */
export function externalSecret(
  name: string,
  labels: Record<string, string>,
  remoteKey: string,
  keys: string[],
  type = 'Opaque',
): K8sObject {
  return {
    // External Secrets ≥ 0.17 serves only v1.
    apiVersion: 'external-secrets.io/v1',
    kind: 'ExternalSecret',
    metadata: { name, labels },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'ClusterSecretStore', name: PLATFORM_SECRET_STORE },
      target: { name, creationPolicy: 'Owner', template: { type } },
      data: keys.map(key => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
    },
  };
}
