import { RestEndpointMethodTypes } from '@octokit/rest';

type Repos = RestEndpointMethodTypes['repos'];
/** GET /repos/{o}/{r}/branches/{b}/protection (GitHub's branch-protection schema). */
export type CurrentProtection =
  Repos['getBranchProtection']['response']['data'];
/** PUT /repos/{o}/{r}/branches/{b}/protection: the branch and its body. */
export type ProtectionUpdate = Repos['updateBranchProtection']['parameters'];

const logins = (list?: { login?: string }[]) =>
  (list ?? []).flatMap(u => (u.login ? [u.login] : []));
const slugs = (list?: ({ slug?: string } | null)[]) =>
  (list ?? []).flatMap(t => (t?.slug ? [t.slug] : []));

/**
 * The protection to PUT on `main`: ours (reviewed pull requests, no force
 * push, no deletion) added to what the branch already has, never less.
 *
 * PUT replaces the whole protection ("Passing new arrays of users and teams
 * replaces their previous values",
 * https://docs.github.com/en/rest/branches/branch-protection#update-branch-protection),
 * so every setting GET returns is carried over: status checks, admin
 * enforcement, push and dismissal restrictions, code-owner reviews, the
 * larger approval count, linear history, conversation resolution, lock.
 *
 * `botApps` (the CI bot's App slug) join the apps that may bypass the
 * pull-request requirement
 * (`required_pull_request_reviews.bypass_pull_request_allowances.apps`, same
 * page) and, when pushes are restricted, the apps that may push: CI pushes
 * its dev image pin to `main` as that App. Existing allowances are kept.
 */
export function strengthenProtection(
  branch: { owner: string; repo: string; branch: string },
  current: CurrentProtection | undefined,
  requiredApprovingReviewCount: number,
  botApps: string[] = [],
): ProtectionUpdate {
  const withBots = (apps: string[]) => [...new Set([...apps, ...botApps])];
  const reviews = current?.required_pull_request_reviews;
  const bypass = reviews?.bypass_pull_request_allowances;
  const checks = current?.required_status_checks;
  const restrictions = current?.restrictions;
  const enabled = (s?: { enabled?: boolean }) => s?.enabled ?? false;
  const required = checks?.checks.length
    ? checks.checks
    : (checks?.contexts ?? []).map(context => ({ context, app_id: null }));
  return {
    ...branch,
    required_status_checks: checks
      ? {
          strict: checks.strict ?? false,
          contexts: required.map(c => c.context),
          // app_id null reads "any source"; -1 keeps it so on write.
          checks: required.map(c => ({
            context: c.context,
            app_id: c.app_id ?? -1,
          })),
        }
      : null,
    enforce_admins: enabled(current?.enforce_admins),
    required_pull_request_reviews: {
      required_approving_review_count: Math.max(
        reviews?.required_approving_review_count ?? 0,
        requiredApprovingReviewCount,
      ),
      dismiss_stale_reviews: true,
      require_code_owner_reviews: reviews?.require_code_owner_reviews ?? false,
      require_last_push_approval: reviews?.require_last_push_approval ?? false,
      ...(reviews?.dismissal_restrictions && {
        dismissal_restrictions: {
          users: logins(reviews.dismissal_restrictions.users),
          teams: slugs(reviews.dismissal_restrictions.teams),
          apps: slugs(reviews.dismissal_restrictions.apps),
        },
      }),
      ...((bypass || botApps.length) && {
        bypass_pull_request_allowances: {
          users: logins(bypass?.users),
          teams: slugs(bypass?.teams),
          apps: withBots(slugs(bypass?.apps)),
        },
      }),
    },
    restrictions: restrictions
      ? {
          users: logins(restrictions.users),
          teams: slugs(restrictions.teams),
          apps: withBots(slugs(restrictions.apps)),
        }
      : null,
    required_linear_history: enabled(current?.required_linear_history),
    allow_force_pushes: false,
    allow_deletions: false,
    block_creations: enabled(current?.block_creations),
    required_conversation_resolution: enabled(
      current?.required_conversation_resolution,
    ),
    lock_branch: enabled(current?.lock_branch),
    allow_fork_syncing: enabled(current?.allow_fork_syncing),
  };
}
