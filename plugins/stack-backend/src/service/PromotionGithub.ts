import { GithubClients, repoPath, unlessAbsent } from './GithubClients';

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
 * route does not depend on the client behind it.
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

/**
 * PromotionGithub over the shared GitHub client (`GithubClients`) with the
 * portal's GitHub credentials (integrations.github); its writes are spaced
 * by the client's throttling (`writeIntervalMs`).
 */
export class OctokitPromotionGithub implements PromotionGithub {
  constructor(private readonly github: GithubClients) {}

  private async call(
    repo: RepoRef,
    route: string,
    params: Record<string, unknown>,
    doing: string,
  ): Promise<any> {
    const res = await this.github.request(
      repo.host,
      route,
      { owner: repo.owner, repo: repo.repo, ...params },
      { doing: `${doing} in ${repo.owner}/${repo.repo}` },
    );
    return res.data;
  }

  run(repo: RepoRef, runId: number) {
    return this.call(
      repo,
      'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
      { run_id: runId },
      `read workflow run ${runId}`,
    );
  }

  async branchHead(repo: RepoRef, branch: string) {
    const ref = await this.call(
      repo,
      'GET /repos/{owner}/{repo}/git/ref/heads/{branch}',
      { branch },
      `read branch ${branch}`,
    );
    return ref.object.sha as string;
  }

  async createBranch(repo: RepoRef, branch: string, sha: string) {
    await this.call(
      repo,
      'POST /repos/{owner}/{repo}/git/refs',
      { ref: `refs/heads/${branch}`, sha },
      `create branch ${branch}`,
    );
  }

  async file(repo: RepoRef, path: string, ref: string) {
    const body = await unlessAbsent(
      this.call(
        repo,
        `GET /repos/{owner}/{repo}/contents/${repoPath(path)}`,
        { ref },
        `read ${path} at ${ref}`,
      ),
    );
    return (
      body && {
        text: Buffer.from(body.content, 'base64').toString('utf8'),
        sha: body.sha as string,
      }
    );
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
    await this.call(
      repo,
      `PUT /repos/{owner}/{repo}/contents/${repoPath(a.path)}`,
      {
        message: a.message,
        content: Buffer.from(a.text, 'utf8').toString('base64'),
        sha: a.sha,
        branch: a.branch,
      },
      `commit ${a.path} on ${a.branch}`,
    );
  }

  async createPullRequest(
    repo: RepoRef,
    a: { title: string; body: string; head: string; base: string },
  ) {
    const pr = await this.call(
      repo,
      'POST /repos/{owner}/{repo}/pulls',
      a,
      `open a pull request from ${a.head}`,
    );
    return { number: pr.number as number, url: pr.html_url as string };
  }

  async requestReviewers(repo: RepoRef, pull: number, r: { teams: string[] }) {
    await this.call(
      repo,
      'POST /repos/{owner}/{repo}/pulls/{pull_number}/requested_reviewers',
      { pull_number: pull, reviewers: [], team_reviewers: r.teams },
      `request reviewers on pull request ${pull}`,
    );
  }

  async openPullRequests(repo: RepoRef) {
    const pulls = (await this.call(
      repo,
      'GET /repos/{owner}/{repo}/pulls',
      { state: 'open', per_page: 100 },
      'list the open pull requests',
    )) as any[];
    return pulls.map(p => ({
      number: p.number,
      title: p.title,
      url: p.html_url,
      branch: p.head.ref,
    }));
  }
}
