import type { BuildRun, EntityBuilds } from '@idp-stack/plugin-stack-common';

export type EnvironmentDeployment =
  | { environment: string; state: 'deployed'; run: BuildRun }
  | { environment: string; state: 'behind'; revision: string; run?: BuildRun }
  | { environment: string; state: 'not-deployed' };

/**
 * For each environment: does it run the commit of the newest successful
 * build yet, or an older revision (and which build made it, if listed)?
 */
export function deploymentOfLastSuccess(
  builds: Pick<EntityBuilds, 'runs' | 'environments'>,
  environments: readonly string[],
): { lastSuccess?: BuildRun; rows: EnvironmentDeployment[] } {
  const lastSuccess = builds.runs.find(r => r.conclusion === 'success');
  const rows = environments.map((environment): EnvironmentDeployment => {
    const revision = builds.environments.find(
      e => e.environment === environment && e.revision,
    )?.revision;
    if (!revision) return { environment, state: 'not-deployed' };
    if (lastSuccess && lastSuccess.commit === revision) {
      return { environment, state: 'deployed', run: lastSuccess };
    }
    return {
      environment,
      state: 'behind',
      revision,
      run: builds.runs.find(r => r.commit === revision),
    };
  });
  return { lastSuccess, rows };
}
