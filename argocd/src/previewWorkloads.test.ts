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

  it('reports what the project refuses and what is never generated', () => {
    const preview = previewWorkloads([
      { ...published, name: 'no-system', topics: ['idp-managed'] },
      { ...published, name: 'untagged', topics: [] },
    ]);
    expect(preview.applications.map(a => a.metadata.name)).toEqual([
      'no-system-dev',
      'no-system-stage',
      'no-system-prod',
    ]);
    expect(preview.refused.map(r => r.application)).toEqual([
      'no-system-dev',
      'no-system-stage',
      'no-system-prod',
    ]);
    expect(preview.apiCalls.getBranch).toBe(1);
  });
});
