import {
  GithubCredentialsProvider,
  ScmIntegrationRegistry,
} from '@backstage/integration';
import { fetchUpstream, UpstreamFailure } from './UpstreamFailure';

/** A repository on a GitHub host, e.g. `{ host: 'github.com', owner: 'acme', repo: 'idp-platform' }`. */
export interface GithubRepository {
  host: string;
  owner: string;
  repo: string;
}

/** One entry of a directory listing (the fields we use of GitHub's content object). */
export interface DirectoryEntry {
  type: 'file' | 'dir' | 'symlink' | 'submodule';
  name: string;
  path: string;
  /** Git blob SHA: unchanged content keeps it, so a reader can skip re-reading the file. */
  sha: string;
  size: number;
}

/**
 * Read access to repository files, the small surface the plugin needs from
 * GitHub's contents API. Kept as an interface so the client behind it (fetch
 * today, Octokit later) can change without touching its users.
 */
export interface GithubContents {
  /** The entries of a directory at `ref`; undefined when the path does not exist. */
  listDirectory(
    repository: GithubRepository,
    path: string,
    ref: string,
  ): Promise<DirectoryEntry[] | undefined>;
  /** A file's text at `ref`; undefined when absent; refuses one above `maxBytes`. */
  readFile(
    repository: GithubRepository,
    path: string,
    ref: string,
    maxBytes: number,
  ): Promise<string | undefined>;
}

/** `owner/repo` in a contents URL, each path segment escaped. */
const contentsUrl = (
  api: string,
  { owner, repo }: GithubRepository,
  path: string,
  ref: string,
) =>
  `${api}/repos/${encodeURIComponent(owner)}/${encodeURIComponent(
    repo,
  )}/contents/${path
    .split('/')
    .filter(Boolean)
    .map(encodeURIComponent)
    .join('/')}?ref=${encodeURIComponent(ref)}`;

/**
 * GithubContents over `fetch` with the plugin's GitHub credentials (token or
 * App from the integrations it is given). GitHub's "Get repository content"
 * (https://docs.github.com/rest/repos/contents#get-repository-content)
 * answers a directory as a JSON array of entries (at most 1,000) and a file
 * as its raw bytes with `Accept: application/vnd.github.raw+json`.
 */
export class FetchGithubContents implements GithubContents {
  constructor(
    private readonly integrations: ScmIntegrationRegistry,
    private readonly credentials: GithubCredentialsProvider,
    private readonly timeoutMs: number,
  ) {}

  private async request(
    repository: GithubRepository,
    path: string,
    ref: string,
    accept: string,
  ): Promise<Response | undefined> {
    const integration = this.integrations.github.byHost(repository.host);
    if (!integration) {
      throw new UpstreamFailure(
        'unauthorized',
        `no integrations.github entry for host ${repository.host}: add one with a token or GitHub App`,
      );
    }
    const api = (
      integration.config.apiBaseUrl ?? 'https://api.github.com'
    ).replace(/\/+$/, '');
    const { headers } = await this.credentials.getCredentials({
      url: `https://${repository.host}/${repository.owner}/${repository.repo}`,
    });
    const url = contentsUrl(api, repository, path, ref);
    try {
      return await fetchUpstream(
        `GitHub (${repository.host})`,
        url,
        {
          headers: {
            Accept: accept,
            'X-GitHub-Api-Version': '2022-11-28',
            ...headers,
          },
        },
        this.timeoutMs,
      );
    } catch (e) {
      if (e instanceof UpstreamFailure && / answered 404/.test(e.message))
        return undefined;
      throw e;
    }
  }

  async listDirectory(
    repository: GithubRepository,
    path: string,
    ref: string,
  ): Promise<DirectoryEntry[] | undefined> {
    const res = await this.request(
      repository,
      path,
      ref,
      'application/vnd.github+json',
    );
    if (!res) return undefined;
    const body = await res.json();
    if (!Array.isArray(body)) {
      throw new UpstreamFailure(
        'bad-response',
        `GitHub answered ${repository.owner}/${repository.repo}/${path} with a file, not a directory`,
      );
    }
    return body as DirectoryEntry[];
  }

  async readFile(
    repository: GithubRepository,
    path: string,
    ref: string,
    maxBytes: number,
  ): Promise<string | undefined> {
    const res = await this.request(
      repository,
      path,
      ref,
      'application/vnd.github.raw+json',
    );
    if (!res) return undefined;
    const declared = Number(res.headers.get('content-length') ?? '0');
    const text = declared > maxBytes ? undefined : await res.text();
    if (text === undefined || Buffer.byteLength(text) > maxBytes) {
      throw new UpstreamFailure(
        'bad-response',
        `${repository.owner}/${repository.repo}/${path} is larger than ${maxBytes} bytes`,
      );
    }
    return text;
  }
}
