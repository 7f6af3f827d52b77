import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { readStackPolicyConfig } from './config';
import { StackPermissionPolicy } from './StackPermissionPolicy';

/**
 * Installs the IDP's permission policy into the permission backend
 * (https://backstage.io/docs/permissions/getting-started: a module that calls
 * `policyExtensionPoint.setPolicy`). Replaces the allow-all policy.
 */
export const permissionModuleStackPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'stack-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        userInfo: coreServices.userInfo,
        policy: policyExtensionPoint,
      },
      async init({ config, logger, userInfo, policy }) {
        const policyConfig = readStackPolicyConfig(
          config,
          process.env.NODE_ENV,
        );
        if (policyConfig.allowAll) {
          logger.warn(
            'permission.stackPolicy.allowAllForLocalDevelopment: every request is allowed (local development only)',
          );
        }
        policy.setPolicy(new StackPermissionPolicy(policyConfig, userInfo));
      },
    });
  },
});
