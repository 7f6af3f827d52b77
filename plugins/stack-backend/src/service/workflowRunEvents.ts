import { LoggerService } from '@backstage/backend-plugin-api';
import { EventsService } from '@backstage/plugin-events-node';
import { randomUUID } from 'node:crypto';
import { BuildsService } from './BuildsService';
import { GithubWorkflowRun } from './githubTypes';
import { toBuildRun } from './toBuildRun';

/**
 * The topic `@backstage/plugin-events-backend-module-github` publishes a
 * GitHub delivery with `X-GitHub-Event: workflow_run` under (its
 * GithubEventRouter routes topic `github` by that header to
 * `github.<event>`), after its signature validator checked
 * `X-Hub-Signature-256` against `events.modules.github.webhookSecret`.
 */
export const WORKFLOW_RUN_TOPIC = 'github.workflow_run';

/**
 * The parts of a `workflow_run` delivery the plugin reads (GitHub docs,
 * "Webhook events and payloads", workflow_run: `action` requested,
 * in_progress or completed; `workflow_run` is the same object as in
 * `GET /repos/{owner}/{repo}/actions/runs`; `repository`).
 */
interface WorkflowRunEvent {
  action?: string;
  workflow_run?: GithubWorkflowRun;
  repository?: { full_name?: string; html_url?: string };
}

/** Applies one delivery to the build state; ignores what is not a well-formed workflow_run. */
export function applyWorkflowRunEvent(
  builds: BuildsService,
  payload: unknown,
): number {
  const event = payload as WorkflowRunEvent;
  const run = event?.workflow_run;
  const slug = event?.repository?.full_name;
  const html = event?.repository?.html_url;
  if (!run || typeof run.id !== 'number' || !slug || !html) return 0;
  let host: string;
  try {
    host = new URL(html).host;
  } catch {
    return 0;
  }
  return builds.applyRun(host, slug, toBuildRun(run));
}

/**
 * Subscribes the build state to `workflow_run` webhooks. The subscriber id
 * is per process: the events backend hands an event to ONE instance per
 * subscriber id, and every replica keeps its own build state, so each needs
 * its own subscription to hear every delivery. The events backend deletes
 * a subscription nobody read for its window (default one day,
 * `DatabaseEventBusStore` cleanup), so a stopped replica's goes away.
 */
export async function subscribeToWorkflowRuns(options: {
  events: EventsService;
  builds: BuildsService;
  logger: LoggerService;
}): Promise<void> {
  const { events, builds, logger } = options;
  await events.subscribe({
    id: `builds-${randomUUID()}`,
    topics: [WORKFLOW_RUN_TOPIC],
    onEvent: async ({ eventPayload }) => {
      const changed = applyWorkflowRunEvent(builds, eventPayload);
      logger.debug(
        `stack: workflow_run event updated ${changed} build list(s)`,
      );
    },
  });
}
