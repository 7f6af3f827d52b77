import { LoggerService } from '@backstage/backend-plugin-api';
import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import {
  createGithubClient,
  githubAuth,
  GithubClient,
  GithubRequestTarget,
  GithubRetryPolicy,
  UpstreamFailure,
} from '@idp-stack/plugin-stack-node';

/** Parameters of one request: route parameters, query or body, and `headers`. */
export type GithubParams = Record<string, unknown> & {
  owner?: string;
  org?: string;
  repo?: string;
  headers?: Record<string, string>;
};

/** One answer as Octokit gives it. */
export interface GithubAnswer<T> {
  status: number;
  headers: Record<string, string | undefined>;
  data: T;
}

/**
 * The backend's GitHub access: ONE shared client per host
 * (`createGithubClient` of `@idp-stack/plugin-stack-node`: Octokit,
 * throttling, one retry layer, the same client the scaffolder module uses),
 * so the throttling of a host sees every call the plugin makes to it, and
 * one mapping of what fails (`UpstreamFailure.from`). Credentials: the
 * plugin's own (token or GitHub App installation of the repository's owner),
 * never a user's.
 */
export class GithubClients {
  private readonly byHost = new Map<string, GithubClient>();

  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly opts: {
      timeoutMs: number;
      policy: GithubRetryPolicy;
      logger: LoggerService;
    },
  ) {}

  /** The integration of `host`, or an UpstreamFailure naming what to configure. */
  integration(host: string) {
    const integration = this.integrations.github.byHost(host);
    if (!integration) {
      throw new UpstreamFailure(
        'unauthorized',
        `no integrations.github entry for host ${host}: add one with a token or GitHub App`,
      );
    }
    return integration;
  }

  /** The API base URL of `host` (`integrations.github[].apiBaseUrl`). */
  apiBaseUrl(host: string): string {
    return (
      this.integration(host).config.apiBaseUrl ?? 'https://api.github.com'
    ).replace(/\/+$/, '');
  }

  /** The one client of `host`: its throttling sees all of that host's calls. */
  client(host: string): GithubClient {
    let client = this.byHost.get(host);
    if (!client) {
      client = createGithubClient({
        baseUrl: this.apiBaseUrl(host),
        auth: githubAuth(this.credentials, host),
        policy: this.opts.policy,
        logger: this.opts.logger,
      });
      this.byHost.set(host, client);
    }
    return client;
  }

  /**
   * One request (`route` as Octokit takes it, e.g.
   * `GET /repos/{owner}/{repo}/commits/{ref}`, or `GET <full URL>` of a
   * `Link` page), bounded by `timeout`, the REST API version pinned; any
   * failure becomes an UpstreamFailure that says what we were `doing`. A 304
   * (conditional request) is one too: `isNotModified` tells it. `target`:
   * whose credentials, when the route's parameters do not name the owner.
   */
  async request<T = unknown>(
    host: string,
    route: string,
    params: GithubParams,
    context: { doing: string; target?: GithubRequestTarget },
  ): Promise<GithubAnswer<T>> {
    const { headers, ...rest } = params;
    try {
      return (await this.client(host).request(route, {
        ...rest,
        headers: {
          accept: 'application/vnd.github+json',
          'x-github-api-version': '2022-11-28',
          ...headers,
        },
        request: {
          // Counted from when it is sent, not while the throttling spaces writes.
          timeoutMs: this.opts.timeoutMs,
          // Credentials of the repository asked about, also for a full URL.
          target: context.target ?? {
            owner: params.owner ?? params.org,
            repo: params.repo,
          },
        },
      })) as GithubAnswer<T>;
    } catch (error) {
      throw UpstreamFailure.from(error, `GitHub (${host})`, {
        doing: context.doing,
        credentialsHint:
          'check the token or GitHub App in integrations.github (or stack.github.integrations)',
        retried: true,
      });
    }
  }
}

/** True for the failure of a request whose resource does not exist (404). */
export const isAbsent = (error: unknown): boolean =>
  error instanceof UpstreamFailure && error.status === 404;

/** `promise`'s value, or undefined when GitHub answered 404. */
export async function unlessAbsent<T>(
  promise: Promise<T>,
): Promise<T | undefined> {
  try {
    return await promise;
  } catch (error) {
    if (isAbsent(error)) return undefined;
    throw error;
  }
}

/**
 * A body Octokit did not parse as JSON as text: it gives a string for
 * `text/*` or `charset=utf-8` answers, an ArrayBuffer for other media types
 * (`application/vnd.github.raw`, `application/vnd.github.sha`).
 */
export function textOf(data: unknown): string {
  if (typeof data === 'string') return data;
  if (data instanceof ArrayBuffer) return Buffer.from(data).toString('utf8');
  if (ArrayBuffer.isView(data)) {
    return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString(
      'utf8',
    );
  }
  return '';
}

/** A repository path for a route, each segment escaped (`/` kept between them). */
export const repoPath = (path: string) =>
  path.split('/').filter(Boolean).map(encodeURIComponent).join('/');
