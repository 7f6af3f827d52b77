import type { LooseCause } from '@idp-stack/plugin-stack-common';

/** Short column labels for each cause; the row's reason says the rest. */
export const CAUSE_LABELS: Record<LooseCause, string> = {
  'topic-removed': 'Topic removed, still running',
  'repository-archived': 'Archived, still running',
  'repository-missing': 'Repository gone, still running',
  'missing-dev-overlay': 'No deploy/overlays/dev',
  'no-system-topic': 'No system topic',
  'not-registered': 'Not registered in its system',
  'refused-by-project': 'Refused by its AppProject',
  'name-collision': 'Name collision',
  'name-not-normalised': 'Name not normalised',
  'applicationset-error': 'ApplicationSet error',
  'no-application': 'No Application',
};
