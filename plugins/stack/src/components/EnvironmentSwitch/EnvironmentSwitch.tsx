import { makeStyles } from '@material-ui/core/styles';
import { ENVIRONMENTS } from '@internal/plugin-stack-common';

const useStyles = makeStyles(theme => ({
  group: {
    display: 'inline-flex',
    border: `1px solid ${theme.palette.divider}`,
    borderRadius: theme.shape.borderRadius,
    overflow: 'hidden',
  },
  button: {
    font: 'inherit',
    fontSize: theme.typography.body2.fontSize,
    padding: theme.spacing(0.5, 1.5),
    border: 'none',
    background: 'transparent',
    color: theme.palette.text.primary,
    cursor: 'pointer',
    '&[aria-pressed="true"]': {
      background: theme.palette.primary.main,
      color: theme.palette.primary.contrastText,
    },
    '&:focus-visible': {
      outline: `2px solid ${theme.palette.primary.main}`,
      outlineOffset: -2,
    },
  },
}));

export interface EnvironmentSwitchProps {
  value: string;
  onChange: (environment: string) => void;
  environments?: readonly string[];
}

/**
 * Picks the environment whose health is shown. Native buttons with
 * `aria-pressed`: keyboard reachable, one always selected.
 */
export function EnvironmentSwitch({
  value,
  onChange,
  environments = ENVIRONMENTS,
}: EnvironmentSwitchProps) {
  const classes = useStyles();
  return (
    <div role="group" aria-label="Environment" className={classes.group}>
      {environments.map(env => (
        <button
          key={env}
          type="button"
          className={classes.button}
          aria-pressed={env === value}
          onClick={() => env !== value && onChange(env)}
        >
          {env}
        </button>
      ))}
    </div>
  );
}
