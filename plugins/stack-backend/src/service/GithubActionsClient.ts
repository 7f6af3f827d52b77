import { CacheService } from '@backstage/backend-plugin-api';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';
import { GithubWorkflowRunList } from './githubTypes';
import { StoredBuildRun, toBuildRun } from './toBuildRun';

/** One page of runs as remembered for revalidation. */
interface CachedPage {
  etag: string;
  runs: StoredBuildRun[];
  next?: string;
}

/** The URL of `rel="next"` in a GitHub `Link` header. */
export function nextLink(link: string | null): string | undefined {
  return link
    ?.split(',')
    .map(part => /<([^>]+)>\s*;\s*rel="next"/.exec(part)?.[1])
    .find(Boolean);
}

/**
 * Reads workflow runs with the plugin's own GitHub credentials (token or
 * GitHub App from `integrations.github`, never a user's token). Every page
 * is revalidated with its ETag: an unchanged page is a 304, which GitHub
 * does not count against the rate limit.
 */
export class GithubActionsClient {
  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly cache: CacheService,
    private readonly timeoutMs: number,
  ) {}

  /** First-page URL of a repository's runs. */
  runsUrl(host: string, slug: string, perPage: number): string {
    const integration = this.integrations.github.byHost(host);
    if (!integration) {
      throw new UpstreamFailure(
        'unauthorized',
        `no integrations.github entry for host ${host}: add one with a token or GitHub App`,
      );
    }
    if (!integration.config.token && !integration.config.apps?.length) {
      // Unauthenticated calls would spend GitHub's 60-per-hour limit and see
      // no private repository: say which keys fill this tab instead.
      throw new UpstreamFailure(
        'unauthorized',
        `GitHub Actions is not configured for ${host}: set integrations.github[].token (the GITHUB_TOKEN environment variable in app-config.yaml) or integrations.github[].apps (a GitHub App) for host ${host}`,
      );
    }
    const api = (
      integration.config.apiBaseUrl ?? 'https://api.github.com'
    ).replace(/\/+$/, '');
    // GitHub serves at most 100 runs per page.
    return `${api}/repos/${slug}/actions/runs?per_page=${Math.min(
      perPage,
      100,
    )}`;
  }

  async page(
    host: string,
    slug: string,
    url: string,
  ): Promise<{ runs: StoredBuildRun[]; next?: string }> {
    const upstream = `GitHub (${host})`;
    const { headers } = await this.credentials.getCredentials({
      url: `https://${host}/${slug}`,
    });
    const key = `github:page:${url}`;
    const cached = (await this.cache.get(key).catch(() => undefined)) as
      | CachedPage
      | undefined;
    const res = await fetchUpstream(
      upstream,
      url,
      {
        headers: {
          Accept: 'application/vnd.github+json',
          'X-GitHub-Api-Version': '2022-11-28',
          ...headers,
          ...(cached ? { 'If-None-Match': cached.etag } : {}),
        },
      },
      this.timeoutMs,
    );
    if (res.status === 304 && cached) {
      return { runs: cached.runs, next: cached.next };
    }
    const body = (await res.json()) as GithubWorkflowRunList;
    if (!Array.isArray(body?.workflow_runs)) {
      throw new UpstreamFailure(
        'bad-response',
        `${upstream} answered runs of ${slug} without workflow_runs`,
      );
    }
    const page: CachedPage = {
      etag: res.headers.get('etag') ?? '',
      runs: body.workflow_runs.map(toBuildRun),
      next: nextLink(res.headers.get('link')),
    };
    if (page.etag) {
      await this.cache
        .set(key, page as any, { ttl: 24 * 3600_000 })
        .catch(() => undefined);
    }
    return page;
  }
}
