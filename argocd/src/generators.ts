import { Params, runGoJobs } from './goTemplateEngine';
import { listScmRepos, ScmFilter, ScmProvider } from './scmProvider';

export type { Params };

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
  // Argo CD's scm_provider.go: branchNormalized is utils.SanitizeName (the
  // template function `normalize`), then `values` are rendered with the
  // repository's parameters (Render.Replace per value).
  const normalized = runGoJobs(
    repos.map(repo => ({
      text: '{{ normalize .branch }}',
      params: { branch: repo.branch },
      options: [],
    })),
  ) as string[];
  const all = repos.map(
    (repo, i): Params => ({
      organization: repo.organization,
      repository: repo.repository,
      repository_id: repo.repositoryId,
      url: repo.url,
      branch: repo.branch,
      branchNormalized: normalized[i],
      sha: repo.sha,
      short_sha: repo.sha.slice(0, 8),
      short_sha_7: repo.sha.slice(0, 7),
      labels: repo.labels.join(','),
    }),
  );
  // `values` may use every parameter above; with goTemplate they live under `.values`.
  const entries = Object.entries((gen.values as Record<string, string>) ?? {});
  const rendered = runGoJobs(
    all.flatMap(params =>
      entries.map(([, text]) => ({
        text,
        params,
        options: ['missingkey=error'],
      })),
    ),
  ) as string[];
  return all.map((params, i) => ({
    ...params,
    values: Object.fromEntries(
      entries.map(([k], j) => [k, rendered[i * entries.length + j]]),
    ),
  }));
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
