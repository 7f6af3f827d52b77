import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createArgocdRefreshAction } from './actions/argocdRefresh';
import { createCatalogRegisterAction } from './actions/catalogRegister';
import {
  CATALOG_INFO_ACTION_IDS,
  createCatalogInfoAction,
} from './actions/catalogInfo';
import { createGithubPublishAction } from './actions/githubPublish';
import { createStackEditAction } from './actions/stackEdit';
import { createStackGenerateAction } from './actions/stackGenerate';
import { readArgocdTarget } from './argocd/refreshApplicationSet';
import { readAllowedOwners } from './github/allowedOwners';
import { readCiBot } from './github/ciBot';
import { readGithubPacing } from './github/pacing';

/**
 * Registers the IDP scaffolder actions: stack:generate, stack:catalog-info
 * (also as template:catalog-info-handler), idp:github:publish,
 * idp:catalog:register, idp:stack:edit and idp:argocd:refresh.
 */
export const scaffolderModuleStack = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'stack',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        catalog: catalogServiceRef,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
      },
      async init({ scaffolder, config, catalog, auth, permissions }) {
        const integrations = ScmIntegrations.fromConfig(config);
        const allowedOwners = readAllowedOwners(config);
        const pacing = readGithubPacing(config);
        scaffolder.addActions(
          createStackGenerateAction({ catalog }),
          ...CATALOG_INFO_ACTION_IDS.map(id =>
            createCatalogInfoAction({ integrations, id }),
          ),
          createGithubPublishAction({
            integrations,
            pacing,
            catalog,
            allowedOwners,
            ciBot: readCiBot(config),
          }),
          createStackEditAction({
            integrations,
            pacing,
            catalog,
            permissions,
            allowedOwners,
          }),
          createCatalogRegisterAction({
            integrations,
            catalog,
            auth,
            allowedOwners,
          }),
          createArgocdRefreshAction({ target: readArgocdTarget(config) }),
        );
      },
    });
  },
});
