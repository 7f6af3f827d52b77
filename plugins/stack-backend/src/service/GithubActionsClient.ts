import { CacheService } from '@backstage/backend-plugin-api';
import { isNotModified, UpstreamFailure } from '@idp-stack/plugin-stack-node';
import { GithubClients } from './GithubClients';
import { GithubWorkflowRunList } from './githubTypes';
import { StoredBuildRun, toBuildRun } from './toBuildRun';

/** One page of runs as remembered for revalidation. */
interface CachedPage {
  etag: string;
  runs: StoredBuildRun[];
  next?: string;
}

/** The URL of `rel="next"` in a GitHub `Link` header. */
export function nextLink(link: string | null | undefined): string | undefined {
  return link
    ?.split(',')
    .map(part => /<([^>]+)>\s*;\s*rel="next"/.exec(part)?.[1])
    .find(Boolean);
}

/**
 * Reads workflow runs with the plugin's own GitHub credentials (token or
 * GitHub App from `integrations.github`, never a user's token) through the
 * shared GitHub client (`GithubClients`: throttling, one retry layer). Every page is revalidated with its ETag (`If-None-Match`):
 * "Making a conditional request does not count against your primary rate
 * limit if a 304 response is returned and the request was made while
 * correctly authorized with an Authorization header" (GitHub REST docs,
 * best practices, "Use conditional requests if appropriate").
 */
export class GithubActionsClient {
  constructor(
    private readonly github: GithubClients,
    private readonly cache: CacheService,
  ) {}

  /** First-page URL of a repository's runs. */
  runsUrl(host: string, slug: string, perPage: number): string {
    const integration = this.github.integration(host);
    if (!integration.config.token && !integration.config.apps?.length) {
      // Unauthenticated calls would spend GitHub's 60-per-hour limit and see
      // no private repository: say which keys fill this tab instead.
      throw new UpstreamFailure(
        'unauthorized',
        `GitHub Actions is not configured for ${host}: set integrations.github[].token (the GITHUB_TOKEN environment variable in app-config.yaml) or integrations.github[].apps (a GitHub App) for host ${host}`,
      );
    }
    // GitHub serves at most 100 runs per page.
    return `${this.github.apiBaseUrl(
      host,
    )}/repos/${slug}/actions/runs?per_page=${Math.min(perPage, 100)}`;
  }

  async page(
    host: string,
    slug: string,
    url: string,
  ): Promise<{ runs: StoredBuildRun[]; next?: string }> {
    const key = `github:page:${url}`;
    const cached = (await this.cache.get(key).catch(() => undefined)) as
      | CachedPage
      | undefined;
    const [owner, repo] = slug.split('/');
    let res;
    try {
      res = await this.github.request<GithubWorkflowRunList>(
        host,
        `GET ${url}`,
        { headers: cached ? { 'if-none-match': cached.etag } : {} },
        { doing: `list the workflow runs of ${slug}`, target: { owner, repo } },
      );
    } catch (error) {
      if (isNotModified(error) && cached) {
        return { runs: cached.runs, next: cached.next };
      }
      throw error;
    }
    const body = res.data;
    if (!Array.isArray(body?.workflow_runs)) {
      throw new UpstreamFailure(
        'bad-response',
        `GitHub (${host}) answered runs of ${slug} without workflow_runs`,
      );
    }
    const page: CachedPage = {
      etag: res.headers.etag ?? '',
      runs: body.workflow_runs.map(toBuildRun),
      next: nextLink(res.headers.link),
    };
    if (page.etag) {
      await this.cache
        .set(key, page as any, { ttl: 24 * 3600_000 })
        .catch(() => undefined);
    }
    return page;
  }
}
