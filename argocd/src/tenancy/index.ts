/**
 * The system registry on its own (`@idp-stack/gitops/tenancy`): parsing and the
 * policy warnings, without the Kubernetes schema models the package index loads.
 *
 * @packageDocumentation
 */
export {
  parseSystemRegistration,
  readSystemRegistry,
  systemRegistrationIssues,
  SYSTEM_API_VERSION,
  SYSTEM_KIND,
} from './registry';
export type {
  SystemRegistration,
  SystemEnvironmentPolicies,
  RegistryIssue,
} from './registry';
export { systemPolicyWarnings } from './policyWarnings';
