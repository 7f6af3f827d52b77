import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';

/** The repository a promotion changes. */
export interface RepoRef {
  host: string;
  owner: string;
  repo: string;
}

export interface OpenPullRequest {
  number: number;
  title: string;
  url: string;
  /** Head branch, `promote/<env>/...` for promotions. */
  branch: string;
}

/**
 * The GitHub calls a promotion makes, kept behind this interface so the
 * client (fetch today, Octokit later) can change without touching the route.
 * Every call is a documented REST endpoint (docs.github.com/rest):
 * actions/runs/{id}, git/ref/heads/{branch}, git/refs, contents/{path},
 * pulls, pulls/{n}/requested_reviewers.
 */
export interface PromotionGithub {
  run(
    repo: RepoRef,
    runId: number,
  ): Promise<{
    id: number;
    run_number: number;
    head_sha: string;
    head_branch: string | null;
    status: string;
    conclusion: string | null;
  }>;
  /** The commit a branch points at. */
  branchHead(repo: RepoRef, branch: string): Promise<string>;
  createBranch(repo: RepoRef, branch: string, sha: string): Promise<void>;
  /** Text and blob SHA of a file on a ref; undefined when absent. */
  file(
    repo: RepoRef,
    path: string,
    ref: string,
  ): Promise<{ text: string; sha: string } | undefined>;
  /** One commit on `branch` that replaces the file whose blob is `sha`. */
  putFile(
    repo: RepoRef,
    args: {
      path: string;
      branch: string;
      message: string;
      text: string;
      sha: string;
    },
  ): Promise<void>;
  createPullRequest(
    repo: RepoRef,
    args: { title: string; body: string; head: string; base: string },
  ): Promise<{ number: number; url: string }>;
  requestReviewers(
    repo: RepoRef,
    pull: number,
    reviewers: { teams: string[] },
  ): Promise<void>;
  openPullRequests(repo: RepoRef): Promise<OpenPullRequest[]>;
}

/** PromotionGithub over `fetch` with the portal's GitHub credentials (integrations.github). */
export class FetchPromotionGithub implements PromotionGithub {
  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly timeoutMs: number,
  ) {}

  private async call(
    repo: RepoRef,
    path: string,
    init: { method?: string; body?: unknown } = {},
  ): Promise<any> {
    const integration = this.integrations.github.byHost(repo.host);
    if (!integration)
      throw new UpstreamFailure(
        'unauthorized',
        `no integrations.github entry for host ${repo.host}`,
      );
    const api = (
      integration.config.apiBaseUrl ?? 'https://api.github.com'
    ).replace(/\/+$/, '');
    const { headers } = await this.credentials.getCredentials({
      url: `https://${repo.host}/${repo.owner}/${repo.repo}`,
    });
    const res = await fetchUpstream(
      `GitHub (${repo.host})`,
      `${api}/repos/${encodeURIComponent(repo.owner)}/${encodeURIComponent(
        repo.repo,
      )}${path}`,
      {
        method: init.method ?? 'GET',
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          ...(init.body ? { 'Content-Type': 'application/json' } : {}),
          ...headers,
        },
        body: init.body ? JSON.stringify(init.body) : undefined,
      },
      this.timeoutMs,
    );
    return res.status === 204 ? undefined : res.json();
  }

  run(repo: RepoRef, runId: number) {
    return this.call(repo, `/actions/runs/${runId}`);
  }

  async branchHead(repo: RepoRef, branch: string) {
    const ref = await this.call(
      repo,
      `/git/ref/heads/${encodeURIComponent(branch)}`,
    );
    return ref.object.sha as string;
  }

  async createBranch(repo: RepoRef, branch: string, sha: string) {
    await this.call(repo, '/git/refs', {
      method: 'POST',
      body: { ref: `refs/heads/${branch}`, sha },
    });
  }

  async file(repo: RepoRef, path: string, ref: string) {
    try {
      const body = await this.call(
        repo,
        `/contents/${path}?ref=${encodeURIComponent(ref)}`,
      );
      return {
        text: Buffer.from(body.content, 'base64').toString('utf8'),
        sha: body.sha as string,
      };
    } catch (e) {
      if (e instanceof UpstreamFailure && / answered 404/.test(e.message))
        return undefined;
      throw e;
    }
  }

  async putFile(
    repo: RepoRef,
    a: {
      path: string;
      branch: string;
      message: string;
      text: string;
      sha: string;
    },
  ) {
    await this.call(repo, `/contents/${a.path}`, {
      method: 'PUT',
      body: {
        message: a.message,
        content: Buffer.from(a.text, 'utf8').toString('base64'),
        sha: a.sha,
        branch: a.branch,
      },
    });
  }

  async createPullRequest(
    repo: RepoRef,
    a: { title: string; body: string; head: string; base: string },
  ) {
    const pr = await this.call(repo, '/pulls', { method: 'POST', body: a });
    return { number: pr.number as number, url: pr.html_url as string };
  }

  async requestReviewers(repo: RepoRef, pull: number, r: { teams: string[] }) {
    await this.call(repo, `/pulls/${pull}/requested_reviewers`, {
      method: 'POST',
      body: { reviewers: [], team_reviewers: r.teams },
    });
  }

  async openPullRequests(repo: RepoRef) {
    const pulls = (await this.call(
      repo,
      '/pulls?state=open&per_page=100',
    )) as any[];
    return pulls.map(p => ({
      number: p.number,
      title: p.title,
      url: p.html_url,
      branch: p.head.ref,
    }));
  }
}
