import type { BuildRun } from '@idp-stack/plugin-stack-common';
import type { Tone } from '../../lib/healthTone';

/** How a workflow run reads at a glance, from GitHub's status and conclusion. */
export function runTone(run: BuildRun): Tone {
  if (run.status !== 'completed') return 'progress';
  switch (run.conclusion) {
    case 'success':
      return 'ok';
    case 'failure':
    case 'timed_out':
    case 'startup_failure':
      return 'error';
    case 'action_required':
    case 'stale':
      return 'warning';
    default:
      return 'unknown';
  }
}

/** GitHub's words: the conclusion once completed, else the status ("in progress"). */
export function runStatus(run: BuildRun): string {
  return run.status === 'completed'
    ? run.conclusion ?? 'completed'
    : run.status.replace('_', ' ');
}
