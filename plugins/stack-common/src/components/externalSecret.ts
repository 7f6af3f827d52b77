import { K8sObject } from '../generator/types';

/** The namespaced SecretStore the platform provisions in every `<system>-<env>` namespace. */
export const PLATFORM_SECRET_STORE = 'idp-platform';

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
    apiVersion: 'external-secrets.io/v1beta1',
    kind: 'ExternalSecret',
    metadata: { name, labels },
    spec: {
      refreshInterval: '1h',
      secretStoreRef: { kind: 'SecretStore', name: PLATFORM_SECRET_STORE },
      target: { name, creationPolicy: 'Owner', template: { type } },
      data: keys.map(key => ({ secretKey: key, remoteRef: { key: remoteKey, property: key } })),
    },
  };
}
