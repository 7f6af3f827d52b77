import { Config } from '@backstage/config';
import type { GithubRetryPolicy } from '@idp-stack/plugin-stack-node';

/** How hard the GitHub client pushes and how long it keeps retrying (`idp.github.*`). */
export type GithubPacing = GithubRetryPolicy;

export function readGithubPacing(config: Config): GithubPacing {
  return {
    writeIntervalMs:
      config.getOptionalNumber('idp.github.writeIntervalMs') ?? 1000,
    retryBaseDelayMs:
      config.getOptionalNumber('idp.github.retryBaseDelayMs') ?? 1000,
    retries: config.getOptionalNumber('idp.github.retries') ?? 3,
  };
}
