import { previewWorkloads } from './previewWorkloads';
import { fixtureStacks, goldenPathRepo } from './testing/goldenPath';

describe('previewWorkloads', () => {
  const [stack] = fixtureStacks();
  const published = goldenPathRepo(stack);

  it('previews the Applications of a published golden-path repo, all allowed', () => {
    const preview = previewWorkloads([published]);
    expect(preview.applications.map(a => a.metadata.name)).toEqual(
      ['dev', 'stage', 'prod'].map(env => `${stack.repo}-${env}`),
    );
    expect(preview.refused).toEqual([]);
    expect(preview.apiCalls).toEqual({
      listRepos: 1,
      getBranch: 1,
      getContents: 1,
    });
  });

  it('reports what the projects refuse and what is never generated', () => {
    const preview = previewWorkloads([
      { ...published, name: 'no-system', topics: ['idp-managed'] },
      { ...published, name: 'untagged', topics: [] },
      // Tags itself into a registered system it is not registered in.
      {
        ...published,
        name: 'intruder',
        topics: ['idp-managed', `idp-system-${stack.system}`],
      },
      {
        ...published,
        name: 'unknown-system',
        topics: ['idp-managed', 'idp-system-nowhere'],
      },
    ]);
    expect(preview.applications.map(a => a.metadata.name)).toEqual(
      ['no-system', 'intruder', 'unknown-system'].flatMap(r =>
        ['dev', 'stage', 'prod'].map(e => `${r}-${e}`),
      ),
    );
    expect(preview.refused.map(r => r.application)).toEqual(
      preview.applications.map(a => a.metadata.name),
    );
    expect(preview.refused[0].reasons).toContain(
      'Application no-system-dev: destination namespace "-dev" is not permitted in project default',
    );
    expect(preview.refused[3].reasons).toEqual([
      `Application intruder-dev: source https://github.com/acme/intruder.git is not in the sourceRepos of project ${stack.system}`,
    ]);
    expect(preview.refused[6].reasons).toEqual([
      'Application unknown-system-dev: project nowhere does not exist (the system is not registered in argocd/systems)',
    ]);
    expect(preview.apiCalls.getBranch).toBe(3);
  });
});
