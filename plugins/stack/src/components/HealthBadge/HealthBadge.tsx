import { makeStyles } from '@material-ui/core/styles';
import type {
  HealthStatusCode,
  SyncStatusCode,
} from '@idp-stack/plugin-stack-common';
import { healthTone, syncTone } from '../../lib/healthTone';
import { ToneStatus } from '../ToneStatus';

const useStyles = makeStyles(theme => ({
  badge: {
    display: 'inline-flex',
    whiteSpace: 'nowrap',
    fontSize: theme.typography.body2.fontSize,
    // Backstage's Status is body1 Typography; the badge sets the size.
    '& .MuiTypography-root': { fontSize: 'inherit' },
  },
  compact: { fontSize: theme.typography.caption.fontSize },
  stale: { fontStyle: 'italic', opacity: 0.75 },
}));

export interface HealthBadgeProps {
  health?: HealthStatusCode;
  sync?: SyncStatusCode;
  /** Prefix such as the environment name. */
  label?: string;
  /** Data is from an older fetch; shown dimmed with its age. */
  staleAge?: string;
  /**
   * Show only the label next to the status icon (the catalog column); the
   * full status stays in the accessible name and the tooltip.
   */
  compact?: boolean;
}

/**
 * One status at a glance with Backstage's status icon and colour, plus text
 * (never colour alone): `role=status`, named "<label>: <health> · <sync>".
 */
export function HealthBadge({
  health,
  sync,
  label,
  staleAge,
  compact,
}: HealthBadgeProps) {
  const classes = useStyles();
  const tone = health ? healthTone(health) : syncTone(sync);
  const parts = [health, sync].filter(Boolean).join(' · ') || 'No data';
  const text = label ? `${label}: ${parts}` : parts;
  const title = staleAge ? `${text} (stale, ${staleAge} old)` : text;
  const shown = compact && label ? label : text;
  return (
    <span
      className={[
        classes.badge,
        compact ? classes.compact : '',
        staleAge ? classes.stale : '',
      ].join(' ')}
      role="status"
      aria-label={title}
      title={title}
      data-testid="stack-health-badge"
      data-tone={tone}
    >
      <ToneStatus tone={tone}>
        {shown}
        {staleAge && !compact ? ` (${staleAge} old)` : null}
      </ToneStatus>
    </span>
  );
}
