import ToggleButton from '@material-ui/lab/ToggleButton';
import ToggleButtonGroup from '@material-ui/lab/ToggleButtonGroup';
import { ENVIRONMENTS } from '../../lib/environments';

export interface EnvironmentSwitchProps {
  value: string;
  onChange: (environment: string) => void;
  environments?: readonly string[];
}

/** Picks the environment whose health is shown; keyboard reachable, one always selected. */
export function EnvironmentSwitch({
  value,
  onChange,
  environments = ENVIRONMENTS,
}: EnvironmentSwitchProps) {
  return (
    <ToggleButtonGroup
      size="small"
      exclusive
      value={value}
      aria-label="Environment"
      onChange={(_e, next: string | null) => {
        if (next) onChange(next);
      }}
    >
      {environments.map(env => (
        <ToggleButton key={env} value={env} aria-label={env} disableRipple>
          {env}
        </ToggleButton>
      ))}
    </ToggleButtonGroup>
  );
}
