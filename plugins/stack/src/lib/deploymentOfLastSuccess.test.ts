import type { BuildRun } from '@idp-stack/plugin-stack-common';
import { deploymentOfLastSuccess } from './deploymentOfLastSuccess';

function run(
  id: number,
  commit: string,
  conclusion: BuildRun['conclusion'],
): BuildRun {
  return {
    id,
    workflowName: 'ci',
    runNumber: id,
    event: 'push',
    status: 'completed',
    conclusion,
    branch: 'main',
    commit,
    url: `https://github.com/acme/shop/actions/runs/${id}`,
    deployedIn: [],
  };
}

describe('deploymentOfLastSuccess', () => {
  const runs = [
    run(3, 'ccc', 'failure'),
    run(2, 'bbb', 'success'),
    run(1, 'aaa', 'success'),
  ];

  it('compares each environment with the newest successful build, skipping failures', () => {
    const result = deploymentOfLastSuccess(
      {
        runs,
        environments: [
          { environment: 'dev', instance: 'main', revision: 'bbb' },
          { environment: 'stage', instance: 'main', revision: 'aaa' },
          { environment: 'prod', instance: 'main', revision: 'zzz' },
        ],
      },
      ['dev', 'stage', 'prod'],
    );
    expect(result.lastSuccess?.id).toBe(2);
    expect(
      result.rows.map(r => [
        r.environment,
        r.state,
        'run' in r ? r.run?.id : undefined,
      ]),
    ).toEqual([
      ['dev', 'deployed', 2],
      ['stage', 'behind', 1],
      ['prod', 'behind', undefined],
    ]);
  });

  it('says when an environment runs nothing and when no build succeeded', () => {
    const result = deploymentOfLastSuccess(
      {
        runs: [run(3, 'ccc', 'failure')],
        environments: [{ environment: 'dev', instance: 'main' }],
      },
      ['dev', 'prod'],
    );
    expect(result.lastSuccess).toBeUndefined();
    expect(result.rows.map(r => r.state)).toEqual([
      'not-deployed',
      'not-deployed',
    ]);
  });
});
