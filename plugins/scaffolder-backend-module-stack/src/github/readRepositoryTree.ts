import { InputError, NotFoundError } from '@backstage/errors';
import { TreeListing } from '../stack/planEdit';
import { IdpOctokit } from './createOctokit';
import { githubError, githubStatus } from './githubError';

/** A commit and its root tree. */
export interface CommitTree {
  commitSha: string;
  treeSha: string;
}

/** The commit a branch points at (`GET /git/ref/heads/<b>`, then the commit). */
export async function branchHead(
  octokit: IdpOctokit,
  where: { owner: string; repo: string },
  branch: string,
): Promise<CommitTree> {
  const slug = `${where.owner}/${where.repo}`;
  let sha: string;
  try {
    sha = (await octokit.rest.git.getRef({ ...where, ref: `heads/${branch}` }))
      .data.object.sha;
  } catch (error) {
    throw githubError(error, `read ${branch} of ${slug}`);
  }
  return commitTree(octokit, where, sha, 'the branch head');
}

/** The root tree of a commit; an unknown commit names `field`. */
export async function commitTree(
  octokit: IdpOctokit,
  where: { owner: string; repo: string },
  sha: string,
  field: string,
): Promise<CommitTree> {
  try {
    const { data } = await octokit.rest.git.getCommit({
      ...where,
      commit_sha: sha,
    });
    return { commitSha: data.sha, treeSha: data.tree.sha };
  } catch (error) {
    if (githubStatus(error) === 404 || githubStatus(error) === 422) {
      throw new InputError(
        `${field}: commit ${sha} is not in ${where.owner}/${where.repo}`,
      );
    }
    throw githubError(
      error,
      `read commit ${sha} of ${where.owner}/${where.repo}`,
    );
  }
}

/**
 * Every file of a tree with its blob sha, in one request
 * (`GET /git/trees/<sha>?recursive=1`,
 * https://docs.github.com/en/rest/git/trees#get-a-tree). GitHub truncates
 * a listing past 100,000 entries or 7 MB; a truncated listing is refused
 * rather than read as if files were missing.
 */
export async function listTree(
  octokit: IdpOctokit,
  where: { owner: string; repo: string },
  treeSha: string,
): Promise<TreeListing> {
  let data;
  try {
    data = (
      await octokit.rest.git.getTree({
        ...where,
        tree_sha: treeSha,
        recursive: 'true',
      })
    ).data;
  } catch (error) {
    throw githubError(
      error,
      `list tree ${treeSha} of ${where.owner}/${where.repo}`,
    );
  }
  if (data.truncated) {
    throw new InputError(
      `repoUrl: ${where.owner}/${where.repo} has too many files for GitHub to list in one tree; edit it with the stack CLI instead`,
    );
  }
  const out: TreeListing = new Map();
  for (const e of data.tree) {
    if (e.type === 'blob' && e.path && e.sha) out.set(e.path, e.sha);
  }
  return out;
}

/** A file's text by blob sha, refused above `maxBytes`. */
export async function readBlob(
  octokit: IdpOctokit,
  where: { owner: string; repo: string },
  sha: string,
  maxBytes: number,
): Promise<string> {
  let data;
  try {
    data = (await octokit.rest.git.getBlob({ ...where, file_sha: sha })).data;
  } catch (error) {
    if (githubStatus(error) === 404) {
      throw new NotFoundError(
        `blob ${sha} is not in ${where.owner}/${where.repo}`,
      );
    }
    throw githubError(
      error,
      `read blob ${sha} of ${where.owner}/${where.repo}`,
    );
  }
  if ((data.size ?? 0) > maxBytes) {
    throw new InputError(
      `stack.yaml of ${where.owner}/${where.repo} is larger than ${maxBytes} bytes`,
    );
  }
  return Buffer.from(data.content, 'base64').toString('utf8');
}
