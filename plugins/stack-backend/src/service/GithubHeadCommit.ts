import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';

/**
 * The commit a branch (or `HEAD`) of a repository points at, with the
 * plugin's own GitHub credentials: `GET /repos/{o}/{r}/commits/{ref}` with
 * `Accept: application/vnd.github.sha` answers the bare sha
 * (https://docs.github.com/en/rest/commits/commits#get-a-commit).
 */
export function githubHeadCommit(
  integrations: ScmIntegrationRegistry,
  credentials: GithubCredentialsProvider,
  timeoutMs: number,
) {
  return async (where: {
    host: string;
    org: string;
    repo: string;
    ref: string;
  }): Promise<string> => {
    const { host, org, repo, ref } = where;
    const integration = integrations.github.byHost(host);
    if (!integration) {
      throw new UpstreamFailure(
        'unauthorized',
        `no integrations.github entry for host ${host}`,
      );
    }
    const api = (
      integration.config.apiBaseUrl ?? 'https://api.github.com'
    ).replace(/\/+$/, '');
    const { headers } = await credentials.getCredentials({
      url: `https://${host}/${org}/${repo}`,
    });
    const res = await fetchUpstream(
      `GitHub (${host})`,
      `${api}/repos/${encodeURIComponent(org)}/${encodeURIComponent(
        repo,
      )}/commits/${encodeURIComponent(ref)}`,
      {
        headers: {
          Accept: 'application/vnd.github.sha',
          'X-GitHub-Api-Version': '2022-11-28',
          ...headers,
        },
      },
      timeoutMs,
    );
    const sha = (await res.text()).trim();
    if (!/^[0-9a-f]{40}$/.test(sha)) {
      throw new UpstreamFailure(
        'bad-response',
        `GitHub (${host}) answered no commit sha for ${org}/${repo}@${ref}`,
      );
    }
    return sha;
  };
}

export type HeadCommit = ReturnType<typeof githubHeadCommit>;
