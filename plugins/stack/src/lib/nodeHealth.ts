import type { EntityHealth } from '@idp-stack/plugin-stack-common';
import type { NodeHealth } from '../components/TopologyGraph';

/** One entity's health in one environment, as a topology node shows it. */
export function nodeHealthIn(
  health: EntityHealth | undefined,
  environment: string,
): NodeHealth | undefined {
  const env = health?.environments.find(e => e.environment === environment);
  if (!env) return undefined;
  return {
    health: env.healthStatus,
    sync: env.syncStatus,
    stale: env.applications.some(a => a.stale),
  };
}
