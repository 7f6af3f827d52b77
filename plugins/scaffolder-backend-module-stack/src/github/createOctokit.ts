import { LoggerService } from '@backstage/backend-plugin-api';
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
