import { Fragment } from 'react';
import Typography from '@material-ui/core/Typography';
import { InfoCard } from '@backstage/core-components';
import { ageOf } from '../../lib/formatAge';
import { ExternalLink } from '../ExternalLink';
import { by } from './by';
import { Revision } from './Revision';
import type { HealthMatrixRow } from './HealthMatrix';

/** The selected cell: each Application's resources in trouble and its deployment history. */
export function HealthDetails({
  row,
  environment,
  now,
}: {
  row: HealthMatrixRow;
  environment: string;
  now: number;
}) {
  const env = row.health?.environments.find(e => e.environment === environment);
  const title = `${row.title} in ${environment}`;
  return (
    <section aria-label={title}>
      <InfoCard title={title}>
        {(env?.applications ?? []).map(app => (
          <Fragment key={`${app.instance}/${app.name}`}>
            <Typography variant="subtitle2">
              {app.url ? (
                <ExternalLink href={app.url}>{app.name}</ExternalLink>
              ) : (
                app.name
              )}{' '}
              on {app.instance}
              {app.healthMessage ? ` — ${app.healthMessage}` : ''}
            </Typography>
            <Typography variant="body2">
              Resources out of sync or unhealthy
            </Typography>
            {app.resourceIssues.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                None.
              </Typography>
            ) : (
              <ul>
                {app.resourceIssues.map(r => (
                  <li key={`${r.kind}/${r.namespace}/${r.name}`}>
                    {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                    {r.name}:{' '}
                    {[r.syncStatus, r.healthStatus].filter(Boolean).join(', ')}
                    {r.message ? ` — ${r.message}` : ''}
                  </li>
                ))}
              </ul>
            )}
            <Typography variant="body2">History</Typography>
            {app.history.length === 0 ? (
              <Typography variant="body2" color="textSecondary">
                No deployments recorded yet.
              </Typography>
            ) : (
              <ol>
                {app.history.map(h => (
                  <li key={h.id}>
                    <Revision sha={h.revision} repoSlug={row.repoSlug} />
                    {h.deployedAt
                      ? ` deployed ${ageOf(h.deployedAt, now)} ago`
                      : ''}
                    {by(h.initiatedBy)}
                  </li>
                ))}
              </ol>
            )}
          </Fragment>
        ))}
      </InfoCard>
    </section>
  );
}
