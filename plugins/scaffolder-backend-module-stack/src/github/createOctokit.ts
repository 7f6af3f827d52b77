import { LoggerService } from '@backstage/backend-plugin-api';
import { NotAllowedError } from '@backstage/errors';
import {
  GithubCredentialsProvider,
  GithubIntegration,
} from '@backstage/integration';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { Octokit } from '@octokit/rest';
import Bottleneck from 'bottleneck';
import { GithubPacing } from './pacing';

const PluggedOctokit = Octokit.plugin(throttling, retry);
export type IdpOctokit = InstanceType<typeof PluggedOctokit>;

/**
 * An Octokit that retries 5xx (plugin-retry) and rate limits (plugin-throttling)
 * a bounded number of times, and spaces writes as GitHub asks.
 */
export function createOctokit(options: {
  token: string;
  baseUrl: string;
  pacing: GithubPacing;
  logger: LoggerService;
}): IdpOctokit {
  const { token, baseUrl, pacing, logger } = options;
  const onLimit =
    (kind: string) =>
    (
      retryAfter: number,
      request: { method: string; url: string },
      _o: unknown,
      retryCount: number,
    ) => {
      logger.warn(
        `GitHub ${kind} on ${request.method} ${request.url}; retry ${
          retryCount + 1
        }/${pacing.retries} in ${retryAfter}s`,
      );
      return retryCount < pacing.retries;
    };
  return new PluggedOctokit({
    auth: token,
    baseUrl,
    log: {
      debug: () => {},
      info: () => {},
      warn: (message: string) => logger.warn(message),
      error: (message: string) => logger.error(message),
    },
    throttle: {
      // A group per client so one task's pacing never stalls another's.
      write: new Bottleneck.Group({
        maxConcurrent: 1,
        minTime: pacing.writeIntervalMs,
      }),
      retryAfterBaseValue: pacing.retryBaseDelayMs,
      fallbackSecondaryRateRetryAfter: 60,
      onRateLimit: onLimit('rate limit'),
      onSecondaryRateLimit: onLimit('secondary rate limit'),
    },
    retry: {
      // 409 ("Git Repository is empty", conflicts) never heals by waiting.
      doNotRetry: [400, 401, 403, 404, 409, 422, 451],
      retries: pacing.retries,
      retryAfterBaseValue: pacing.retryBaseDelayMs,
    },
  });
}

/**
 * An Octokit with the integration's credentials for writing to one
 * repository (token or GitHub App installation from `integrations.github`,
 * never from the form); refuses when none can write there.
 */
export async function octokitForRepository(options: {
  credentials: GithubCredentialsProvider;
  integration: GithubIntegration;
  host: string;
  slug: string;
  pacing: GithubPacing;
  logger: LoggerService;
}): Promise<IdpOctokit> {
  const { integration, slug } = options;
  const { token } = await options.credentials.getCredentials({
    url: `https://${options.host}/${slug}`,
  });
  if (!token) {
    throw new NotAllowedError(
      `repoUrl: integrations.github has no token or GitHub App that can write to ${slug}`,
    );
  }
  return createOctokit({
    token,
    baseUrl: integration.config.apiBaseUrl ?? 'https://api.github.com',
    pacing: options.pacing,
    logger: options.logger,
  });
}
