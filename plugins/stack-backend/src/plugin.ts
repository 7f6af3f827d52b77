import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { eventsServiceRef } from '@backstage/plugin-events-node';
import { readStackConfig } from './config';
import { stackPermissions } from '@idp-stack/plugin-stack-common';
import { UrlReaders } from '@backstage/backend-defaults/urlReader';
import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { createRouter } from './router';
import { githubPublishingHosts } from './routes/capabilities';
import { ApplicationStore } from './service/ApplicationStore';
import { ArgoCdClient } from './service/ArgoCdClient';
import { BuildsService } from './service/BuildsService';
import { GithubActionsClient } from './service/GithubActionsClient';
import { githubHeadCommit } from './service/GithubHeadCommit';
import { GithubOrgRepositories } from './service/OrgRepositories';
import { LooseStacksService } from './service/LooseStacksService';
import { StackFileService } from './service/StackFileService';
import { OctokitGithubContents } from './service/GithubContents';
import { GithubClients } from './service/GithubClients';
import { SystemRegistry } from './service/SystemRegistry';
import { OctokitPromotionGithub } from './service/PromotionGithub';
import { subscribeToWorkflowRuns } from './service/workflowRunEvents';

/** The `stack` backend plugin: deployment health, sync and build status, and each repo's stack.yaml. */
export const stackPlugin = createBackendPlugin({
  pluginId: 'stack',
  register(env) {
    env.registerInit({
      deps: {
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        cache: coreServices.cache,
        logger: coreServices.logger,
        config: coreServices.rootConfig,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        urlReader: coreServices.urlReader,
        scheduler: coreServices.scheduler,
        events: eventsServiceRef,
      },
      async init({
        httpRouter,
        httpAuth,
        auth,
        cache,
        logger,
        config,
        permissions,
        permissionsRegistry,
        catalog,
        urlReader,
        scheduler,
        events,
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
        await store.schedule(scheduler, stackConfig.argocd.timeoutMs);
        // A read-only credential of the plugin's own when configured
        // (stack.github.integrations, e.g. a GitHub App installation limited
        // by allowedInstallationOwners), else the portal's integrations.
        const readConfig = stackConfig.github.integrations
          ? new ConfigReader({
              integrations: {
                github: stackConfig.github.integrations.map(c =>
                  c.get<JsonObject>(),
                ),
              },
            })
          : config;
        const integrations = ScmIntegrations.fromConfig(readConfig);
        const portalIntegrations = ScmIntegrations.fromConfig(config);
        const reader = stackConfig.github.integrations
          ? UrlReaders.default({ config: readConfig, logger })
          : urlReader;
        const githubPolicy = {
          retries: stackConfig.github.retries,
          retryBaseDelayMs: stackConfig.github.retryBaseDelayMs,
          writeIntervalMs: stackConfig.github.writeIntervalMs,
          // A rate limit longer than a request may take is not waited out.
          maxRateLimitWaitSeconds: stackConfig.github.timeoutMs / 1000,
        };
        // One shared GitHub client per host for every read of the plugin.
        const github = new GithubClients(
          integrations,
          DefaultGithubCredentialsProvider.fromIntegrations(integrations),
          {
            timeoutMs: stackConfig.github.timeoutMs,
            policy: githubPolicy,
            logger,
          },
        );
        const systemRegistry =
          stackConfig.systemRegistry &&
          new SystemRegistry(new OctokitGithubContents(github), {
            location: stackConfig.systemRegistry,
            logger,
            refreshIntervalMs: stackConfig.github.refreshIntervalMs,
            maxFileBytes: stackConfig.github.maxFileBytes,
          });
        const { webhooks } = stackConfig.github;
        const builds = new BuildsService(
          new GithubActionsClient(github, cache),
          {
            logger,
            // With webhooks the runs arrive as events; polling is the fallback.
            refreshIntervalMs: webhooks.enabled
              ? webhooks.fallbackPollIntervalMs
              : stackConfig.github.refreshIntervalMs,
            maxRuns: stackConfig.github.maxRuns,
            maxPages: stackConfig.github.maxPages,
            organizations: stackConfig.github.organizations,
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
            stackFiles: new StackFileService(reader, {
              logger,
              refreshIntervalMs: stackConfig.github.refreshIntervalMs,
              timeoutMs: stackConfig.github.timeoutMs,
              maxBytes: stackConfig.github.maxFileBytes,
              organizations: stackConfig.github.organizations,
              headCommit: githubHeadCommit(github),
            }),
            loose: new LooseStacksService({
              store,
              repositories: new GithubOrgRepositories(github),
              catalog,
              auth,
              logger,
              organizations: stackConfig.github.organizations,
              instanceUiUrls: Object.fromEntries(
                stackConfig.argocd.instances.map(i => [i.name, i.uiUrl]),
              ),
              // Repositories and topics change slowly: GitHub's interval.
              intervalMs: stackConfig.github.refreshIntervalMs,
              registerSystemUrl: '/create/templates/default/register-system',
              registry:
                systemRegistry &&
                (async () =>
                  (await systemRegistry.systems()).map(s => ({
                    name: s.metadata.name,
                    repositories: s.spec.repositories,
                  }))),
            }),
            config: stackConfig,
            systemRegistry,
            // Promotions write (branch, commit, pull request): the portal's
            // integrations.github credential, never the read-only one.
            promotionGithub: new OctokitPromotionGithub(
              new GithubClients(
                portalIntegrations,
                DefaultGithubCredentialsProvider.fromIntegrations(
                  portalIntegrations,
                ),
                {
                  timeoutMs: stackConfig.github.timeoutMs,
                  policy: githubPolicy,
                  logger,
                },
              ),
            ),
            // The portal's integrations (what the scaffolder publishes with),
            // not the read-only stack.github.integrations.
            capabilities: {
              publishing: {
                githubHosts: githubPublishingHosts(portalIntegrations),
              },
            },
          }),
        );
        if (webhooks.enabled) {
          await subscribeToWorkflowRuns({ events, builds, logger });
        }
        logger.info(
          `stack: ${stackConfig.argocd.instances.length} Argo CD instance(s), refresh every ${stackConfig.argocd.refreshIntervalMs} ms`,
        );
      },
    });
  },
});
