import { resolve } from 'node:path';
import { spawnJson } from './processes';

const ROOT = resolve(__dirname, '../../../..');

/**
 * The browser tests' loopback fake Argo CD and GitHub
 * (plugins/stack-backend/bench/serveFakes.ts: the example `payments` repo in
 * dev, stage and prod), and the portal config that points at them, as
 * APP_CONFIG_* variables and as config data.
 */
export async function startFakeUpstreams() {
  const { child, info } = await spawnJson([
    '--require',
    require.resolve('@backstage/cli-node/config/nodeTransform.cjs'),
    resolve(ROOT, 'plugins/stack-backend/bench/serveFakes.ts'),
  ]);
  const instances = [{ name: 'main', url: info.argo, token: info.token }];
  const github = [
    { host: 'github.com', apiBaseUrl: info.github, token: 'e2e-github-token' },
  ];
  return {
    instances,
    github,
    env: {
      APP_CONFIG_stack_argocd_instances: JSON.stringify(instances),
      APP_CONFIG_stack_actions_enabled: 'true',
      APP_CONFIG_integrations_github: JSON.stringify(github),
    },
    stop: () => child.kill('SIGTERM'),
  };
}
