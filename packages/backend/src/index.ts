/*
 * The portal's backend: the new backend system with the features listed in
 * features.ts. A preflight check turns the common misconfigurations into one
 * actionable line instead of a stack trace.
 */
import { createBackend } from '@backstage/backend-defaults';
import { backendFeatures } from './features';
import { preflight } from './preflight';

preflight(process.argv, process.env).then(problem => {
  if (problem) {
    process.stderr.write(`Cannot start the backend: ${problem}\n`);
    process.exit(1);
  }
  const backend = createBackend();
  for (const feature of backendFeatures) {
    backend.add(feature);
  }
  // GitHub webhooks (workflow_run → the Builds tab) with the
  // X-Hub-Signature-256 check against events.modules.github.webhookSecret;
  // without a secret it registers no github ingress at all.
  backend.add(import('@backstage/plugin-events-backend-module-github'));
  backend.start();
});
