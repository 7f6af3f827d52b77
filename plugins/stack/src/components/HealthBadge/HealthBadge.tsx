import { makeStyles, useTheme } from '@material-ui/core/styles';
import type {
  HealthStatusCode,
  SyncStatusCode,
} from '@internal/plugin-stack-common';
import { healthTone, syncTone } from '../../lib/healthTone';
import { toneColor } from '../../lib/toneColor';

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: theme.spacing(0.5),
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.borderRadius,
    border: `1px solid ${theme.palette.divider}`,
    fontSize: theme.typography.caption.fontSize,
    whiteSpace: 'nowrap',
  },
  dot: { width: 8, height: 8, borderRadius: '50%', flex: 'none' },
  stale: { fontStyle: 'italic', opacity: 0.75 },
}));

export interface HealthBadgeProps {
  health?: HealthStatusCode;
  sync?: SyncStatusCode;
  /** Prefix such as the environment name. */
  label?: string;
  /** Data is from an older fetch; shown dimmed with its age. */
  staleAge?: string;
}

/** One status at a glance: a theme-coloured dot plus text (never colour alone). */
export function HealthBadge({ health, sync, label, staleAge }: HealthBadgeProps) {
  const classes = useStyles();
  const theme = useTheme();
  const tone = health ? healthTone(health) : syncTone(sync);
  const parts = [health, sync].filter(Boolean).join(' · ') || 'No data';
  const text = label ? `${label}: ${parts}` : parts;
  const title = staleAge ? `${text} (stale, ${staleAge} old)` : text;
  return (
    <span
      className={`${classes.badge} ${staleAge ? classes.stale : ''}`}
      role="status"
      aria-label={title}
      title={title}
      data-testid="stack-health-badge"
      data-tone={tone}
    >
      <span
        className={classes.dot}
        style={{ background: toneColor(theme, tone) }}
        aria-hidden
      />
      {text}
      {staleAge ? ` (${staleAge} old)` : null}
    </span>
  );
}
