import { DEFAULT_BRANCH } from '../conventions';
import { IdpOctokit } from './createOctokit';
import { githubError, githubStatus } from './githubError';
import {
  CurrentProtection,
  strengthenProtection,
} from './strengthenProtection';

/**
 * Protects `main`: changes go through a reviewed pull request, no force
 * pushes, no deletion, on top of whatever protection the branch already has
 * (read first: GET answers 404 "Branch not protected" when there is none).
 * Both calls are idempotent, so a retry may repeat them.
 */
export async function protectBranch(
  octokit: IdpOctokit,
  options: {
    owner: string;
    repo: string;
    requiredApprovingReviewCount: number;
  },
): Promise<void> {
  const { owner, repo } = options;
  const slug = `${owner}/${repo}`;
  const branch = DEFAULT_BRANCH;
  let current: CurrentProtection | undefined;
  try {
    current = (
      await octokit.rest.repos.getBranchProtection({ owner, repo, branch })
    ).data;
  } catch (error) {
    if (githubStatus(error) !== 404) {
      throw githubError(error, `read the protection of ${branch} of ${slug}`);
    }
  }
  try {
    await octokit.rest.repos.updateBranchProtection(
      strengthenProtection(
        { owner, repo, branch },
        current,
        options.requiredApprovingReviewCount,
      ),
    );
    // Signed commits have their own endpoint, not a field of the PUT.
    if (current?.required_signatures?.enabled) {
      await octokit.rest.repos.createCommitSignatureProtection({
        owner,
        repo,
        branch,
      });
    }
  } catch (error) {
    throw githubError(error, `protect branch ${branch} of ${slug}`);
  }
}
