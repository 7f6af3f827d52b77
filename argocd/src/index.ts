/**
 * @idp-stack/gitops: the checks that evaluate the Argo CD manifests beside this
 * package (argocd/bootstrap, projects, applicationsets, platform).
 *
 * @packageDocumentation
 */
export { globMatch, globToRegExp } from './glob';
export {
  renderGoTemplate,
  runGoJobs,
  goRegexpMatches,
} from './goTemplateEngine';
export type { GoJob } from './goTemplateEngine';
export { listScmRepos } from './scmProvider';
export type { ScmFilter, ScmProvider, ScmRepository } from './scmProvider';
export { generateParams } from './generators';
export type { GeneratorSources, Params } from './generators';
export { strategicMerge } from './mergePatch';
export { renderApplicationSet } from './renderApplicationSet';
export type { RenderedApplication } from './renderApplicationSet';
export {
  applicationViolations,
  resourceViolations,
  isDestinationPermitted,
  isSourcePermitted,
  isGroupKindPermitted,
} from './projectPolicy';
export type {
  AppProjectLike,
  ApplicationLike,
  GroupKind,
  ObjectLike,
} from './projectPolicy';
export { groupOf, isNamespaced } from './resourceScope';
export { validateManifest } from './manifestSchemas';
export {
  GITOPS_ROOT,
  findYamlFiles,
  readYamlDocuments,
  kustomizeBuild,
} from './manifestFiles';
export {
  syncWindowsForStack,
  canSync,
  isWindowActive,
  matchingWindows,
} from './syncWindows';
export type { SyncWindow } from './syncWindows';
export { inMemoryGithubOrg } from './inMemoryGithubOrg';
export type { InMemoryGithubOrg, InMemoryRepo } from './inMemoryGithubOrg';
export { previewWorkloads } from './previewWorkloads';
export type { WorkloadsPreview } from './previewWorkloads';
export { unknownFields } from './strictFields';
export { AHEAD_OF_PINNED_ARGO_CD, unknownCrdFields } from './crdFields';
export * from './tenancy';
export {
  renderTenancy,
  systemProject,
  hostPattern,
  TENANCY_SETTINGS,
} from './tenancy/renderTenancy';
export { gitopsProjects, refusalsOf } from './previewWorkloads';
export { syncWindowsForPolicies } from './syncWindows';
