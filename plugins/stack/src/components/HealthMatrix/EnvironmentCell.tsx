import { ReactNode } from 'react';
import ButtonBase from '@material-ui/core/ButtonBase';
import { makeStyles } from '@material-ui/core/styles';
import Typography from '@material-ui/core/Typography';
import type { EnvironmentHealth } from '@idp-stack/plugin-stack-common';
import { formatAge } from '../../lib/formatAge';
import { HealthBadge } from '../HealthBadge';
import { AppSummary } from './AppSummary';

const useStyles = makeStyles(theme => ({
  cell: {
    display: 'flex',
    flexDirection: 'column',
    alignItems: 'flex-start',
    gap: theme.spacing(0.25),
    minWidth: 0,
    overflowWrap: 'anywhere',
  },
  badge: {
    borderRadius: theme.shape.borderRadius,
    padding: theme.spacing(0.25, 0.5),
    marginLeft: theme.spacing(-0.5),
    '&.Mui-focusVisible': {
      outline: `2px solid ${theme.palette.primary.main}`,
    },
  },
}));

export interface EnvironmentCellProps {
  /** Service title, as in the row header and the test id. */
  service: string;
  environment: string;
  /** Undefined: the service has no Application in this environment. */
  env?: EnvironmentHealth;
  repoSlug?: string;
  now: number;
  expanded: boolean;
  onSelect: () => void;
  /** Per-environment actions (e.g. sync, refresh), shown under the summary. */
  children?: ReactNode;
}

/**
 * One service in one environment: its health badge (a button that opens the
 * details below the table), then one line per fact of each Application.
 */
export function EnvironmentCell({
  service,
  environment,
  env,
  repoSlug,
  now,
  expanded,
  onSelect,
  children,
}: EnvironmentCellProps) {
  const classes = useStyles();
  if (!env) {
    return (
      <Typography variant="body2" color="textSecondary">
        Not deployed to {environment}
      </Typography>
    );
  }
  const stale = env.applications.find(a => a.stale)?.stale;
  return (
    <div
      className={classes.cell}
      data-testid={`health-cell-${service}-${environment}`}
    >
      <ButtonBase
        className={classes.badge}
        aria-label={`Details of ${service} in ${environment}`}
        aria-expanded={expanded}
        onClick={onSelect}
        disableRipple
      >
        <HealthBadge
          health={env.healthStatus}
          sync={env.syncStatus}
          staleAge={stale ? formatAge(stale.ageSeconds) : undefined}
        />
      </ButtonBase>
      {env.applications.map(app => (
        <AppSummary
          key={`${app.instance}/${app.name}`}
          app={app}
          repoSlug={repoSlug}
          now={now}
        />
      ))}
      {children}
    </div>
  );
}
