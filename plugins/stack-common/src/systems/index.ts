export {
  checkSystemRegistry,
  parseSystemRegistration,
  systemRegistrationIssues,
  MAX_REPOSITORY_NAME,
  RESERVED_SYSTEMS,
  SYSTEM_API_VERSION,
  SYSTEM_KIND,
} from './registry';
export type {
  EnvironmentPolicyInput,
  RegistryIssue,
  SystemEnvironmentPolicies,
  SystemRegistration,
} from './registry';
export {
  durationMs,
  nextDeploymentWindow,
  wallClock,
} from './deploymentWindows';
