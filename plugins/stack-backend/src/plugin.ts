import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { readStackConfig } from './config';
import { stackPermissions } from './permissions';
import { createRouter } from './router';
import { ApplicationStore } from './service/ApplicationStore';
import { ArgoCdClient } from './service/ArgoCdClient';
import { BuildsService } from './service/BuildsService';
import { GithubActionsClient } from './service/GithubActionsClient';
import { StackFileService } from './service/StackFileService';

/** The `stack` backend plugin: deployment health, sync and build status, and each repo's stack.yaml. */
export const stackPlugin = createBackendPlugin({
  pluginId: 'stack',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        cache: coreServices.cache,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        urlReader: coreServices.urlReader,
      },
      async init({
        httpRouter,
        httpAuth,
        cache,
        logger,
        config,
        permissions,
        permissionsRegistry,
        catalog,
        urlReader,
      }) {
        const stackConfig = readStackConfig(config);
        permissionsRegistry.addPermissions(stackPermissions);
        const store = new ApplicationStore(
          stackConfig.argocd.instances.map(
            i => new ArgoCdClient(i, stackConfig.argocd.timeoutMs),
          ),
          {
            cache,
            logger,
            selector: stackConfig.argocd.selector,
            refreshIntervalMs: stackConfig.argocd.refreshIntervalMs,
            historyLimit: stackConfig.argocd.historyLimit,
          },
        );
        const integrations = ScmIntegrations.fromConfig(config);
        const builds = new BuildsService(
          new GithubActionsClient(
            integrations,
            DefaultGithubCredentialsProvider.fromIntegrations(integrations),
            cache,
            stackConfig.github.timeoutMs,
          ),
          {
            logger,
            refreshIntervalMs: stackConfig.github.refreshIntervalMs,
            maxRuns: stackConfig.github.maxRuns,
            maxPages: stackConfig.github.maxPages,
          },
        );
        httpRouter.use(
          createRouter({
            httpAuth,
            catalog,
            permissions,
            logger,
            store,
            builds,
            // stack.yaml changes with a push, like the runs: same interval.
            stackFiles: new StackFileService(urlReader, {
              logger,
              refreshIntervalMs: stackConfig.github.refreshIntervalMs,
            }),
            config: stackConfig,
          }),
        );
        logger.info(
          `stack: ${stackConfig.argocd.instances.length} Argo CD instance(s), refresh every ${stackConfig.argocd.refreshIntervalMs} ms`,
        );
      },
    });
  },
});
