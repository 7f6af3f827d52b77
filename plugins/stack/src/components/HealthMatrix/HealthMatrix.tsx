import { Fragment, useState } from 'react';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import { ExternalLink } from '../ExternalLink';
import {
  ENVIRONMENTS,
  type ApplicationHealth,
  type EntityHealth,
  type SyncInitiator,
} from '@internal/plugin-stack-common';
import { HealthBadge } from '../HealthBadge';
import { ageOf, formatAge } from '../../lib/formatAge';
import { initiatorText } from '../../lib/syncInitiator';

/** " by alice" / " by Argo CD (automated)" after a sync, or nothing. */
function by(initiator?: SyncInitiator) {
  const text = initiatorText(initiator);
  return text ? ` ${text}` : '';
}

/** One row of the matrix: a service and its health, or why it has none. */
export interface HealthMatrixRow {
  entityRef: string;
  title: string;
  health?: EntityHealth;
  error?: string;
  /** `owner/repo` from `github.com/project-slug`, to link revisions to commits. */
  repoSlug?: string;
}

export interface HealthMatrixProps {
  rows: HealthMatrixRow[];
  environments?: readonly string[];
  /** Injected for tests; defaults to the clock. */
  now?: number;
}

const useStyles = makeStyles(theme => ({
  table: { borderCollapse: 'collapse', width: '100%' },
  cell: {
    border: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(1),
    verticalAlign: 'top',
    textAlign: 'left',
  },
  cellButton: {
    all: 'unset',
    cursor: 'pointer',
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
    '&:focus-visible': { outline: `2px solid ${theme.palette.primary.main}` },
  },
  muted: { color: theme.palette.text.secondary },
  details: { marginTop: theme.spacing(2) },
}));

function shortSha(sha: string) {
  return sha.slice(0, 7);
}

function Revision({ sha, repoSlug }: { sha?: string; repoSlug?: string }) {
  if (!sha) return null;
  if (!repoSlug) return <code>{shortSha(sha)}</code>;
  return (
    <ExternalLink href={`https://github.com/${repoSlug}/commit/${sha}`} label={`commit ${shortSha(sha)}`}>
      <code>{shortSha(sha)}</code>
    </ExternalLink>
  );
}

function AppSummary({
  app,
  repoSlug,
  now,
}: {
  app: ApplicationHealth;
  repoSlug?: string;
  now: number;
}) {
  const classes = useStyles();
  const synced = app.lastSync?.finishedAt ?? app.lastSync?.startedAt;
  const startedBy = initiatorText(app.operationInProgress?.initiatedBy);
  return (
    <>
      <Typography variant="caption" className={classes.muted}>
        rev <Revision sha={app.revision} repoSlug={repoSlug} />
      </Typography>
      {app.operationInProgress ? (
        <Typography variant="caption">
          {app.operationInProgress.phase}: {app.operationInProgress.message ?? 'sync running'}
          {startedBy && ` (started ${startedBy})`}
        </Typography>
      ) : null}
      {app.lastSync ? (
        <Typography variant="caption" className={classes.muted}>
          last sync {app.lastSync.phase}
          {synced ? ` ${ageOf(synced, now)} ago` : ''}
          {by(app.lastSync.initiatedBy)}
          {app.lastSync.message ? ` — ${app.lastSync.message}` : ''}
        </Typography>
      ) : null}
      {app.resourceIssues.length > 0 ? (
        <Typography variant="caption" color="error">
          {app.resourceIssues.length} resource
          {app.resourceIssues.length === 1 ? '' : 's'} out of sync or unhealthy
        </Typography>
      ) : null}
    </>
  );
}

