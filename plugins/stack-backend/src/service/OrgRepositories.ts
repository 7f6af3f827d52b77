import { UpstreamFailure } from '@idp-stack/plugin-stack-node';
import { nextLink } from './GithubActionsClient';
import {
  GithubAnswer,
  GithubClients,
  repoPath,
  unlessAbsent,
} from './GithubClients';
import { GithubRepository } from './githubTypes';

/** A repository of a configured organisation, as the loose-stacks view needs it. */
export interface OrgRepository {
  owner: string;
  name: string;
  topics: string[];
  archived: boolean;
  defaultBranch: string;
  url: string;
}

/**
 * What the loose-stacks view reads from GitHub, kept this small so the view
 * does not depend on the client behind it.
 */
export interface OrgRepositorySource {
  /** Every repository of the organisation, with topics and `archived`. */
  listRepositories(org: string): Promise<OrgRepository[]>;
  /** Whether `path` exists on the repository's default branch. */
  hasPath(repo: OrgRepository, path: string): Promise<boolean>;
}

/** The fields of one `GET /orgs/{org}/repos` entry the view reads. */
export function toOrgRepository(r: GithubRepository): OrgRepository {
  return {
    owner: r.owner.login,
    name: r.name,
    topics: r.topics ?? [],
    archived: r.archived,
    defaultBranch: r.default_branch,
    url: r.html_url,
  };
}

const HOST = 'github.com';
/** 100 per page (GitHub's maximum); 50 pages = 5,000 repositories. */
const MAX_PAGES = 50;

/** `OrgRepositorySource` over the shared GitHub client with the plugin's own credentials. */
export class GithubOrgRepositories implements OrgRepositorySource {
  constructor(private readonly github: GithubClients) {}

  async listRepositories(org: string): Promise<OrgRepository[]> {
    const out: OrgRepository[] = [];
    // https://docs.github.com/rest/repos/repos#list-organization-repositories;
    // the next pages are the `Link: rel="next"` URLs.
    let route: string | undefined = 'GET /orgs/{org}/repos';
    let params: Record<string, unknown> = { org, per_page: 100, type: 'all' };
    for (let page = 0; route && page < MAX_PAGES; page++) {
      const res: GithubAnswer<GithubRepository[]> = await this.github.request(
        HOST,
        route,
        params,
        { doing: `list the repositories of ${org}`, target: { owner: org } },
      );
      if (!Array.isArray(res.data)) {
        throw new UpstreamFailure(
          'bad-response',
          `GitHub (${HOST}) answered the repositories of ${org} without a list`,
        );
      }
      out.push(...res.data.map(toOrgRepository));
      const next = nextLink(res.headers.link);
      route = next && `GET ${next}`;
      params = {};
    }
    return out;
  }

  async hasPath(repo: OrgRepository, path: string): Promise<boolean> {
    // GET /repos/{owner}/{repo}/contents/{path}: 404 when absent
    // (https://docs.github.com/rest/repos/contents#get-repository-content).
    const res = await unlessAbsent(
      this.github.request(
        HOST,
        `GET /repos/{owner}/{repo}/contents/${repoPath(path)}`,
        { owner: repo.owner, repo: repo.name, ref: repo.defaultBranch },
        { doing: `look for ${path} in ${repo.owner}/${repo.name}` },
      ),
    );
    return res !== undefined;
  }
}
