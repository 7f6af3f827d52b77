import { renderGoTemplate } from './goTemplate';
import { normalize } from './templateFunctions';
import { listScmRepos, ScmFilter, ScmProvider } from './scmProvider';

export type Params = Record<string, unknown>;

/** Where generators get their outside data from (the SCM provider per organisation). */
export interface GeneratorSources {
  github?(
    organization: string,
    options: { excludeArchivedRepos?: boolean; allBranches?: boolean },
  ): ScmProvider;
}

const isPlainObject = (v: unknown): v is Params =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

/** goTemplate matrix merge: maps merge deeply, the second generator wins on conflicts. */
function deepMerge(a: Params, b: Params): Params {
  const out: Params = { ...a };
  for (const [k, v] of Object.entries(b)) {
    out[k] =
      isPlainObject(out[k]) && isPlainObject(v)
        ? deepMerge(out[k] as Params, v)
        : v;
  }
  return out;
}

function only(generator: Params, allowed: string[], where: string): void {
  for (const key of Object.keys(generator)) {
    if (!allowed.includes(key))
      throw new Error(`${where}.${key} is not supported by this evaluator`);
  }
}

function scmProviderParams(
  gen: Params,
  sources: GeneratorSources,
  where: string,
): Params[] {
  only(gen, ['cloneProtocol', 'github', 'filters', 'values'], where);
  const github = gen.github as Params | undefined;
  if (!github)
    throw new Error(`${where}: only the github SCM provider is supported`);
  only(
    github,
    [
      'organization',
      'allBranches',
      'excludeArchivedRepos',
      'tokenRef',
      'appSecretName',
      'api',
    ],
    `${where}.github`,
  );
  if (!sources.github)
    throw new Error(
      `${where}: no GitHub organisation given to evaluate against`,
    );
  const provider = sources.github(github.organization as string, {
    excludeArchivedRepos: github.excludeArchivedRepos as boolean | undefined,
    allBranches: github.allBranches as boolean | undefined,
  });
  // Argo CD's default clone protocol is ssh.
  const repos = listScmRepos(
    provider,
    (gen.filters as ScmFilter[]) ?? [],
    (gen.cloneProtocol as string) ?? 'ssh',
  );
  return repos.map(repo => {
    const params: Params = {
      organization: repo.organization,
      repository: repo.repository,
      repository_id: repo.repositoryId,
      url: repo.url,
      branch: repo.branch,
      branchNormalized: normalize(repo.branch),
      sha: repo.sha,
      short_sha: repo.sha.slice(0, 8),
      short_sha_7: repo.sha.slice(0, 7),
      labels: repo.labels.join(','),
    };
    // `values` may use every parameter above; with goTemplate they live under `.values`.
    const values = (gen.values as Record<string, string>) ?? {};
    params.values = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, renderGoTemplate(v, params)]),
    );
    return params;
  });
}

/** The parameter sets of one generator, as Argo CD produces them with goTemplate: true. */
export function generateParams(
  generator: Params,
  sources: GeneratorSources,
  where = 'generators[0]',
): Params[] {
  const kinds = Object.keys(generator).filter(k => k !== 'selector');
  if (generator.selector)
    throw new Error(`${where}.selector is not supported by this evaluator`);
  if (kinds.length !== 1)
    throw new Error(
      `${where} must have exactly one generator, got ${
        kinds.join(', ') || 'none'
      }`,
    );
  const [kind] = kinds;
  const body = generator[kind] as Params;
  switch (kind) {
    case 'list': {
      only(body, ['elements'], `${where}.list`);
      return ((body.elements as Params[]) ?? []).map(e => structuredClone(e));
    }
    case 'matrix': {
      only(body, ['generators'], `${where}.matrix`);
      const children = (body.generators as Params[]) ?? [];
      if (children.length !== 2)
        throw new Error(`${where}.matrix needs exactly 2 child generators`);
      if (JSON.stringify(children[1]).includes('{{')) {
        throw new Error(
          `${where}.matrix: a second generator templated from the first is not supported`,
        );
      }
      const first = generateParams(
        children[0],
        sources,
        `${where}.matrix.generators[0]`,
      );
      const second = generateParams(
        children[1],
        sources,
        `${where}.matrix.generators[1]`,
      );
      return first.flatMap(a => second.map(b => deepMerge(a, b)));
    }
    case 'scmProvider':
      return scmProviderParams(body, sources, `${where}.scmProvider`);
    default:
      throw new Error(
        `${where}: the ${kind} generator is not supported by this evaluator`,
      );
  }
}