function Details({
  row,
  environment,
  now,
}: {
  row: HealthMatrixRow;
  environment: string;
  now: number;
}) {
  const classes = useStyles();
  const env = row.health?.environments.find(e => e.environment === environment);
  return (
    <section className={classes.details} aria-label={`${row.title} in ${environment}`}>
      <Typography variant="h6">
        {row.title} in {environment}
      </Typography>
      {(env?.applications ?? []).map(app => (
        <Fragment key={`${app.instance}/${app.name}`}>
          <Typography variant="subtitle2">
            {app.url ? <ExternalLink href={app.url}>{app.name}</ExternalLink> : app.name} on {app.instance}
            {app.healthMessage ? ` — ${app.healthMessage}` : ''}
          </Typography>
          <Typography variant="body2">Resources out of sync or unhealthy</Typography>
          {app.resourceIssues.length === 0 ? (
            <Typography variant="body2" className={classes.muted}>
              None.
            </Typography>
          ) : (
            <ul>
              {app.resourceIssues.map(r => (
                <li key={`${r.kind}/${r.namespace}/${r.name}`}>
                  {r.kind} {r.namespace ? `${r.namespace}/` : ''}
                  {r.name}: {[r.syncStatus, r.healthStatus].filter(Boolean).join(', ')}
                  {r.message ? ` — ${r.message}` : ''}
                </li>
              ))}
            </ul>
          )}
          <Typography variant="body2">History</Typography>
          {app.history.length === 0 ? (
            <Typography variant="body2" className={classes.muted}>
              No deployments recorded yet.
            </Typography>
          ) : (
            <ol>
              {app.history.map(h => (
                <li key={h.id}>
                  <Revision sha={h.revision} repoSlug={row.repoSlug} />
                  {h.deployedAt ? ` deployed ${ageOf(h.deployedAt, now)} ago` : ''}
                  {by(h.initiatedBy)}
                </li>
              ))}
            </ol>
          )}
        </Fragment>
      ))}
    </section>
  );
}

/**
 * Service × environment matrix: sync and health, revision linked to its
 * commit, last sync and who started it, resources in trouble; stale cells are marked with
 * their age. Select a cell for its resources and deployment history.
 */
export function HealthMatrix({
  rows,
  environments = ENVIRONMENTS,
  now = Date.now(),
}: HealthMatrixProps) {
  const classes = useStyles();
  const [selected, setSelected] = useState<{ ref: string; env: string }>();
  const selectedRow = rows.find(r => r.entityRef === selected?.ref);

  return (
    <>
      <table className={classes.table} aria-label="Health by environment">
        <thead>
          <tr>
            <th className={classes.cell} scope="col">
              Service
            </th>
            {environments.map(env => (
              <th key={env} className={classes.cell} scope="col">
                {env}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map(row => (
            <tr key={row.entityRef}>
              <th className={classes.cell} scope="row">
                {row.title}
              </th>
              {row.error ? (
                <td className={classes.cell} colSpan={environments.length}>
                  <Typography variant="body2" className={classes.muted}>
                    No health: {row.error}
                  </Typography>
                </td>
              ) : (
                environments.map(envName => {
                  const env = row.health?.environments.find(e => e.environment === envName);
                  if (!env) {
                    return (
                      <td key={envName} className={classes.cell}>
                        <Typography variant="body2" className={classes.muted}>
                          Not deployed to {envName}
                        </Typography>
                      </td>
                    );
                  }
                  const stale = env.applications.find(a => a.stale)?.stale;
                  return (
                    <td key={envName} className={classes.cell} data-testid={`health-cell-${row.title}-${envName}`}>
                      <button
                        type="button"
                        className={classes.cellButton}
                        aria-label={`Details of ${row.title} in ${envName}`}
                        aria-expanded={selected?.ref === row.entityRef && selected.env === envName}
                        onClick={() => setSelected({ ref: row.entityRef, env: envName })}
                      >
                        <HealthBadge
                          health={env.healthStatus}
                          sync={env.syncStatus}
                          staleAge={stale ? formatAge(stale.ageSeconds) : undefined}
                        />
                      </button>
                      {env.applications.map(app => (
                        <AppSummary key={`${app.instance}/${app.name}`} app={app} repoSlug={row.repoSlug} now={now} />
                      ))}
                    </td>
                  );
                })
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {selectedRow && selected ? (
        <Details row={selectedRow} environment={selected.env} now={now} />
      ) : null}
    </>
  );
}
