import { UpstreamFailure } from '@idp-stack/plugin-stack-node';
import { GithubClients, repoPath, textOf, unlessAbsent } from './GithubClients';

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
 * GitHub's contents API, kept as an interface so its users do not depend on
 * the client behind it.
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

/**
 * GithubContents over the shared GitHub client (`GithubClients`: Octokit,
 * throttling, one retry layer) with the plugin's GitHub credentials.
 * GitHub's "Get repository content"
 * (https://docs.github.com/rest/repos/contents#get-repository-content)
 * answers a directory as a JSON array of entries (at most 1,000) and a file
 * as its raw bytes with `Accept: application/vnd.github.raw+json`.
 */
export class OctokitGithubContents implements GithubContents {
  constructor(private readonly github: GithubClients) {}

  private get(
    repository: GithubRepository,
    path: string,
    ref: string,
    accept: string,
  ) {
    const { host, owner, repo } = repository;
    return unlessAbsent(
      this.github.request(
        host,
        `GET /repos/{owner}/{repo}/contents/${repoPath(path)}`,
        { owner, repo, ref, headers: { accept } },
        { doing: `read ${owner}/${repo}/${path} at ${ref}` },
      ),
    );
  }

  async listDirectory(
    repository: GithubRepository,
    path: string,
    ref: string,
  ): Promise<DirectoryEntry[] | undefined> {
    const res = await this.get(
      repository,
      path,
      ref,
      'application/vnd.github+json',
    );
    if (!res) return undefined;
    if (!Array.isArray(res.data)) {
      throw new UpstreamFailure(
        'bad-response',
        `GitHub answered ${repository.owner}/${repository.repo}/${path} with a file, not a directory`,
      );
    }
    return res.data as DirectoryEntry[];
  }

  async readFile(
    repository: GithubRepository,
    path: string,
    ref: string,
    maxBytes: number,
  ): Promise<string | undefined> {
    const res = await this.get(
      repository,
      path,
      ref,
      'application/vnd.github.raw+json',
    );
    if (!res) return undefined;
    const text = textOf(res.data);
    if (Buffer.byteLength(text) > maxBytes) {
      throw new UpstreamFailure(
        'bad-response',
        `${repository.owner}/${repository.repo}/${path} is larger than ${maxBytes} bytes`,
      );
    }
    return text;
  }
}
