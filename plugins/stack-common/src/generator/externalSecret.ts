import { ENVIRONMENTS } from '../schema/names';
import type { Stack } from '../schema/stackSchema';
import type { Additions } from './types';
import { remoteSecretKey, secretStoreFor } from './secretKeys';

/**
 * References to credentials the platform fills, one per environment overlay:
 * External Secrets writes the Secret `name` with `keys` from the Secret
 * `remoteSecretKey(…, purpose)` through the environment's platform store. No
 * value is ever generated into a file.
 */
export function externalSecrets(
  stack: Stack,
  component: string,
  name: string,
  labels: Record<string, string>,
  purpose: string,
  keys: string[],
  type = 'Opaque',
): NonNullable<Additions['objects']> {
  return ENVIRONMENTS.map(environment => {
    const key = remoteSecretKey(stack, environment, component, purpose);
    return {
      component,
      environment,
      object: {
        // External Secrets ≥ 0.17 serves only v1.
        apiVersion: 'external-secrets.io/v1',
        kind: 'ExternalSecret',
        metadata: { name, labels },
        spec: {
          refreshInterval: '1h',
          secretStoreRef: {
            kind: 'ClusterSecretStore',
            name: secretStoreFor(stack, environment),
          },
          target: { name, creationPolicy: 'Owner', template: { type } },
          data: keys.map(k => ({
            secretKey: k,
            remoteRef: { key, property: k },
          })),
        },
      },
    };
  });
}
