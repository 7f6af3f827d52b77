/**
 * Scaffolder actions of the IDP golden paths.
 *
 * @packageDocumentation
 */
export { scaffolderModuleStack as default } from './module';
export { createGithubPublishAction } from './actions/githubPublish';
export { createArgocdRefreshAction } from './actions/argocdRefresh';
export { createStackGenerateAction } from './actions/stackGenerate';
export { createStackEditAction } from './actions/stackEdit';
export {
  createCatalogInfoAction,
  CATALOG_INFO_ACTION_IDS,
} from './actions/catalogInfo';
