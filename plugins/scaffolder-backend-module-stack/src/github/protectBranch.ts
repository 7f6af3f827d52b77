import { DEFAULT_BRANCH } from '../conventions';
import { IdpOctokit } from './createOctokit';
import { githubError, githubStatus } from './githubError';
import {
  CurrentProtection,
  strengthenProtection,
} from './strengthenProtection';

/**
 * Protects `main`: changes go through a reviewed pull request, no force
 * pushes, no deletion, on top of whatever protection the branch of an adopted
 * repository already has, read first with
 * GET /repos/{o}/{r}/branches/{b}/protection
 * (https://docs.github.com/en/rest/branches/branch-protection#get-branch-protection).
 * GET answers 404 "Branch not protected" when there is none
 * (sigmavirus24/github3.py#973), but also 404 to a token that may not see it
 * (kubernetes/test-infra#14858): only the first counts as "none", anything
 * else stops the run rather than risk replacing protection unseen.
 * Both calls are idempotent, so a retry may repeat them.
 */
export async function protectBranch(
  octokit: IdpOctokit,
  options: {
    owner: string;
    repo: string;
    requiredApprovingReviewCount: number;
    /** False for a repository this run created: it has no protection yet. */
    readCurrent: boolean;
    /** Apps that may push to main without a pull request (the CI bot). */
    botApps?: string[];
  },
): Promise<void> {
  const { owner, repo } = options;
  const slug = `${owner}/${repo}`;
  const branch = DEFAULT_BRANCH;
  let current: CurrentProtection | undefined;
  if (options.readCurrent) {
    try {
      current = (
        await octokit.rest.repos.getBranchProtection({ owner, repo, branch })
      ).data;
    } catch (error) {
      const said = (error as { response?: { data?: { message?: string } } })
        .response?.data?.message;
      if (githubStatus(error) !== 404 || said !== 'Branch not protected') {
        throw githubError(error, `read the protection of ${branch} of ${slug}`);
      }
    }
  }
  try {
    await octokit.rest.repos.updateBranchProtection(
      strengthenProtection(
        { owner, repo, branch },
        current,
        options.requiredApprovingReviewCount,
        options.botApps,
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
