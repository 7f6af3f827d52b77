/**
 * Backend plugin `stack`: per-environment deployment health from Argo CD and
 * build status from GitHub Actions, fetched once per refresh interval and
 * shared by every request. API types and a client live in
 * `@idp-stack/plugin-stack-common`.
 */
export { stackPlugin as default } from './plugin';
export {
  stackApplicationSyncPermission,
  stackApplicationApprovedSyncPermission,
  stackApplicationRefreshPermission,
  stackPermissions,
} from '@idp-stack/plugin-stack-common';
