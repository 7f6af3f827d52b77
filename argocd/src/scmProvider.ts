import { goRegexpMatches } from './goTemplateEngine';

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
  repositoryMatch?: string;
  labelMatch?: string;
  branchMatch?: string;
  pathsExist: string[];
  pathsDoNotExist: string[];
}

/** Go regular expressions answered in one batch by Go's own regexp package. */
type Matches = (pattern: string, subject: string) => boolean;

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
  return {
    repositoryMatch: filter.repositoryMatch,
    labelMatch: filter.labelMatch,
    branchMatch: filter.branchMatch,
    pathsExist: filter.pathsExist ?? [],
    pathsDoNotExist: filter.pathsDoNotExist ?? [],
  };
}

/**
 * Every (pattern, subject) pair a phase may ask, matched at once. Each
 * pattern is also matched against "" so that an invalid one fails like
 * Argo CD's compileFilters does, before any repository is looked at.
 */
function matchTable(
  filters: ScmFilter[],
  subjects: (
    field: 'repositoryMatch' | 'labelMatch' | 'branchMatch',
  ) => string[],
  fields: Array<'repositoryMatch' | 'labelMatch' | 'branchMatch'>,
): Matches {
  const pairs = new Map<
    string,
    { pattern: string; subject: string; where: string }
  >();
  filters.forEach((f, i) => {
    for (const field of fields) {
      const pattern = f[field];
      if (pattern === undefined) continue;
      for (const subject of ['', ...subjects(field)])
        pairs.set(JSON.stringify([pattern, subject]), {
          pattern,
          subject,
          where: `filters[${i}].${field}`,
        });
    }
  });
  const list = [...pairs.values()];
  const results = goRegexpMatches(list);
  const answers = new Map(
    list.map((p, i) => [JSON.stringify([p.pattern, p.subject]), results[i]]),
  );
  return (pattern, subject) => answers.get(JSON.stringify([pattern, subject]))!;
}

const hasRepoConditions = (f: CompiledFilter) =>
  f.repositoryMatch !== undefined || f.labelMatch !== undefined;
const hasBranchConditions = (f: CompiledFilter) =>
  f.branchMatch !== undefined ||
  f.pathsExist.length > 0 ||
  f.pathsDoNotExist.length > 0;

function matchRepoPhase(
  repo: ScmRepository,
  f: CompiledFilter,
  matches: Matches,
): boolean {
  if (
    f.repositoryMatch !== undefined &&
    !matches(f.repositoryMatch, repo.repository)
  )
    return false;
  // labelMatch: the repository is in if ANY of its topics matches.
  if (
    f.labelMatch !== undefined &&
    !repo.labels.some(label => matches(f.labelMatch!, label))
  )
    return false;
  return true;
}

function matchBranchPhase(
  provider: ScmProvider,
  repo: ScmRepository,
  f: CompiledFilter,
  matches: Matches,
): boolean {
  if (f.branchMatch !== undefined && !matches(f.branchMatch, repo.branch))
    return false;
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
  const repoMatches = matchTable(
    filters,
    field => {
      if (field === 'labelMatch') return repos.flatMap(r => r.labels);
      if (field === 'repositoryMatch') return repos.map(r => r.repository);
      return []; // branchMatch: only checked for validity here
    },
    ['repositoryMatch', 'labelMatch', 'branchMatch'],
  );
  if (repoFilters.length > 0)
    repos = repos.filter(r =>
      repoFilters.some(f => matchRepoPhase(r, f, repoMatches)),
    );
  const branches = repos.flatMap(r => provider.getBranches(r));
  if (branchFilters.length === 0) return branches;
  const branchMatches = matchTable(filters, () => branches.map(r => r.branch), [
    'branchMatch',
  ]);
  return branches.filter(r =>
    branchFilters.some(f => matchBranchPhase(provider, r, f, branchMatches)),
  );
}
