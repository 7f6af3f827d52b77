import Router from 'express-promise-router';
import { ScmIntegrationRegistry } from '@backstage/integration';
import { StackCapabilities } from '@idp-stack/plugin-stack-common';
import { RouteDeps } from './types';

/**
 * The `integrations.github` hosts the scaffolder can publish to: those with a
 * token or a GitHub App. Without either, `publish:github` and
 * `idp:github:publish` fail at their last step (no credentials for the host).
 */
export function githubPublishingHosts(
  integrations: ScmIntegrationRegistry,
): string[] {
  return integrations.github
    .list()
    .filter(i => Boolean(i.config.token) || Boolean(i.config.apps?.length))
    .map(i => i.config.host);
}

/**
 * `GET /capabilities`: what the portal's configuration lets the golden paths
 * do, for the first page of their forms. Signed-in users only; it names hosts,
 * never credentials.
 */
export function capabilitiesRoutes(
  deps: Pick<RouteDeps, 'httpAuth'> & { capabilities: StackCapabilities },
) {
  const router = Router();
  router.get('/capabilities', async (req, res) => {
    await deps.httpAuth.credentials(req, { allow: ['user'] });
    res.json(deps.capabilities);
  });
  return router;
}
