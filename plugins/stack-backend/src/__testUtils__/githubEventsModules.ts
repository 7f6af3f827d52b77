import type { BackendFeature } from '@backstage/backend-plugin-api';
import path from 'node:path';

/**
 * The two modules `@backstage/plugin-events-backend-module-github` installs
 * (`eventsModuleGithubWebhook`: the `X-Hub-Signature-256` validator on the
 * `github` ingress; `eventsModuleGithubEventRouter`: topic `github` →
 * `github.<X-GitHub-Event>`). Its default export is a feature loader that
 * `import()`s them, which Jest's VM cannot run without
 * --experimental-vm-modules, so tests load the same files directly;
 * packages/backend adds the package itself.
 */
export function githubEventsModules(): BackendFeature[] {
  const dist = path.join(
    path.dirname(
      require.resolve(
        '@backstage/plugin-events-backend-module-github/package.json',
      ),
    ),
    'dist/service',
  );
  return [
    'eventsModuleGithubWebhook.cjs.js',
    'eventsModuleGithubEventRouter.cjs.js',
  ].map(file => require(path.join(dist, file)).default as BackendFeature);
}
