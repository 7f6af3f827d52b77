import { Config } from '@backstage/config';

/** How hard the GitHub client pushes and how long it keeps retrying. */
export type GithubPacing = {
  /** Minimum ms between two write requests (GitHub's secondary rate limit guidance). */
  writeIntervalMs: number;
  /** Base delay in ms of every bounded retry. */
  retryBaseDelayMs: number;
  /** Attempts after the first one. */
  retries: number;
};

export function readGithubPacing(config: Config): GithubPacing {
  return {
    writeIntervalMs:
      config.getOptionalNumber('idp.github.writeIntervalMs') ?? 1000,
    retryBaseDelayMs:
      config.getOptionalNumber('idp.github.retryBaseDelayMs') ?? 1000,
    retries: config.getOptionalNumber('idp.github.retries') ?? 3,
  };
}
