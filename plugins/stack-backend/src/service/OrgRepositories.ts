import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { nextLink } from './GithubActionsClient';
import { GithubRepository } from './githubTypes';
import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';

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
 * What the loose-stacks view reads from GitHub. Kept this small so the
 * client behind it (fetch today, Octokit tomorrow) can change alone.
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

/** `OrgRepositorySource` over GitHub's REST API with the plugin's own credentials. */
export class GithubOrgRepositories implements OrgRepositorySource {
  private readonly upstream = `GitHub (${HOST})`;

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly timeoutMs: number,
  ) {}

  async listRepositories(org: string): Promise<OrgRepository[]> {
    const out: OrgRepository[] = [];
    let url: string | undefined = `${this.api()}/orgs/${encodeURIComponent(
      org,
    )}/repos?per_page=100&type=all`;
    for (let page = 0; url && page < MAX_PAGES; page++) {
      const res = await fetchUpstream(
        this.upstream,
        url,
        { headers: await this.headers(org) },
        this.timeoutMs,
      );
      const body = (await res.json()) as GithubRepository[];
      if (!Array.isArray(body)) {
        throw new UpstreamFailure(
          'bad-response',
          `${this.upstream} answered the repositories of ${org} without a list`,
        );
      }
      out.push(...body.map(toOrgRepository));
      url = nextLink(res.headers.get('link'));
    }
    return out;
  }

  async hasPath(repo: OrgRepository, path: string): Promise<boolean> {
    // GET /repos/{owner}/{repo}/contents/{path}: 404 when absent
    // (https://docs.github.com/rest/repos/contents#get-repository-content).
    const url = `${this.api()}/repos/${repo.owner}/${
      repo.name
    }/contents/${path}?ref=${encodeURIComponent(repo.defaultBranch)}`;
    try {
      await fetchUpstream(
        this.upstream,
        url,
        { headers: await this.headers(repo.owner) },
        this.timeoutMs,
      );
      return true;
    } catch (e) {
      if (e instanceof UpstreamFailure && / answered 404\b/.test(e.message)) {
        return false;
      }
      throw e;
    }
  }

  private api(): string {
    const integration = this.integrations.github.byHost(HOST);
    if (!integration) {
      throw new UpstreamFailure(
        'unauthorized',
        `no integrations.github entry for host ${HOST}: add one with a token or GitHub App`,
      );
    }
    return (integration.config.apiBaseUrl ?? 'https://api.github.com').replace(
      /\/+$/,
      '',
    );
  }

  private async headers(org: string): Promise<Record<string, string>> {
    const { headers } = await this.credentials.getCredentials({
      url: `https://${HOST}/${org}`,
    });
    return {
      Accept: 'application/vnd.github+json',
      'X-GitHub-Api-Version': '2022-11-28',
      ...headers,
    };
  }
}
