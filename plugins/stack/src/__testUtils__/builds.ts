import type { BuildRun, EntityBuilds } from '@idp-stack/plugin-stack-common';

export function buildRun(
  id: number,
  commit: string,
  extra: Partial<BuildRun> = {},
): BuildRun {
  return {
    id,
    workflowName: 'ci',
    workflowPath: '.github/workflows/ci.yaml',
    runNumber: id,
    event: 'push',
    status: 'completed',
    conclusion: 'success',
    branch: 'main',
    commit,
    startedAt: '2026-01-01T00:50:00Z',
    updatedAt: '2026-01-01T00:54:00Z',
    durationSeconds: 240,
    url: `https://github.com/acme/shop/actions/runs/${id}`,
    deployedIn: [],
    ...extra,
  };
}

export const SHA_NEW = 'bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb';
export const SHA_OLD = 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';

/** Newest run failed, #41 succeeded and runs in dev, prod still runs #40. */
export function entityBuilds(extra: Partial<EntityBuilds> = {}): EntityBuilds {
  return {
    entityRef: 'component:default/shop',
    repository: 'acme/shop',
    runs: [
      buildRun(42, 'cccccccccccccccccccccccccccccccccccccccc', {
        conclusion: 'failure',
        branch: 'feature/x',
      }),
      buildRun(41, SHA_NEW, { deployedIn: ['dev'] }),
      buildRun(40, SHA_OLD, { deployedIn: ['prod'] }),
    ],
    environments: [
      { environment: 'dev', instance: 'main', revision: SHA_NEW },
      { environment: 'prod', instance: 'main', revision: SHA_OLD },
    ],
    generatedAt: '2026-01-01T01:00:00Z',
    ...extra,
  };
}
