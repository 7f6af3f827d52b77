import { UpstreamFailure } from '@idp-stack/plugin-stack-node';
import { GithubClients, textOf } from './GithubClients';

/**
 * The commit a branch (or `HEAD`) of a repository points at, with the
 * plugin's own GitHub credentials through the shared client:
 * `GET /repos/{o}/{r}/commits/{ref}` with `Accept: application/vnd.github.sha`
 * answers the bare sha
 * (https://docs.github.com/en/rest/commits/commits#get-a-commit).
 */
export function githubHeadCommit(github: GithubClients) {
  return async (where: {
    host: string;
    org: string;
    repo: string;
    ref: string;
  }): Promise<string> => {
    const { host, org, repo, ref } = where;
    const res = await github.request(
      host,
      'GET /repos/{owner}/{repo}/commits/{ref}',
      {
        owner: org,
        repo,
        ref,
        headers: { accept: 'application/vnd.github.sha' },
      },
      { doing: `read the commit of ${org}/${repo}@${ref}` },
    );
    const sha = textOf(res.data).trim();
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
