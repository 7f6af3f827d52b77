import { compileGoRegExp } from './templateFunctions';

/** A repository (on one branch) as Argo CD's SCM provider service sees it. */
export interface ScmRepository {
  organization: string;
  repository: string;
  repositoryId: number;
  url: string;
  branch: string;
  sha: string;
  labels: string[];
}

/**
 * Argo CD's SCMProviderService: `listRepos` is one paged list call (topics and
 * the archived flag come with it), `getBranches` and `repoHasPath` cost one API
 * call per repository each.
 */
export interface ScmProvider {
  listRepos(cloneProtocol: string): ScmRepository[];
  getBranches(repo: ScmRepository): ScmRepository[];
  repoHasPath(repo: ScmRepository, path: string): boolean;
}

/** One entry of `scmProvider.filters` as written in the ApplicationSet. */
export interface ScmFilter {
  repositoryMatch?: string;
  labelMatch?: string;
  pathsExist?: string[];
  pathsDoNotExist?: string[];
  branchMatch?: string;
}

interface CompiledFilter {
  repositoryMatch?: RegExp;
  labelMatch?: RegExp;
  branchMatch?: RegExp;
  pathsExist: string[];
  pathsDoNotExist: string[];
}

const KNOWN_FILTER_KEYS = new Set([
  'repositoryMatch',
  'labelMatch',
  'pathsExist',
  'pathsDoNotExist',
  'branchMatch',
]);

function compile(filter: ScmFilter, index: number): CompiledFilter {
  for (const key of Object.keys(filter)) {
    if (!KNOWN_FILTER_KEYS.has(key))
      throw new Error(`filters[${index}].${key} is not an SCM provider filter`);
  }
  const re = (s?: string) => (s === undefined ? undefined : compileGoRegExp(s));
  return {
    repositoryMatch: re(filter.repositoryMatch),
    labelMatch: re(filter.labelMatch),
    branchMatch: re(filter.branchMatch),
    pathsExist: filter.pathsExist ?? [],
    pathsDoNotExist: filter.pathsDoNotExist ?? [],
  };
}

const hasRepoConditions = (f: CompiledFilter) =>
  Boolean(f.repositoryMatch || f.labelMatch);
const hasBranchConditions = (f: CompiledFilter) =>
  Boolean(f.branchMatch) ||
  f.pathsExist.length > 0 ||
  f.pathsDoNotExist.length > 0;

function matchRepoPhase(repo: ScmRepository, f: CompiledFilter): boolean {
  if (f.repositoryMatch && !f.repositoryMatch.test(repo.repository))
    return false;
  // labelMatch: the repository is in if ANY of its topics matches.
  if (f.labelMatch && !repo.labels.some(label => f.labelMatch!.test(label)))
    return false;
  return true;
}

function matchBranchPhase(
  provider: ScmProvider,
  repo: ScmRepository,
  f: CompiledFilter,
): boolean {
  if (f.branchMatch && !f.branchMatch.test(repo.branch)) return false;
  for (const p of f.pathsExist) {
    if (!provider.repoHasPath(repo, p.replace(/\/+$/, ''))) return false;
  }
  for (const p of f.pathsDoNotExist) {
    if (provider.repoHasPath(repo, p.replace(/\/+$/, ''))) return false;
  }
  return true;
}

/**
 * The repositories an SCM Provider generator yields, following Argo CD's
 * applicationset/services/scm_provider/utils.go ListRepos:
 *
 * 1. list the organisation's repositories (one call);
 * 2. repo phase: keep a repository when ANY filter with repo conditions
 *    (repositoryMatch, labelMatch) matches; skipped when no filter has them;
 * 3. per kept repository, look up its branch (one call each);
 * 4. branch phase: keep a branch when ANY filter with branch conditions
 *    (branchMatch, pathsExist, pathsDoNotExist) matches; each path costs a call.
 *
 * Conditions inside one entry are ANDed, entries ORed; an entry with both kinds
 * takes part in both phases, which is why the topic check runs before any
 * per-repository call. No filters: every repository. (Where the docs and the
 * controller differ — entries of different phases split apart end up ANDed —
 * this follows the controller; for a single entry both agree.)
 */
export function listScmRepos(
  provider: ScmProvider,
  filters: ScmFilter[],
  cloneProtocol: string,
): ScmRepository[] {
  const compiled = filters.map(compile);
  const repoFilters = compiled.filter(hasRepoConditions);
  const branchFilters = compiled.filter(hasBranchConditions);
  let repos = provider.listRepos(cloneProtocol);
  if (repoFilters.length > 0)
    repos = repos.filter(r => repoFilters.some(f => matchRepoPhase(r, f)));
  const branches = repos.flatMap(r => provider.getBranches(r));
  if (branchFilters.length === 0) return branches;
  return branches.filter(r =>
    branchFilters.some(f => matchBranchPhase(provider, r, f)),
  );
}
