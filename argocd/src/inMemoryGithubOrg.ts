import { createHash } from 'crypto';
import { ScmProvider, ScmRepository } from './scmProvider';

/** A repository as the GitHub API describes it, plus its file tree on the default branch. */
export interface InMemoryRepo {
  name: string;
  topics: string[];
  archived?: boolean;
  defaultBranch?: string;
  files: string[];
}

export interface InMemoryGithubOrg extends ScmProvider {
  /** API calls made so far, by kind, as Argo CD's GitHub provider would make them. */
  calls: { listRepos: number; getBranch: number; getContents: string[] };
}

/**
 * An in-memory GitHub organisation (for previews and tests) that answers like Argo CD's GitHub SCM
 * provider (applicationset/services/scm_provider/github.go): archived
 * repositories are dropped in the list when `excludeArchivedRepos` is set, only
 * the default branch is returned (`allBranches: false`), and a path exists when
 * it is a file or a directory of the tree.
 */
export function inMemoryGithubOrg(
  organization: string,
  repos: InMemoryRepo[],
  options: { excludeArchivedRepos?: boolean; allBranches?: boolean } = {},
): InMemoryGithubOrg {
  if (options.allBranches)
    throw new Error('the fake organisation only models allBranches: false');
  const byName = new Map(repos.map(r => [r.name, r]));
  const calls = { listRepos: 0, getBranch: 0, getContents: [] as string[] };
  const sha = (r: InMemoryRepo) =>
    createHash('sha1')
      .update(`${r.name}\n${r.files.join('\n')}`)
      .digest('hex');
  return {
    calls,
    listRepos(cloneProtocol) {
      calls.listRepos++;
      return repos
        .filter(r => !(options.excludeArchivedRepos && r.archived))
        .map((r, i) => ({
          organization,
          repository: r.name,
          repositoryId: 1000 + i,
          url:
            cloneProtocol === 'https'
              ? `https://github.com/${organization}/${r.name}.git`
              : `git@github.com:${organization}/${r.name}.git`,
          branch: r.defaultBranch ?? 'main',
          sha: '',
          labels: [...r.topics],
        }));
    },
    getBranches(repo: ScmRepository) {
      calls.getBranch++;
      return [{ ...repo, sha: sha(byName.get(repo.repository)!) }];
    },
    repoHasPath(repo: ScmRepository, path: string) {
      calls.getContents.push(`${repo.repository}:${path}`);
      const files = byName.get(repo.repository)!.files;
      return files.some(f => f === path || f.startsWith(`${path}/`));
    },
  };
}
