import { Config } from '@backstage/config';
import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';

/** `permission.stackPolicy` with refs normalised. */
export interface StackPolicyConfig {
  platformGroup: string;
  approversGroup: string;
  allowAll: boolean;
}

function groupRef(config: Config, key: string): string {
  const value = config.getString(key);
  const refused = new Error(
    `permission.stackPolicy.${key} must be a group ref such as group:default/platform-team, got "${value}"`,
  );
  let ref;
  try {
    ref = parseEntityRef(value, {
      defaultKind: 'group',
      defaultNamespace: 'default',
    });
  } catch {
    throw refused;
  }
  if (ref.kind.toLocaleLowerCase('en-US') !== 'group') throw refused;
  return stringifyEntityRef(ref);
}

/**
 * Reads `permission.stackPolicy`. `allowAllForLocalDevelopment` is honoured
 * only outside NODE_ENV=production, and throws there so it is never on by
 * accident in a deployment.
 */
export function readStackPolicyConfig(
  root: Config,
  nodeEnv: string | undefined,
): StackPolicyConfig {
  const c = root.getConfig('permission.stackPolicy');
  const allowAll = c.getOptionalBoolean('allowAllForLocalDevelopment') ?? false;
  if (allowAll && nodeEnv === 'production') {
    throw new Error(
      'permission.stackPolicy.allowAllForLocalDevelopment is set while NODE_ENV=production: remove it; it is for local development only',
    );
  }
  return {
    platformGroup: groupRef(c, 'platformGroup'),
    approversGroup: groupRef(c, 'approversGroup'),
    allowAll,
  };
}
