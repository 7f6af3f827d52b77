import { InputError } from '@backstage/errors';
import { GithubCredentialsProvider } from '@backstage/integration';
import { GithubRequestTarget } from './createGithubClient';

/** The part of `ScmIntegrationRegistry` read here (structural: packages may resolve different copies). */
type ScmIntegrationRegistry = {
  github: {
    byHost(host: string): { config: { apiBaseUrl?: string } } | undefined;
  };
};

/** The API base URL of a configured GitHub host (`integrations.github[].apiBaseUrl`). */
export function githubApiBaseUrl(
  integrations: Pick<ScmIntegrationRegistry, 'github'>,
  host: string,
): string {
  const integration = integrations.github.byHost(host);
  if (!integration) {
    throw new InputError(
      `no integrations.github entry for host ${host}: add one with a token or GitHub App`,
    );
  }
  return (integration.config.apiBaseUrl ?? 'https://api.github.com').replace(
    /\/+$/,
    '',
  );
}

/**
 * Per-request credentials of `host` from Backstage's integrations (token or
 * GitHub App installation of the request's owner), never a user's token.
 */
export function githubAuth(
  credentials: GithubCredentialsProvider,
  host: string,
): (target: GithubRequestTarget) => Promise<string | undefined> {
  return async ({ owner, repo }) =>
    (
      await credentials.getCredentials({
        url: `https://${host}/${[owner, repo].filter(Boolean).join('/')}`,
      })
    ).token;
}
