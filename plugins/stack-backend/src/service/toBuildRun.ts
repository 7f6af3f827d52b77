import type {
  BuildConclusion,
  BuildRun,
  BuildStatus,
} from '@idp-stack/plugin-stack-common';
import { GithubWorkflowRun } from './githubTypes';

/** A run without the per-environment part, which depends on the request's deployments. */
export type StoredBuildRun = Omit<BuildRun, 'deployedIn'>;

export function toBuildRun(run: GithubWorkflowRun): StoredBuildRun {
  const started = run.run_started_at ?? run.created_at;
  const duration =
    started && run.updated_at
      ? Math.max(0, Date.parse(run.updated_at) - Date.parse(started)) / 1000
      : undefined;
  return {
    id: run.id,
    workflowName: run.name ?? run.path ?? String(run.id),
    workflowPath: run.path,
    runNumber: run.run_number,
    event: run.event,
    status: (run.status ?? 'queued') as BuildStatus,
    conclusion: (run.conclusion ?? null) as BuildConclusion | null,
    branch: run.head_branch,
    commit: run.head_sha,
    commitMessage: run.head_commit?.message ?? run.display_title,
    startedAt: started,
    updatedAt: run.updated_at,
    durationSeconds:
      duration === undefined || Number.isNaN(duration)
        ? undefined
        : Math.round(duration),
    url: run.html_url,
  };
}

/**
 * Whether a run belongs to a monorepo component: its workflow file is named
 * after the component (`<component>.yaml` or `<component>-*.yaml`).
 */
export function runMatchesComponent(
  run: StoredBuildRun,
  component: string,
): boolean {
  const file = run.workflowPath?.split('/').pop() ?? '';
  const stem = file.replace(/\.ya?ml$/, '');
  return stem === component || stem.startsWith(`${component}-`);
}
