import { DEFAULT_BRANCH } from '../conventions';
import { IdpOctokit } from './createOctokit';
import { githubError } from './githubError';

/**
 * Protects `main`: changes go through a reviewed pull request, no force
 * pushes, no deletion. The call is an idempotent PUT, so a retry may repeat it.
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
  try {
    await octokit.rest.repos.updateBranchProtection({
      owner,
      repo,
      branch: DEFAULT_BRANCH,
      required_status_checks: null,
      enforce_admins: false,
      required_pull_request_reviews: {
        required_approving_review_count: options.requiredApprovingReviewCount,
        dismiss_stale_reviews: true,
      },
      restrictions: null,
      allow_force_pushes: false,
      allow_deletions: false,
    });
  } catch (error) {
    throw githubError(error, `protect branch ${DEFAULT_BRANCH} of ${slug}`);
  }
}
