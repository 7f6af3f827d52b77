import { InputError } from '@backstage/errors';
import { DEFAULT_BRANCH } from '../conventions';
import { IdpOctokit } from './createOctokit';
import { githubError, githubStatus } from './githubError';
import { WorkspaceFile } from './readWorkspaceFiles';

type Head = { commitSha: string; treeSha: string } | 'empty' | 'no-branch';

function isUtf8Text(content: Buffer): boolean {
  return (
    !content.includes(0) &&
    Buffer.from(content.toString('utf8'), 'utf8').equals(content)
  );
}

/**
 * Pushes the workspace as one commit on `main` through the Git Data API
 * (blobs → tree → commit → ref). A brand-new repository has no commits and the
 * Git Data API answers 409 "Git Repository is empty", so its first file goes
 * through the Contents API, which creates the branch.
 *
 * Re-entrant: a tree identical to the branch head's is not committed again.
 */
export async function pushWorkspace(
  octokit: IdpOctokit,
  options: {
    owner: string;
    repo: string;
    files: WorkspaceFile[];
    message: string;
    /** Keep files the branch already has (adopted repository). */
    keepExisting: boolean;
    /**
     * This run created the repository: a 404 means "not visible yet" (the
     * client, made with `justCreated`, retries it), not "no branch".
     */
    justCreated: boolean;
    /**
     * Upload every file as its own blob instead of inlining text in the tree
     * (the usual approach; kept as the benchmark's baseline).
     */
    blobPerFile?: boolean;
  },
): Promise<string> {
  const { owner, repo, files, message } = options;
  const slug = `${owner}/${repo}`;
  if (!files.length) {
    throw new InputError(`sourcePath: there are no files to push to ${slug}`);
  }
  // Retries happen in the client (one layer); a step only names what failed.
  const step = async <T>(doing: string, fn: () => Promise<T>) => {
    try {
      return await fn();
    } catch (error) {
      throw githubError(error, `${doing} (push to ${slug})`);
    }
  };

  const readHead = async (): Promise<Head> => {
    try {
      const ref = await octokit.rest.git.getRef({
        owner,
        repo,
        ref: `heads/${DEFAULT_BRANCH}`,
      });
      const commit = await octokit.rest.git.getCommit({
        owner,
        repo,
        commit_sha: ref.data.object.sha,
      });
      return { commitSha: commit.data.sha, treeSha: commit.data.tree.sha };
    } catch (error) {
      const status = githubStatus(error);
      if (status === 409) return 'empty';
      // For a repository we just created a 404 may only mean "not visible yet".
      if (status === 404 && !options.justCreated) return 'no-branch';
      throw error;
    }
  };
  let head = await step('read the branch head', readHead);

  let branchExists = typeof head !== 'string';
  if (head === 'empty') {
    const first = files[0];
    const created = await step(`create ${first.path}`, () =>
      octokit.rest.repos.createOrUpdateFileContents({
        owner,
        repo,
        path: first.path,
        branch: DEFAULT_BRANCH,
        message,
        content: first.content.toString('base64'),
      }),
    );
    head = {
      commitSha: created.data.commit.sha!,
      treeSha: created.data.commit.tree!.sha!,
    };
    branchExists = true;
  }
  const parent = typeof head === 'string' ? undefined : head;

  const entries: Array<{
    path: string;
    mode: '100644' | '100755';
    type: 'blob';
    content?: string;
    sha?: string;
  }> = [];
  for (const file of files) {
    const mode = file.executable ? ('100755' as const) : ('100644' as const);
    if (!options.blobPerFile && isUtf8Text(file.content)) {
      entries.push({
        path: file.path,
        mode,
        type: 'blob' as const,
        content: file.content.toString('utf8'),
      });
    } else {
      const blob = await step(`upload ${file.path}`, () =>
        octokit.rest.git.createBlob({
          owner,
          repo,
          content: file.content.toString('base64'),
          encoding: 'base64',
        }),
      );
      entries.push({
        path: file.path,
        mode,
        type: 'blob' as const,
        sha: blob.data.sha,
      });
    }
  }
  const tree = await step('create the tree', () =>
    octokit.rest.git.createTree({
      owner,
      repo,
      tree: entries,
      base_tree: options.keepExisting ? parent?.treeSha : undefined,
    }),
  );
  // Same tree as the head: an earlier attempt already pushed it.
  if (parent && parent.treeSha === tree.data.sha) return parent.commitSha;

  const commit = await step('create the commit', () =>
    octokit.rest.git.createCommit({
      owner,
      repo,
      message,
      tree: tree.data.sha,
      parents: parent ? [parent.commitSha] : [],
    }),
  );
  if (branchExists) {
    await step(`move ${DEFAULT_BRANCH}`, () =>
      octokit.rest.git.updateRef({
        owner,
        repo,
        ref: `heads/${DEFAULT_BRANCH}`,
        sha: commit.data.sha,
        force: false,
      }),
    );
  } else {
    await step(`create ${DEFAULT_BRANCH}`, () =>
      octokit.rest.git.createRef({
        owner,
        repo,
        ref: `refs/heads/${DEFAULT_BRANCH}`,
        sha: commit.data.sha,
      }),
    );
  }
  return commit.data.sha;
}
