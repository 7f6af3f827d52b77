import { Environment } from '../schema/names';
import { Stack } from '../schema/stackSchema';

export interface EnvironmentPolicies {
  /** Syncs need a human; prod defaults to true, dev and stage to false. */
  manualApproval: boolean;
  /** When syncs may happen (Argo CD sync windows); none means any time. */
  deploymentWindows: {
    days: string[];
    start: string;
    duration: string;
    timeZone?: string;
  }[];
}

/** The deployment policies of one environment, with defaults, for the GitOps layer. */
export function policiesFor(
  stack: Stack,
  env: Environment,
): EnvironmentPolicies {
  const p = stack.spec.environments?.[env]?.policies;
  return {
    manualApproval: p?.manualApproval ?? env === 'prod',
    deploymentWindows: p?.deploymentWindows ?? [],
  };
}
