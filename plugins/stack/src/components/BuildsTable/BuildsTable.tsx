import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import {
  ENVIRONMENTS,
  type BuildRun,
  type EntityBuilds,
} from '@internal/plugin-stack-common';
import { ExternalLink } from '../ExternalLink';
import { ageOf, formatAge } from '../../lib/formatAge';
import {
  deploymentOfLastSuccess,
  EnvironmentDeployment,
} from '../../lib/deploymentOfLastSuccess';

export interface BuildsTableProps {
  builds: EntityBuilds;
  now?: number;
}

const useStyles = makeStyles(theme => ({
  table: { borderCollapse: 'collapse', width: '100%' },
  cell: {
    border: `1px solid ${theme.palette.divider}`,
    padding: theme.spacing(0.75, 1),
    textAlign: 'left',
  },
  deployments: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: theme.spacing(2),
    listStyle: 'none',
    padding: 0,
  },
  ok: { color: theme.palette.status.ok },
  warn: { color: theme.palette.status.warning },
  muted: { color: theme.palette.text.secondary },
}));

function runStatus(run: BuildRun): string {
  return run.status === 'completed' ? run.conclusion ?? 'completed' : run.status.replace('_', ' ');
}

function Commit({ repository, sha }: { repository: string; sha: string }) {
  return (
    <ExternalLink href={`https://github.com/${repository}/commit/${sha}`} label={`commit ${sha.slice(0, 7)}`}>
      <code>{sha.slice(0, 7)}</code>
    </ExternalLink>
  );
}

function DeploymentText({ row, repository }: { row: EnvironmentDeployment; repository: string }) {
  const classes = useStyles();
  if (row.state === 'deployed') {
    return <span className={classes.ok}>runs the last successful build (#{row.run.runNumber})</span>;
  }
  if (row.state === 'not-deployed') {
    return <span className={classes.muted}>nothing deployed</span>;
  }
  return (
    <span className={classes.warn}>
      not yet: runs <Commit repository={repository} sha={row.revision} />
      {row.run ? ` (build #${row.run.runNumber})` : ''}
    </span>
  );
}

/**
 * Recent workflow runs of the entity's repository, and per environment
 * whether the newest successful build is what it runs.
 */
export function BuildsTable({ builds, now = Date.now() }: BuildsTableProps) {
  const classes = useStyles();
  const { lastSuccess, rows } = deploymentOfLastSuccess(builds, ENVIRONMENTS);
  return (
    <>
      <Typography variant="subtitle1" component="h3">
        Last successful build{' '}
        {lastSuccess ? (
          <>
            #{lastSuccess.runNumber} (<Commit repository={builds.repository} sha={lastSuccess.commit} />)
          </>
        ) : (
          '— none among the recent runs'
        )}
      </Typography>
      <ul className={classes.deployments} aria-label="Deployment of the last successful build">
        {rows.map(row => (
          <li key={row.environment} data-testid={`build-deployment-${row.environment}`}>
            <strong>{row.environment}</strong>: <DeploymentText row={row} repository={builds.repository} />
          </li>
        ))}
      </ul>
      <table className={classes.table} aria-label="Workflow runs">
        <thead>
          <tr>
            {['Run', 'Status', 'Branch', 'Commit', 'Started', 'Duration', 'Deployed in'].map(h => (
              <th key={h} className={classes.cell} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {builds.runs.map(run => (
            <tr key={run.id}>
              <td className={classes.cell}>
                <ExternalLink href={run.url}>
                  {run.workflowName} #{run.runNumber}
                </ExternalLink>
              </td>
              <td className={classes.cell}>{runStatus(run)}</td>
              <td className={classes.cell}>{run.branch ?? '—'}</td>
              <td className={classes.cell} title={run.commitMessage}>
                <Commit repository={builds.repository} sha={run.commit} />
              </td>
              <td className={classes.cell}>{run.startedAt ? `${ageOf(run.startedAt, now)} ago` : '—'}</td>
              <td className={classes.cell}>
                {run.durationSeconds !== undefined ? formatAge(run.durationSeconds) : '—'}
              </td>
              <td className={classes.cell}>{run.deployedIn.join(', ') || '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
