import { ConflictError } from '@backstage/errors';
import { EditPlan } from '../stack/planEdit';
import { IdpOctokit } from './createOctokit';
import { withSuffix } from '../errors/withSuffix';
import { githubError, githubStatus } from './githubError';
import { CommitTree } from './readRepositoryTree';

/** A type, not an interface: checkpoints store it as JSON. */
export type OpenedPullRequest = {
  url: string;
  number: number;
  commitSha: string;
};

/**
 * Opens a pull request that carries `plan` as ONE commit on top of `parent`,
 * through the Git Data API (tree with text inlined and deletions as
 * `sha: null` → commit → ref, https://docs.github.com/en/rest/git/trees#create-a-tree),
 * then `POST /pulls`. Nothing half-done: if the pull request cannot be
 * created the branch is deleted again (the commit and tree are unreachable
 * objects GitHub collects). Re-entrant: a branch of this name that already
 * carries the same tree is reused, and its open pull request returned.
 */
export async function openPullRequest(
  octokit: IdpOctokit,
  options: {
    owner: string;
    repo: string;
    baseBranch: string;
    parent: CommitTree;
    plan: EditPlan;
    branch: string;
    message: string;
    title: string;
    body: string;
  },
): Promise<OpenedPullRequest> {
  const { owner, repo, branch, parent, plan } = options;
  const where = { owner, repo };
  const slug = `${owner}/${repo}`;
  const step = async <T>(doing: string, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (error) {
      throw githubError(error, `${doing} (pull request to ${slug})`);
    }
  };

  const tree = await step('create the tree', () =>
    octokit.rest.git.createTree({
      ...where,
      base_tree: parent.treeSha,
      tree: [
        ...plan.writes.map(f => ({
          path: f.path,
          mode: '100644' as const,
          type: 'blob' as const,
          content: f.content,
        })),
        ...plan.deletes.map(path => ({
          path,
          mode: '100644' as const,
          type: 'blob' as const,
          sha: null,
        })),
      ],
    }),
  );
  const commit = await step('create the commit', () =>
    octokit.rest.git.createCommit({
      ...where,
      message: options.message,
      tree: tree.data.sha,
      parents: [parent.commitSha],
    }),
  );

  let created = false;
  try {
    await octokit.rest.git.createRef({
      ...where,
      ref: `refs/heads/${branch}`,
      sha: commit.data.sha,
    });
    created = true;
  } catch (error) {
    // 422 "Reference already exists": an earlier attempt of the same edit.
    if (githubStatus(error) !== 422) {
      throw githubError(error, `create branch ${branch} of ${slug}`);
    }
    const existing = await step(`read branch ${branch}`, async () => {
      const ref = await octokit.rest.git.getRef({
        ...where,
        ref: `heads/${branch}`,
      });
      return (
        await octokit.rest.git.getCommit({
          ...where,
          commit_sha: ref.data.object.sha,
        })
      ).data;
    });
    if (existing.tree.sha !== tree.data.sha) {
      throw new ConflictError(
        `branch ${branch} of ${slug} already exists with other content; nothing was changed`,
      );
    }
    const open = await step('list pull requests', () =>
      octokit.rest.pulls.list({
        ...where,
        head: `${owner}:${branch}`,
        state: 'open',
      }),
    );
    if (open.data[0]) {
      return {
        url: open.data[0].html_url,
        number: open.data[0].number,
        commitSha: existing.sha,
      };
    }
  }

  try {
    const pr = await octokit.rest.pulls.create({
      ...where,
      head: branch,
      base: options.baseBranch,
      title: options.title,
      body: options.body,
      maintainer_can_modify: true,
    });
    return {
      url: pr.data.html_url,
      number: pr.data.number,
      commitSha: pr.data.head.sha,
    };
  } catch (error) {
    const failure = githubError(error, `open a pull request from ${branch}`);
    if (!created) throw failure;
    try {
      await octokit.rest.git.deleteRef({ ...where, ref: `heads/${branch}` });
    } catch (cleanup) {
      throw withSuffix(
        failure,
        `; branch ${branch} could NOT be deleted (${
          githubError(cleanup, 'delete it').message
        }), delete it by hand`,
      );
    }
    throw withSuffix(
      failure,
      `; branch ${branch} was deleted again, nothing was left in ${slug}`,
    );
  }
}
