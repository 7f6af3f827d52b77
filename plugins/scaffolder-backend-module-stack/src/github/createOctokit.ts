import { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  GithubCredentialsProvider,
  GithubIntegration,
} from '@backstage/integration';
import { createGithubClient, GithubClient } from '@idp-stack/plugin-stack-node';
import { GithubPacing } from './pacing';

/** The Octokit the actions use: the stack plugins' one GitHub client. */
export type IdpOctokit = GithubClient;

/**
 * The shared GitHub client (`@idp-stack/plugin-stack-node`: throttling and
 * ONE retry layer) with the action's token and pacing. `justCreated`: the
 * repository was created by this run, so a 404 is GitHub's eventual
 * consistency and is retried by the same layer, within the same `retries`.
 */
export function createOctokit(options: {
  token: string;
  baseUrl: string;
  pacing: GithubPacing;
  logger: LoggerService;
  justCreated?: boolean;
}): IdpOctokit {
  const { token, baseUrl, pacing, logger, justCreated } = options;
  return createGithubClient({
    auth: token,
    baseUrl,
    policy: pacing,
    logger,
    requestDefaults: { retryNotFound: justCreated ?? false },
  });
}

/** The client options for one repository: the integration's token for it, or a refusal naming it. */
export async function githubClientOptions(options: {
  credentials: GithubCredentialsProvider;
  integration: GithubIntegration;
  host: string;
  slug: string;
  pacing: GithubPacing;
  logger: LoggerService;
}) {
  const { integration, slug } = options;
  const { token } = await options.credentials.getCredentials({
    url: `https://${options.host}/${slug}`,
  });
  if (!token) {
    throw new NotAllowedError(
      `repoUrl: integrations.github has no token or GitHub App that can write to ${slug}`,
    );
  }
  return {
    token,
    baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
    pacing: options.pacing,
    logger: options.logger,
  };
}

/** The shared client for one repository with the integration's token for it. */
export async function octokitForRepository(
  options: Parameters<typeof githubClientOptions>[0],
): Promise<IdpOctokit> {
  return createOctokit(await githubClientOptions(options));
}
