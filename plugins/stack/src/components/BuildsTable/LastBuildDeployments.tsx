import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { BuildRun } from '@idp-stack/plugin-stack-common';
import type { EnvironmentDeployment } from '../../lib/deploymentOfLastSuccess';
import { ToneStatus } from '../ToneStatus';
import { Commit } from './Commit';

const useStyles = makeStyles(theme => ({
  list: {
    display: 'flex',
    flexWrap: 'wrap',
    columnGap: theme.spacing(4),
    rowGap: theme.spacing(1),
    listStyle: 'none',
    margin: theme.spacing(1, 0, 2),
    padding: 0,
  },
}));

function DeploymentText({
  row,
  repository,
}: {
  row: EnvironmentDeployment;
  repository: string;
}) {
  if (row.state === 'deployed') {
    return (
      <ToneStatus tone="ok">
        {row.environment}: runs the last successful build (#{row.run.runNumber})
      </ToneStatus>
    );
  }
  if (row.state === 'not-deployed') {
    return (
      <ToneStatus tone="unknown">
        {row.environment}: nothing deployed
      </ToneStatus>
    );
  }
  return (
    <ToneStatus tone="warning">
      {row.environment}: not yet: runs&nbsp;
      <Commit repository={repository} sha={row.revision} />
      {row.run ? ` (build #${row.run.runNumber})` : ''}
    </ToneStatus>
  );
}

/** The newest successful build and, per environment, whether it runs it yet. */
export function LastBuildDeployments({
  lastSuccess,
  rows,
  repository,
}: {
  lastSuccess?: BuildRun;
  rows: EnvironmentDeployment[];
  repository: string;
}) {
  const classes = useStyles();
  return (
    <>
      <Typography variant="h6" component="h3">
        Last successful build{' '}
        {lastSuccess ? (
          <>
            #{lastSuccess.runNumber} (
            <Commit repository={repository} sha={lastSuccess.commit} />)
          </>
        ) : (
          '— none among the recent runs'
        )}
      </Typography>
      <ul
        className={classes.list}
        aria-label="Deployment of the last successful build"
      >
        {rows.map(row => (
          <li
            key={row.environment}
            data-testid={`build-deployment-${row.environment}`}
          >
            <DeploymentText row={row} repository={repository} />
          </li>
        ))}
      </ul>
    </>
  );
}
