import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { createArgocdRefreshAction } from './actions/argocdRefresh';
import { createGithubPublishAction } from './actions/githubPublish';
import { readArgocdTarget } from './argocd/refreshApplicationSet';
import { readGithubPacing } from './github/pacing';

/**
 * Registers the IDP scaffolder actions: stack:generate, stack:catalog-info
 * (also as template:catalog-info-handler), idp:github:publish and
 * idp:argocd:refresh.
 */
export const scaffolderModuleStack = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'stack',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
      },
      async init({ scaffolder, config }) {
        const integrations = ScmIntegrations.fromConfig(config);
        scaffolder.addActions(
          createGithubPublishAction({
            integrations,
            pacing: readGithubPacing(config),
          }),
          createArgocdRefreshAction({ target: readArgocdTarget(config) }),
        );
      },
    });
  },
});
