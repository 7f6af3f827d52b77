/**
 * The IDP's permission policy as a backend module of the permission plugin:
 * `backend.add(import('@idp-stack/plugin-permission-backend-module-stack-policy'))`.
 *
 * @packageDocumentation
 */
export { permissionModuleStackPolicy as default } from './module';
export { StackPermissionPolicy } from './StackPermissionPolicy';
export { readStackPolicyConfig } from './config';
export type { StackPolicyConfig } from './config';
