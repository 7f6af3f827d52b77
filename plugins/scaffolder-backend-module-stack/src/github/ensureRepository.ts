import { ConflictError, InputError, NotFoundError } from '@backstage/errors';
import { IdpOctokit } from './createOctokit';
import { githubError, githubStatus } from './githubError';
import { whyNotOurRepository } from './isOurRepository';

export type RepositoryState = {
  id: number;
  /** True when this task created it (and so may delete it on failure). */
  created: boolean;
  htmlUrl: string;
  defaultBranch: string;
};

export type Visibility = 'private' | 'internal' | 'public';

/** The repository, or undefined when GitHub says 404. */
export async function getRepository(
  octokit: IdpOctokit,
  owner: string,
  repo: string,
) {
  try {
    return (await octokit.rest.repos.get({ owner, repo })).data;
  } catch (error) {
    if (githubStatus(error) === 404) return undefined;
    throw githubError(error, `read repository ${owner}/${repo}`);
  }
}

/**
 * Creates the repository, or adopts it when it already exists, is ours and
 * `mayAdopt` agrees (the caller owns it). A foreign repository, or one owned
 * by someone else, stops the run before anything is changed.
 */
export async function ensureRepository(
  octokit: IdpOctokit,
  options: {
    owner: string;
    repo: string;
    description?: string;
    visibility: Visibility;
    /** Throws when the person running the template may not take it over. */
    mayAdopt: () => Promise<void>;
  },
): Promise<RepositoryState> {
  const { owner, repo, description, visibility } = options;
  const slug = `${owner}/${repo}`;
  const existing = await getRepository(octokit, owner, repo);
  if (existing) {
    const why = await whyNotOurRepository(
      octokit,
      owner,
      repo,
      existing.topics ?? [],
    );
    if (why) {
      throw new ConflictError(
        `repoUrl: repository ${slug} already exists and is not managed by the IDP (${why}); nothing was changed, choose another name`,
      );
    }
    await options.mayAdopt();
    return {
      id: existing.id,
      created: false,
      htmlUrl: existing.html_url,
      defaultBranch: existing.default_branch,
    };
  }

  let ownerType: string;
  try {
    ownerType = (await octokit.rest.users.getByUsername({ username: owner }))
      .data.type;
  } catch (error) {
    if (githubStatus(error) === 404) {
      throw new NotFoundError(
        `repoUrl: GitHub owner "${owner}" does not exist (no such organization or user)`,
      );
    }
    throw githubError(error, `look up GitHub owner ${owner}`);
  }

  const common = {
    name: repo,
    description,
    private: visibility !== 'public',
    auto_init: false,
    has_wiki: false,
    delete_branch_on_merge: true,
  };
  try {
    if (ownerType === 'Organization') {
      const { data } = await octokit.rest.repos.createInOrg({
        org: owner,
        // GitHub accepts "internal" for organizations; these typings predate it.
        visibility: visibility as 'private' | 'public',
        ...common,
      });
      return {
        id: data.id,
        created: true,
        htmlUrl: data.html_url,
        defaultBranch: data.default_branch ?? 'main',
      };
    }
    if (visibility === 'internal') {
      throw new InputError(
        `repoVisibility: "internal" needs an organization, but ${owner} is a user`,
      );
    }
    const me = (await octokit.rest.users.getAuthenticated()).data.login;
    if (me.toLowerCase() !== owner.toLowerCase()) {
      throw new InputError(
        `repoUrl: ${owner} is a user account and the configured GitHub credentials belong to ${me}; a repository can only be created in an organization or the credentials' own account`,
      );
    }
    const { data } = await octokit.rest.repos.createForAuthenticatedUser(
      common,
    );
    return {
      id: data.id,
      created: true,
      htmlUrl: data.html_url,
      defaultBranch: data.default_branch ?? 'main',
    };
  } catch (error) {
    if (githubStatus(error) === undefined) throw error;
    throw githubError(error, `create repository ${slug}`);
  }
}
