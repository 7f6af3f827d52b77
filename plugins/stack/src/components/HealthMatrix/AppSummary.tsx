import Typography from '@material-ui/core/Typography';
import type { ApplicationHealth } from '@idp-stack/plugin-stack-common';
import { ageOf } from '../../lib/formatAge';
import { initiatorText } from '../../lib/syncInitiator';
import { by } from './by';
import { Revision } from './Revision';

/**
 * What one Argo CD Application says inside a matrix cell, one fact per line
 * (block captions, so revision and last sync never run together): revision,
 * running sync, last sync and who started it, resources in trouble.
 */
export function AppSummary({
  app,
  repoSlug,
  now,
}: {
  app: ApplicationHealth;
  repoSlug?: string;
  now: number;
}) {
  const synced = app.lastSync?.finishedAt ?? app.lastSync?.startedAt;
  const startedBy = initiatorText(app.operationInProgress?.initiatedBy);
  return (
    <>
      {app.revision ? (
        <Typography variant="caption" color="textSecondary" display="block">
          rev <Revision sha={app.revision} repoSlug={repoSlug} />
        </Typography>
      ) : null}
      {app.operationInProgress ? (
        <Typography variant="caption" display="block">
          {app.operationInProgress.phase}:{' '}
          {app.operationInProgress.message ?? 'sync running'}
          {startedBy && ` (started ${startedBy})`}
        </Typography>
      ) : null}
      {app.lastSync ? (
        <Typography variant="caption" color="textSecondary" display="block">
          last sync {app.lastSync.phase}
          {synced ? ` ${ageOf(synced, now)} ago` : ''}
          {by(app.lastSync.initiatedBy)}
          {app.lastSync.message ? ` — ${app.lastSync.message}` : ''}
        </Typography>
      ) : null}
      {app.resourceIssues.length > 0 ? (
        <Typography variant="caption" color="error" display="block">
          {app.resourceIssues.length} resource
          {app.resourceIssues.length === 1 ? '' : 's'} out of sync or unhealthy
        </Typography>
      ) : null}
    </>
  );
}
